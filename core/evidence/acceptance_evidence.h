// Fetching one candidate's acceptance evidence from GitHub: the newest completed Acceptance Stage
// run of the SHA, its evidence artifact, and the evidence-manifest.json inside it. The bytes are
// verified by the caller with the same contract as a local tree (evidence_manifest.h).
#pragma once

#include "core/evidence/candidate_feed.h"
#include "core/github/github_client.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace releasedesk {

enum class EvidenceFetchProblem {
  None,
  NoAcceptanceRun,  // no completed run of the acceptance workflow for the SHA
  NoArtifact,       // the run uploaded no evidence artifact
  Expired,          // the artifact expired: GitHub no longer keeps its files
  NoManifest,       // the artifact holds no readable evidence-manifest.json
  GitHub,           // GitHub could not be asked (network, API, permissions): `error` says which
};

struct FetchedEvidence {
  EvidenceFetchProblem problem = EvidenceFetchProblem::None;
  std::string message;               // the sentence why, when `problem` is set
  std::optional<GitHubError> error;  // for EvidenceFetchProblem::GitHub
  std::int64_t runId = 0;            // the acceptance run read, when one was found
  std::string runUrl;
  std::string artifactName;
  std::string manifest;  // the bytes of evidence-manifest.json, when `problem` is None

  bool ok() const { return problem == EvidenceFetchProblem::None; }
};

// Calls `done` once, on the client's thread. `options.acceptanceWorkflow` names the workflow
// file; its other fields are not used. Dropping the returned handle drops the callback.
std::shared_ptr<void> fetchAcceptanceEvidence(GitHubClient& client, const std::string& sha,
                                              const CandidateFeedOptions& options,
                                              std::function<void(FetchedEvidence)> done);

}  // namespace releasedesk
