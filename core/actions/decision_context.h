// DecisionContext: what a review or a replay decision is shown beside — the candidates with
// their relation to live (over the production timeline), the environment's readiness and the
// approval inbox — read together through one GitHubClient, all requests of a read in flight at
// once. The desk's Approvals and Candidates pages and the console's acting commands read it.
#pragma once

#include "core/actions/approval_inbox.h"
#include "core/actions/live_relation.h"
#include "core/environment/completeness_report.h"
#include "core/evidence/candidate_catalog.h"
#include "core/timeline/deployment_timeline.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

class GitHubClient;
class Scheduler;

// The candidates of the acceptance runs, each tied to its run, and how each stands against live.
struct CandidateRelations {
  CandidateCatalog catalog;
  std::vector<ActionCandidate> candidates;  // newest acceptance first
  DeploymentTimeline timeline;              // production, over the reader's window
  LiveRelationTable relations;              // rows in the order of `candidates`

  const ActionCandidate* find(std::string_view sha) const;
  // By full sha, or by a prefix of at least 7 hex digits that only one candidate has.
  const ActionCandidate* findByPrefix(std::string_view shaOrPrefix) const;
  const CandidateRelation* relationOf(std::string_view sha) const { return relations.find(sha); }
  // The diff against live; a sha without evidence is compared as an empty candidate.
  CandidateDiff diff(std::string_view sha) const;
};

struct DecisionContext {
  // Each part is empty when it could not be read, with the reason beside it.
  std::optional<CandidateRelations> candidates;
  std::string candidatesError;
  std::optional<CompletenessReport> environment;
  std::string environmentError;  // the gates then count the environment as not ready
  std::optional<ApprovalInbox> inbox;
  std::string inboxError;
  std::vector<std::string> warnings;  // partial reads: skipped artifacts, a run's jobs, …
  bool credentialsRejected = false;   // GitHub answered 401 somewhere: the fix is a new token
  RequestCounters cost;               // what this read cost
};

struct DecisionContextConfig {
  std::string environment = "production";
  std::string productionWorkflow = "production-stage.yml";
  std::string acceptanceWorkflow = "acceptance-stage.yml";
  // How far back the timeline reads: far enough to tell older candidates by their deployments.
  std::chrono::seconds window = std::chrono::days(90);
};

// What one read asks for: the inbox and the environment are skipped when a caller does not need
// them (the console's `candidates` reads only the candidates).
struct DecisionContextParts {
  bool candidates = true;
  bool environment = true;
  bool inbox = true;
};

// Keeps the feed's downloaded artifacts and the timeline loader's cache between reads, so a
// second read of an unchanged repository is answered from 304s, free of rate limit.
//
// Thread: `done` runs once on the client's callback thread, never inside read(); dropped once
// the reader is destroyed. The client and scheduler must outlive the reader. One read at a time:
// a read() while one is running is answered when a fresh read after it finishes.
class DecisionContextReader {
 public:
  DecisionContextReader(GitHubClient& client, Scheduler& scheduler, DecisionContextConfig config = {});
  ~DecisionContextReader();
  DecisionContextReader(const DecisionContextReader&) = delete;
  DecisionContextReader& operator=(const DecisionContextReader&) = delete;

  const DecisionContextConfig& config() const;
  // The candidates as the caller has already read them (the desk's session reads the evidence):
  // later reads use this catalogue instead of downloading the evidence again, and list only the
  // timeline for the candidates' relation to live. An empty catalogue (error set) is kept too.
  void useCatalog(CandidateCatalog catalog);
  // Tells the timeline the candidate_sha of a run the desk dispatched itself.
  void recordDispatch(std::int64_t runId, std::string sha);
  void read(DecisionContextParts parts, std::function<void(DecisionContext)> done);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace releasedesk
