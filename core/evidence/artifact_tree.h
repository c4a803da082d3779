// Scanning an `.artifacts` tree for acceptance evidence, and cataloguing candidates.
//
// Reads only regular files inside the tree: symlinks that resolve outside it are reported and
// never followed.
#pragma once

#include "core/evidence/evidence_manifest.h"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// One `acceptance/<sha>/evidence-manifest.json` and its verdict.
struct CandidateEntry {
  std::string sha;   // the folder name
  std::string path;  // relative to the tree root: "acceptance/<sha>/evidence-manifest.json"
  EvidenceReport report;
};

// Something in the tree that was skipped, and why.
struct SkippedEntry {
  std::string path;  // relative to the tree root
  std::string reason;
};

struct CandidateCatalog {
  std::string root;                        // as given; "" for an embedded tree
  std::vector<CandidateEntry> candidates;  // sorted by sha
  std::vector<SkippedEntry> skipped;
  std::string error;  // set when the tree itself could not be read
  // A GitHub source refused the token (401) somewhere in the read: the fix is a new token.
  bool credentialsRejected = false;

  const CandidateEntry* find(std::string_view sha) const;
};

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

bool isCommitSha(std::string_view text);

}  // namespace releasedesk
