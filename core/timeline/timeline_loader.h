// TimelineLoader: fetches what the DeploymentTimeline is built from through the GitHubClient, at
// a bounded cost: runs in the window (paginated); then, all at once, the jobs of the runs that are
// new or changed and the statuses of the deployments that are new or changed, batched through
// GraphQL by 100 (REST when GraphQL is not there; see batched_reads.h), and the commits of the
// shas, batched likewise. A completed run's jobs and an unchanged deployment's statuses are read
// once. Waves: the lists (one per page), the fan-out, the commits found only in artifacts.
#pragma once

#include "core/github/github_client.h"
#include "core/timeline/deployment_timeline.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

namespace releasedesk {

struct TimelineLoaderConfig {
  std::string productionWorkflow = "production-stage.yml";
  std::string acceptanceWorkflow = "acceptance-stage.yml";
  std::string environment = "production";
  std::chrono::seconds window = std::chrono::days(30);
  // Tasks in flight at once in the fan-out stages (the batched jobs and statuses are one task, each
  // artifact list one); 0: all at once (the transport queues beyond its per-host connection
  // limit, and a bound here only adds round trips).
  int maxParallel = 0;
  int maxOlderDeployments = 20;  // older deployments probed for the live one when the window has none
};

// How far a refresh has read, for a progress display: the lists first, then the jobs of the runs
// that need them (`jobsTotal` is 0 until the lists are in).
struct TimelineProgress {
  bool listed = false;
  int jobsDone = 0;
  int jobsTotal = 0;
};

struct TimelineRefresh {
  std::optional<GitHubError> error;  // the runs or deployments could not be listed: no timeline
  TimelineInputs inputs;
  DeploymentTimeline timeline;
  DoraFigures dora;                   // over the loader's window ending now
  RequestCounters cost;               // what this refresh cost
  std::vector<std::string> warnings;  // partial failures (a run's jobs, a commit): shown, not fatal
};

// Thread: use it on the client's transport thread; `done` runs there, once, from a client
// callback (never inside refresh()). Destroying the loader drops the callback of a refresh in flight. One refresh at a
// time: refresh() while one is running is answered when that one finishes.
class TimelineLoader {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;
  TimelineLoader(GitHubClient& client, Clock clock, TimelineLoaderConfig config = {});
  // Reads the time from `scheduler`, which must outlive the loader.
  TimelineLoader(GitHubClient& client, const Scheduler& scheduler, TimelineLoaderConfig config = {})
      : TimelineLoader(
            client, [&scheduler] { return scheduler.now(); }, std::move(config)) {}
  ~TimelineLoader();
  TimelineLoader(const TimelineLoader&) = delete;
  TimelineLoader& operator=(const TimelineLoader&) = delete;

  const TimelineLoaderConfig& config() const { return config_; }
  void setWindow(std::chrono::seconds window) { config_.window = window; }
  // Tells the loader the candidate_sha of a run the desk dispatched itself.
  void recordDispatch(std::int64_t runId, std::string sha) { dispatched_[runId] = std::move(sha); }

  void refresh(std::function<void(TimelineRefresh)> done);
  // Called on the transport thread as a refresh moves on: when the lists are in and after each
  // run's jobs are read.
  void setProgress(std::function<void(const TimelineProgress&)> progress) { progress_ = std::move(progress); }

 private:
  class Pass;
  void finished(TimelineRefresh result);
  struct JobsEntry {
    std::string updatedAt;  // the run's updated_at when these jobs were read
    std::vector<Job> jobs;
  };
  struct StatusesEntry {
    std::string updatedAt;  // the deployment's updated_at when these statuses were read
    std::vector<DeploymentStatus> statuses;
  };

  GitHubClient& client_;
  Clock clock_;
  std::function<void(const TimelineProgress&)> progress_;
  TimelineLoaderConfig config_;
  std::map<std::int64_t, JobsEntry> jobs_;
  std::map<std::int64_t, StatusesEntry> statuses_;
  std::unordered_map<std::string, TimePoint> commitTimes_;
  std::set<std::string> missingCommits_;
  std::unordered_map<std::int64_t, std::string> artifactShas_;
  std::set<std::int64_t> artifactsChecked_;
  std::unordered_map<std::int64_t, std::string> dispatched_;
  std::shared_ptr<Pass> pass_;
  std::vector<std::function<void(TimelineRefresh)>> waiting_;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
};

}  // namespace releasedesk
