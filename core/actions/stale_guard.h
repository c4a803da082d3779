// The stale-head guard of the production stage (job `stale-guard`): may this run deploy its
// candidate? An auto promotion (workflow_run) deploys only the branch's current head, and never
// a commit behind what is live in the environment; a replay or rollback (workflow_dispatch) is a
// person's decision and always proceeds. Whatever cannot be read makes the guard undecided, and
// undecided never proceeds (fail closed).
#pragma once

#include "core/github/github_client.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace releasedesk {

// What is live in the environment: the deployment with the newest `success` status.
struct LiveProduction {
  std::int64_t deploymentId = 0;
  std::string sha;
};

struct StaleGuardRequest {
  std::string sha;    // the candidate, 40 hex
  std::string event;  // "workflow_run", "workflow_dispatch"
  std::string branch = "main";
  std::string environment = "production";
};

// What the guard read from GitHub; an empty optional was not read (the guard stopped before).
struct StaleGuardFacts {
  std::optional<Result<Branch>> head;
  std::optional<Result<std::optional<LiveProduction>>> live;
  std::optional<Result<CommitComparison>> comparison;  // live...sha
};

struct StaleGuardDecision {
  bool decided = false;  // false: something could not be read (exit 1)
  bool proceed = false;  // never true when undecided
  std::string reason;    // one sentence for the log, the summary and the `reason` output
};

// The decision over what was read. Pure: no I/O.
StaleGuardDecision decideStaleGuard(const StaleGuardRequest& request, const StaleGuardFacts& facts);

// Reads what the decision needs — the branch head, then the live deployment, then the
// comparison — stopping as soon as the answer is known, and calls `done` once on the client's
// thread; when nothing needs reading (a replay, an unknown event) before it returns. Dropping the
// returned handle drops the callback.
std::shared_ptr<void> runStaleGuard(GitHubClient& client, StaleGuardRequest request,
                                    std::function<void(StaleGuardDecision)> done);

// Finds the live deployment of `environment`: deployments newest first, the first whose
// statuses hold a `success`. std::nullopt (no error) when none ever succeeded. Reads the
// statuses of at most `maxDeployments` deployments; past that it is an error, not a guess.
std::shared_ptr<void> findLiveProduction(GitHubClient& client, const std::string& environment,
                                         std::function<void(Result<std::optional<LiveProduction>>)> done,
                                         int maxDeployments = 30);

}  // namespace releasedesk
