// One timeline refresh as a small pipeline: list (runs, acceptance runs, deployments) → bounded
// fan-out (jobs, statuses, artifacts) → commits of new shas → build.
#include "core/timeline/timeline_loader.h"

#include "core/github/batched_reads.h"
#include "core/github/commit_sha.h"
#include "core/workflow/workflow_lint.h"

#include <algorithm>
#include <deque>
#include <limits>

namespace releasedesk {

// A bounded batch of asynchronous tasks; `then` runs once all have finished.
class BoundedBatch {
 public:
  using Task = std::function<void(std::function<void()> finished)>;

  // `limit` <= 0: no bound.
  BoundedBatch(int limit, std::function<void()> then)
      : limit_(limit <= 0 ? std::numeric_limits<int>::max() : limit), then_(std::move(then)) {}
  void add(Task task) { queue_.push_back(std::move(task)); }
  // Starts the batch. The batch must outlive its tasks (the Pass owns it).
  void start() {
    if (queue_.empty()) {
      finish();
      return;
    }
    while (running_ < limit_ && !queue_.empty()) launch();
  }
  // Lets go of the tasks not started yet and of `then`, and what they hold (the Pass, which owns
  // this batch: without this, a batch whose tasks never finish keeps the Pass alive for ever).
  // Tasks already running may still call their `finished`; nothing more runs.
  void cancel() {
    const auto dropped = std::move(queue_);
    const auto then = std::move(then_);
    queue_.clear();
    then_ = nullptr;
  }

 private:
  void launch() {
    Task task = std::move(queue_.front());
    queue_.pop_front();
    ++running_;
    task([this] {
      --running_;
      if (!queue_.empty()) {
        launch();
      } else if (running_ == 0) {
        finish();
      }
    });
  }
  void finish() {
    if (auto then = std::move(then_)) then();
  }

  int limit_;
  int running_ = 0;
  std::deque<Task> queue_;
  std::function<void()> then_;
};

class TimelineLoader::Pass : public std::enable_shared_from_this<Pass> {
 public:
  Pass(TimelineLoader& loader, std::weak_ptr<bool> alive) : loader_(loader), alive_(std::move(alive)) {}

  // The loader is gone: its callbacks return before calling `finished`, so the batch would never
  // end and would hold this pass (and the pass it) for ever.
  void abandon() {
    if (batch_) batch_->cancel();
  }

  void start() {
    before_ = loader_.client_.counters();
    now_ = std::chrono::floor<std::chrono::seconds>(loader_.clock_());
    from_ = now_ - loader_.config_.window;
    RunFilter filter;
    const std::string day = formatIsoTime(from_).substr(0, 10);
    filter.created = ">=" + day;
    auto self = shared_from_this();
    pendingLists_ = 4;
    loader_.client_.listWorkflowRuns(loader_.config_.productionWorkflow, filter,
                                     [self](Result<std::vector<WorkflowRun>> r) {
                                       if (!self->alive()) return;
                                       if (r) {
                                         self->result_.inputs.runs = std::move(r).value();
                                       } else {
                                         self->result_.error = r.error();
                                       }
                                       self->listed();
                                     });
    filter.status = "success";
    loader_.client_.listWorkflowRuns(loader_.config_.acceptanceWorkflow, filter,
                                     [self](Result<std::vector<WorkflowRun>> r) {
                                       if (!self->alive()) return;
                                       if (r) {
                                         self->result_.inputs.acceptanceRuns = std::move(r).value();
                                       } else {
                                         self->result_.warnings.push_back("Acceptance runs: " + r.error().message);
                                       }
                                       self->listed();
                                     });
    // Where the workflow declares the production-mutation lock decides what a wait before the
    // first job is. Unreadable: the history tells (see TimelineInputs::lockScope).
    loader_.client_.getFileContents(
        ".github/workflows/" + loader_.config_.productionWorkflow, "", [self](const Result<FileContents>& r) {
          if (!self->alive()) return;
          if (r) {
            self->result_.inputs.lockScope = lintWorkflow(r.value().content, r.value().path).lockScope;
          }
          self->listed();
        });
    loader_.client_.listDeployments(loader_.config_.environment, [self](Result<std::vector<Deployment>> r) {
      if (!self->alive()) return;
      if (r) {
        self->result_.inputs.deployments = std::move(r).value();
      } else if (!self->result_.error) {
        self->result_.error = r.error();
      }
      self->listed();
    });
  }

