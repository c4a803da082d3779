// CandidateCatalog: the accepted and rejected candidates found in an `.artifacts` tree, whether
// scanned on disk (artifact_tree.h) or read from GitHub run artifacts (candidate_feed.h).
#pragma once

#include "core/evidence/evidence_manifest.h"
#include "core/github/github_types.h"

#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// One `acceptance/<sha>/evidence-manifest.json` and its verdict.
struct CandidateEntry {
  std::string sha;   // the folder name
  std::string path;  // relative to the tree root: "acceptance/<sha>/evidence-manifest.json"
  EvidenceReport report;
  // Set when the manifest exists but could not be read ("cannot read <path>: permission
  // denied"); the report then holds one error finding that says so.
  std::string readError;
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
  // From GitHub: the acceptance runs listed (newest first), which tie each candidate to its run
  // and its acceptance time. Empty for a tree on disk.
  std::vector<WorkflowRun> acceptanceRuns;

  const CandidateEntry* find(std::string_view sha) const;
};

}  // namespace releasedesk
