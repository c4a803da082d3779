// LiveRelation: how each candidate stands against what is live in production (live, newer,
// older — a replay of it is a rollback — or never deployed) and what a candidate would change
// against live (digests, scope flags, kind). Pure functions over plain structs: no I/O.
#pragma once

#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_manifest.h"
#include "core/github/github_types.h"
#include "core/timeline/deployment_timeline.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// A candidate as the actions see it: the feed's verdict and manifest, tied to its acceptance run.
struct ActionCandidate {
  std::string sha;
  Verdict verdict = Verdict::Invalid;
  EvidenceManifest manifest;
  std::optional<std::int64_t> acceptanceRunId;
  OptionalTime acceptedAt;  // when its acceptance run was created
};

// Joins the feed's catalogue with the acceptance-stage runs (any order) by sha; the newest run
// of a sha wins. Candidates without a run keep acceptanceRunId empty.
std::vector<ActionCandidate> actionCandidates(const CandidateCatalog& catalog,
                                              const std::vector<WorkflowRun>& acceptanceRuns);

// Live: the candidate live now. Newer: younger than live (promoting it moves forward).
// Older: older than live and live at some point (a replay of it is a rollback).
// NeverDeployed: never successfully deployed to production and not newer than live (or nothing
// is live at all).
enum class LiveRelation { Live, Newer, Older, NeverDeployed };
std::string_view toString(LiveRelation relation);  // "live", "newer", "older", "never deployed"

struct CandidateRelation {
  std::string sha;
  LiveRelation relation = LiveRelation::NeverDeployed;
  bool olderThanLive = false;   // a replay of it is a rollback (the timeline's rule), deployed or not
  bool deployedBefore = false;  // had a `success` status in production
  OptionalTime lastSuccessAt;   // its latest `success` status in production
};

struct LiveRelationTable {
  std::optional<LiveDeployment> live;   // the timeline's: latest `success` in production
  std::vector<CandidateRelation> rows;  // in the order of the candidates given
  const CandidateRelation* find(std::string_view sha) const;
};

// "Older" is by commit time when the timeline knows both commits, else by acceptance time.
LiveRelationTable relateToLive(const DeploymentTimeline& timeline, const std::vector<ActionCandidate>& candidates);

// Whether `a` is older than `b` by the rule above; std::nullopt when it cannot be told.
std::optional<bool> olderCandidate(const DeploymentTimeline& timeline, const ActionCandidate& a,
                                   const ActionCandidate& b);

enum class DigestChange { Same, Changed, Unknown };
std::string_view toString(DigestChange change);  // "same", "changed", "unknown"

struct ScopeFlagChange {
  std::string name;
  bool candidate = false;
  bool live = false;
};

struct CandidateDiff {
  std::string sha;
  std::string liveSha;     // empty when nothing is live
  bool liveKnown = false;  // the live candidate's manifest was among the candidates
  DigestChange api = DigestChange::Unknown;
  DigestChange web = DigestChange::Unknown;
  std::vector<ScopeFlagChange> scope;  // only the flags that differ
  std::string kind;
  std::string liveKind;

  bool sameAsLive() const { return !liveSha.empty() && sha == liveSha; }
  // "API changed, Web same, scope infra on (live off), kind runtime (live infra)";
  // "same as live"; "nothing is live"; "live 0b8f1f0b is not among the candidates".
  std::string summary() const;
};

// Compares by the digests (sha256:...) of the API and Web refs; `live` may be null.
CandidateDiff diffAgainstLive(const ActionCandidate& candidate, const std::string& liveSha,
                              const ActionCandidate* live);
// The same, with the live candidate looked up among `candidates` by the table's live sha.
CandidateDiff diffAgainstLive(const ActionCandidate& candidate, const LiveRelationTable& table,
                              const std::vector<ActionCandidate>& candidates);

}  // namespace releasedesk