 private:
  bool alive() const { return !alive_.expired(); }
  void reportProgress() const {
    if (loader_.progress_) loader_.progress_(progress_);
  }

  void listed() {
    if (--pendingLists_ > 0) return;
    if (result_.error) {
      complete();
      return;
    }
    fanOut();
  }

  // Jobs for runs that are new or changed and statuses for deployments that are new or changed
  // (or in progress), batched (see batched_reads.h); the artifact list of runs whose sha the title
  // does not give; the commits of the shas the lists already name. All in one wave.
  void fanOut() {
    auto self = shared_from_this();
    batch_ = std::make_unique<BoundedBatch>(loader_.config_.maxParallel, [self] { self->probeOlderDeployments(); });
    std::vector<RunJobsWanted> runs;
    for (const WorkflowRun& run : result_.inputs.runs) {
      const std::string stamp = run.updatedAt ? formatIsoTime(*run.updatedAt) : std::string();
      const auto cached = loader_.jobs_.find(run.id);
      const bool fresh =
          cached != loader_.jobs_.end() && cached->second.updatedAt == stamp && run.status == "completed";
      if (!fresh) {
        // A re-run brings new jobs: only a first attempt's, once completed, never change.
        runs.push_back({run.id, run.nodeId, run.runAttempt, run.status == "completed" && run.runAttempt <= 1});
        jobStamps_[run.id] = stamp;
      }
      if (!findSha(run.displayTitle) && run.status == "completed" && !loader_.artifactsChecked_.count(run.id)) {
        const std::int64_t id = run.id;
        const bool firstAttempt = run.runAttempt <= 1;
        batch_->add([self, id, firstAttempt](const std::function<void()>& finished) {
          self->loader_.client_.listArtifacts(
              id,
              [self, id, finished](const Result<std::vector<Artifact>>& r) {
                if (!self->alive()) return;
                if (r) {
                  self->loader_.artifactsChecked_.insert(id);
                  for (const Artifact& artifact : r.value()) {
                    if (auto sha = findSha(artifact.name)) self->loader_.artifactShas_[id] = *sha;
                  }
                }
                finished();
              },
              /*runCompleted=*/firstAttempt);
        });
      }
    }
    std::vector<const Deployment*> newestFirst;
    for (const Deployment& d : result_.inputs.deployments) newestFirst.push_back(&d);
    std::sort(newestFirst.begin(), newestFirst.end(), [](const Deployment* a, const Deployment* b) {
      return a->createdAt.value_or(TimePoint{}) > b->createdAt.value_or(TimePoint{});
    });
    std::vector<DeploymentStatusesWanted> deployments;
    for (const Deployment* d : newestFirst) {
      if (d->createdAt && *d->createdAt < from_) {
        older_.push_back(d);
      } else {
        if (auto wanted = statusesWanted(*d)) deployments.push_back(std::move(*wanted));
        if (const auto sha = findSha(d->sha); sha && *sha == d->sha) addCommit(*sha);
      }
    }
    progress_.jobsTotal = static_cast<int>(runs.size());
    addJobsAndStatuses(std::move(runs), std::move(deployments));
    // Shas the lists already give (a run's title, a deployment's sha) need no jobs or artifacts
    // first: their commits leave in this wave; only shas found in artifacts wait for it.
    for (const WorkflowRun& run : result_.inputs.runs) {
      if (const auto sha = findSha(run.displayTitle)) addCommit(*sha);
    }
    progress_.listed = true;
    reportProgress();
    startBatch();
  }

