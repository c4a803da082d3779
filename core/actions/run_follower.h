// RunFollower: follows one workflow run until it completes — getRun + listJobs on the
// scheduler's timer (conditional requests: an unchanged poll costs no rate limit) — and
// reports its phase: queued, queued behind the production-mutation lock, waiting for approval,
// job N of M running, completed with its conclusion.
#pragma once

#include "core/github/github_client.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace releasedesk {

enum class FollowPhase { Queued, QueuedBehindLock, WaitingForApproval, Running, Completed };
std::string_view toString(FollowPhase phase);  // "queued", "queued behind lock", "waiting for approval", ...

struct FollowUpdate {
  std::int64_t runId = 0;
  FollowPhase phase = FollowPhase::Queued;
  std::optional<WorkflowRun> run;  // the latest read
  std::vector<Job> jobs;
  int jobIndex = 0;  // 1-based: the job running, waiting or pending; 0 when none
  int jobCount = 0;
  std::string jobName;
  std::string conclusion;            // once completed
  std::string sentence;              // "job 3 of 5 running: production-mutate", "completed: success"
  std::optional<GitHubError> error;  // the latest poll failed (following goes on)
  bool finished = false;             // the last update: completed, stopped after errors, or stop()
};

struct RunFollowerConfig {
  std::chrono::milliseconds interval{5000};
  int maxConsecutiveErrors = 5;  // then the follower gives up with finished = true
};

// Phases from a run and its jobs (pure): a job `waiting` → waiting for approval; a job `pending`
// (or the run `pending`) → queued behind the lock; a job in progress → running.
FollowUpdate describeRun(const WorkflowRun& run, const std::vector<Job>& jobs);

class RunFollower {
 public:
  RunFollower(GitHubClient& client, Scheduler& scheduler, std::int64_t runId, RunFollowerConfig config = {});
  ~RunFollower();  // stops; no update after destruction
  RunFollower(const RunFollower&) = delete;
  RunFollower& operator=(const RunFollower&) = delete;

  // Polls at once, then every interval. `onUpdate` runs on the client's callback thread after a
  // poll whose phase, job or error changed, and once more with finished = true.
  void start(std::function<void(const FollowUpdate&)> onUpdate);
  // Stops polling; the last update (finished, with the latest state) is delivered later.
  void stop();
  int polls() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace releasedesk
