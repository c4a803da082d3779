// Scanning an `.artifacts` tree (on disk or in memory) for acceptance evidence: the candidate
// catalogue it yields.
//
// Reads only regular files inside the tree: symlinks that resolve outside it are reported and
// never followed.
#pragma once

#include "core/evidence/candidate_catalog.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// A file of an artifact tree held in memory: its path relative to the tree root and its bytes.
struct TreeFile {
  std::string path;
  std::string_view bytes;
};

// Catalogues the acceptance evidence among `files` (other files are ignored).
CandidateCatalog catalogFromFiles(const std::vector<TreeFile>& files);

// Scans `root` (an `.artifacts` folder, or a folder holding one) on disk.
CandidateCatalog scanArtifactTree(const std::filesystem::path& root);

// Reads one file with the manifest size cap. Returns false and sets `error` on failure.
bool readManifestFile(const std::filesystem::path& file, std::string& bytes, std::string& error);

}  // namespace releasedesk