  // A commit's time is read once per sha; the shas of one wave go together.
  void addCommit(const std::string& sha) {
    if (loader_.commitTimes_.count(sha) || loader_.missingCommits_.count(sha) || !commitsAsked_.insert(sha).second)
      return;
    commitWave_.push_back(sha);
  }

  // Adds the wave's commits to the batch and starts it.
  void startBatch() {
    if (!commitWave_.empty()) {
      auto self = shared_from_this();
      batch_->add([self, shas = std::exchange(commitWave_, {})](const std::function<void()>& finished) {
        readCommitTimes(self->loader_.client_, shas, [self, finished](const CommitsRead& read) {
          if (!self->alive()) return;
          for (const auto& [sha, commit] : read.commits)
            self->loader_.commitTimes_[sha] = commit.committedAt.value_or(commit.authoredAt.value_or(TimePoint{}));
          for (const std::string& sha : read.missing) self->loader_.missingCommits_.insert(sha);
          finished();
        });
      });
    }
    batch_->start();
  }

  std::optional<DeploymentStatusesWanted> statusesWanted(const Deployment& deployment) {
    const std::string stamp = deployment.updatedAt ? formatIsoTime(*deployment.updatedAt) : std::string();
    const auto cached = loader_.statuses_.find(deployment.id);
    if (cached != loader_.statuses_.end() && cached->second.updatedAt == stamp && !stamp.empty()) return std::nullopt;
    statusStamps_[deployment.id] = stamp;
    return DeploymentStatusesWanted{deployment.id, deployment.nodeId, stamp};
  }

  void addJobsAndStatuses(std::vector<RunJobsWanted> runs, std::vector<DeploymentStatusesWanted> deployments) {
    if (runs.empty() && deployments.empty()) return;
    auto self = shared_from_this();
    batch_->add([self, runs = std::move(runs),
                 deployments = std::move(deployments)](const std::function<void()>& finished) {
      readJobsAndStatuses(
          self->loader_.client_, runs, deployments,
          [self](int runsRead) {
            if (!self->alive()) return;
            self->progress_.jobsDone = runsRead;
            self->reportProgress();
          },
          [self, finished](JobsAndStatuses&& read) {
            if (!self->alive()) return;
            for (auto& [id, jobs] : read.jobs) self->loader_.jobs_[id] = {self->jobStamps_[id], std::move(jobs)};
            for (const auto& [id, error] : read.jobErrors)
              self->result_.warnings.push_back("Jobs of run " + std::to_string(id) + ": " + error.message);
            for (auto& [id, statuses] : read.statuses)
              self->loader_.statuses_[id] = {self->statusStamps_[id], std::move(statuses)};
            for (const auto& [id, error] : read.statusErrors)
              self->result_.warnings.push_back("Statuses of deployment " + std::to_string(id) + ": " + error.message);
            finished();
          });
    });
  }

  bool hasSuccess(std::int64_t deploymentId) const {
    const auto it = loader_.statuses_.find(deploymentId);
    return it != loader_.statuses_.end() && std::any_of(it->second.statuses.begin(), it->second.statuses.end(),
                                                        [](const DeploymentStatus& s) { return s.state == "success"; });
  }

  // When no deployment in the window succeeded, older ones are read, newest first, until one
  // did: the live deployment may predate the window.
  void probeOlderDeployments() {
    const bool found =
        std::any_of(result_.inputs.deployments.begin(), result_.inputs.deployments.end(),
                    [&](const Deployment& d) { return (!d.createdAt || *d.createdAt >= from_) && hasSuccess(d.id); });
    if (found || older_.empty() || probed_ >= loader_.config_.maxOlderDeployments) {
      fetchCommits();
      return;
    }
    const Deployment* next = older_[static_cast<std::size_t>(probed_++)];
    included_.insert(next->id);
    if (hasSuccess(next->id)) {
      fetchCommits();
      return;
    }
    auto self = shared_from_this();
    batch_ = std::make_unique<BoundedBatch>(1, [self] { self->probeOlderDeployments(); });
    if (auto wanted = statusesWanted(*next)) addJobsAndStatuses({}, {std::move(*wanted)});
    batch_->start();
  }

