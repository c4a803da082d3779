// ApprovalInbox: the production-stage runs waiting for a review, each with its pending
// deployments, and who holds the production-mutation lock with the runs queued behind it.
// Read through GitHubClient: every request is conditional, so an unchanged re-read costs no
// rate limit (GitHub answers 304).
#pragma once

#include "core/actions/live_relation.h"
#include "core/github/github_client.h"
#include "core/timeline/deployment_timeline.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace releasedesk {

struct InboxEntry {
  WorkflowRun run;
  std::optional<std::string> sha;  // from the run title "Production Stage: <sha>"
  RunClass runClass = RunClass::Auto;
  std::vector<PendingDeployment> pending;
  TimePoint waitingSince;  // the earliest wait_timer_started_at, else the run's updated_at

  // Whether GitHub lets the token's user approve every pending environment.
  bool canApprove() const;
  std::vector<std::int64_t> environmentIds() const;
};

// The production-mutation lock: the run that holds it (in progress) and those queued behind it
// (`pending`, oldest first). GitHub keeps at most one run pending per concurrency group and
// cancels the older pending one when another arrives.
struct ProductionLock {
  std::optional<WorkflowRun> holder;
  std::vector<WorkflowRun> queued;
  // "held by run 123 (Production Stage: 0b8f…); 1 queued behind it" / "free".
  std::string summary() const;
};

struct ApprovalInbox {
  std::optional<GitHubError> error;  // the runs could not be listed: nothing else is valid
  std::vector<InboxEntry> waiting;   // oldest wait first
  ProductionLock lock;
  std::vector<std::string> warnings;  // a run's pending deployments could not be read
  RequestCounters cost;               // what this read cost
};

struct ApprovalInboxConfig {
  std::string productionWorkflow = "production-stage.yml";
};

// A run's class: the timeline's lane when it knows the run; otherwise a later attempt is a
// re-run, a workflow_dispatch a replay, or a rollback when its sha is older than live by the
// timeline's commit times.
RunClass classifyRun(const WorkflowRun& run, const DeploymentTimeline* timeline);

class ApprovalInboxReader {
 public:
  ApprovalInboxReader(GitHubClient& client, ApprovalInboxConfig config = {});
  ~ApprovalInboxReader();
  ApprovalInboxReader(const ApprovalInboxReader&) = delete;
  ApprovalInboxReader& operator=(const ApprovalInboxReader&) = delete;

  // Lists waiting, in-progress and pending production runs (three conditional requests) and the
  // pending deployments of each waiting run (one each). `timeline` (may be null; read during
  // this call only) classifies runs. `done` runs once on the client's callback thread, never
  // inside read(); dropped once the reader is destroyed.
  void read(const DeploymentTimeline* timeline, std::function<void(ApprovalInbox)> done);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace releasedesk
