// One timeline refresh as a small pipeline: list (runs, acceptance runs, deployments) → bounded
// fan-out (jobs, statuses, artifacts) → commits of new shas → build.
#include "core/timeline/timeline_loader.h"

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

  // Jobs for runs that are new or changed, statuses for deployments that are new or changed (or
  // in progress), the artifact list of runs whose sha the title does not give.
  void fanOut() {
    auto self = shared_from_this();
    batch_ = std::make_unique<BoundedBatch>(loader_.config_.maxParallel, [self] { self->probeOlderDeployments(); });
    for (const WorkflowRun& run : result_.inputs.runs) {
      const std::string stamp = run.updatedAt ? formatIsoTime(*run.updatedAt) : std::string();
      const auto cached = loader_.jobs_.find(run.id);
      const bool fresh =
          cached != loader_.jobs_.end() && cached->second.updatedAt == stamp && run.status == "completed";
      if (!fresh) {
        const std::int64_t id = run.id;
        // A re-run brings new jobs: only a first attempt's, once completed, never change.
        const bool completed = run.status == "completed" && run.runAttempt <= 1;
        ++progress_.jobsTotal;
        batch_->add([self, id, stamp, completed](const std::function<void()>& finished) {
          self->loader_.client_.listJobs(
              id,
              [self, id, stamp, finished](Result<std::vector<Job>> r) {
                if (!self->alive()) return;
                if (r) {
                  self->loader_.jobs_[id] = {stamp, std::move(r).value()};
                } else {
                  self->result_.warnings.push_back("Jobs of run " + std::to_string(id) + ": " + r.error().message);
                }
                ++self->progress_.jobsDone;
                self->reportProgress();
                finished();
              },
              completed);
        });
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
    for (const Deployment* d : newestFirst) {
      if (d->createdAt && *d->createdAt < from_) {
        older_.push_back(d);
      } else {
        addStatuses(*d);
        if (const auto sha = findSha(d->sha); sha && *sha == d->sha) addCommit(*sha);
      }
    }
    // Shas the lists already give (a run's title, a deployment's sha) need no jobs or artifacts
    // first: their commits leave in this wave; only shas found in artifacts wait for it.
    for (const WorkflowRun& run : result_.inputs.runs) {
      if (const auto sha = findSha(run.displayTitle)) addCommit(*sha);
    }
    progress_.listed = true;
    reportProgress();
    batch_->start();
  }

  // Reads a commit's time once per sha, in the current batch.
  void addCommit(const std::string& sha) {
    if (loader_.commitTimes_.count(sha) || loader_.missingCommits_.count(sha) || !commitsAsked_.insert(sha).second)
      return;
    auto self = shared_from_this();
    batch_->add([self, sha](const std::function<void()>& finished) {
      self->loader_.client_.getCommit(sha, [self, sha, finished](const Result<Commit>& r) {
        if (!self->alive()) return;
        if (r && (r.value().committedAt || r.value().authoredAt)) {
          self->loader_.commitTimes_[sha] = r.value().committedAt.value_or(*r.value().authoredAt);
        } else {
          self->loader_.missingCommits_.insert(sha);
        }
        finished();
      });
    });
  }

  void addStatuses(const Deployment& deployment) {
    const std::string stamp = deployment.updatedAt ? formatIsoTime(*deployment.updatedAt) : std::string();
    const auto cached = loader_.statuses_.find(deployment.id);
    if (cached != loader_.statuses_.end() && cached->second.updatedAt == stamp && !stamp.empty()) return;
    auto self = shared_from_this();
    const std::int64_t id = deployment.id;
    batch_->add([self, id, stamp](const std::function<void()>& finished) {
      self->loader_.client_.listDeploymentStatuses(id, [self, id, stamp,
                                                        finished](Result<std::vector<DeploymentStatus>> r) {
        if (!self->alive()) return;
        if (r) {
          self->loader_.statuses_[id] = {stamp, std::move(r).value()};
        } else {
          self->result_.warnings.push_back("Statuses of deployment " + std::to_string(id) + ": " + r.error().message);
        }
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
    addStatuses(*next);
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
    batch_->start();
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
  std::set<std::string> commitsAsked_;  // this pass's commit reads, so none is sent twice
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