  void assembleInputs() {
    TimelineInputs& in = result_.inputs;
    in.now = now_;
    for (const WorkflowRun& run : in.runs) {
      if (const auto it = loader_.jobs_.find(run.id); it != loader_.jobs_.end()) in.jobs[run.id] = it->second.jobs;
    }
    // Deployments outside the window that were not probed carry no statuses: leave them out.
    std::vector<Deployment> kept;
    for (Deployment& d : in.deployments) {
      const bool inWindow = !d.createdAt || *d.createdAt >= from_;
      if (!inWindow && !included_.count(d.id)) continue;
      if (const auto it = loader_.statuses_.find(d.id); it != loader_.statuses_.end())
        in.statuses[d.id] = it->second.statuses;
      kept.push_back(std::move(d));
    }
    in.deployments = std::move(kept);
    in.artifactShas = loader_.artifactShas_;
    in.dispatchedShas = loader_.dispatched_;
  }

  void fetchCommits() {
    assembleInputs();
    std::set<std::string> shas;
    const DeploymentTimeline draft = buildDeploymentTimeline(result_.inputs);
    for (const TimelineRun& lane : draft.runs) {
      if (lane.sha) shas.insert(*lane.sha);
    }
    for (const DeploymentRecord& d : draft.deployments) {
      if (d.sha.size() == 40) shas.insert(d.sha);
    }
    auto self = shared_from_this();
    batch_ = std::make_unique<BoundedBatch>(loader_.config_.maxParallel, [self] { self->complete(); });
    for (const std::string& sha : shas) addCommit(sha);
    startBatch();
  }

  void complete() {
    if (!result_.error) {
      result_.inputs.commitTimes = std::make_shared<const CommitTimes>(loader_.commitTimes_);
      result_.timeline = buildDeploymentTimeline(result_.inputs);
      result_.dora = computeDora(result_.timeline, from_, now_);
    }
    result_.cost = loader_.client_.counters() - before_;
    auto self = shared_from_this();  // finished() drops the loader's hold on this pass
    loader_.finished(std::move(result_));
  }

  TimelineLoader& loader_;
  std::weak_ptr<bool> alive_;
  RequestCounters before_;
  TimePoint now_;
  TimePoint from_;
  TimelineProgress progress_;
  int pendingLists_ = 0;
  int probed_ = 0;
  std::vector<const Deployment*> older_;
  std::set<std::int64_t> included_;
  std::set<std::string> commitsAsked_;                // this pass's commit reads, so none is sent twice
  std::vector<std::string> commitWave_;               // commits to read in the batch about to start
  std::map<std::int64_t, std::string> jobStamps_;     // the run's updated_at its jobs are read at
  std::map<std::int64_t, std::string> statusStamps_;  // the deployment's updated_at, likewise
  std::unique_ptr<BoundedBatch> batch_;
  TimelineRefresh result_;
};

TimelineLoader::TimelineLoader(GitHubClient& client, Clock clock, TimelineLoaderConfig config)
    : client_(client), clock_(std::move(clock)), config_(std::move(config)) {}

TimelineLoader::~TimelineLoader() {
  *alive_ = false;
  if (pass_) pass_->abandon();
}

void TimelineLoader::refresh(std::function<void(TimelineRefresh)> done) {
  waiting_.push_back(std::move(done));
  if (pass_) return;
  pass_ = std::make_shared<Pass>(*this, alive_);
  pass_->start();
}

void TimelineLoader::finished(TimelineRefresh result) {
  auto callbacks = std::move(waiting_);
  waiting_.clear();
  pass_.reset();
  if (callbacks.empty()) return;
  // Every waiter but the last gets a copy; the last takes the result itself.
  for (std::size_t i = 0; i + 1 < callbacks.size(); ++i) callbacks[i](result);
  callbacks.back()(std::move(result));
}

}  // namespace releasedesk
