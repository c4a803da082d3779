// Scanning an `.artifacts` tree (on disk or in memory) for acceptance evidence: the candidate
// catalogue it yields.
//
// One containment rule: nothing is read from outside the folder the user named. A symlink
// (`.artifacts`, `acceptance`, a candidate folder, a manifest) that resolves outside it is
// reported as skipped and never followed. Only regular files are read, never waiting on one.
#pragma once

#include "core/evidence/candidate_catalog.h"

#include <filesystem>
#include <functional>
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

// The same scan, handing each candidate to `onCandidate` in sha order as soon as its manifest is
// verified, so a tree of any size is held in memory one manifest at a time. The catalogue
// returned has no candidates: only the root, what was skipped (sorted) and the error. When the
// error says the tree cannot be read, `onCandidate` was never called.
CandidateCatalog scanArtifactTree(const std::filesystem::path& root,
                                  const std::function<void(CandidateEntry)>& onCandidate);

// Reads only `acceptance/<sha>/` of the tree at `root`, under the same rules as the scan: the
// catalogue holds that candidate or nothing, with what was skipped on the way to it.
CandidateCatalog readCandidate(const std::filesystem::path& root, std::string_view sha);

// Reads one manifest file: a regular file, at most one byte past the manifest size cap (the
// validator says it is too large). Returns false and sets `error` otherwise.
bool readManifestFile(const std::filesystem::path& file, std::string& bytes, std::string& error);

}  // namespace releasedesk
