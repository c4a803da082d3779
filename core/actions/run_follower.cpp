#include "core/actions/run_follower.h"

namespace releasedesk {

std::string_view toString(FollowPhase phase) {
  switch (phase) {
    case FollowPhase::Queued: return "queued";
    case FollowPhase::QueuedBehindLock: return "queued behind lock";
    case FollowPhase::WaitingForApproval: return "waiting for approval";
    case FollowPhase::Running: return "running";
    case FollowPhase::Completed: return "completed";
  }
  return "queued";
}

FollowUpdate describeRun(const WorkflowRun& run, const std::vector<Job>& jobs) {
  FollowUpdate u;
  u.runId = run.id;
  u.run = run;
  u.jobs = jobs;
  u.jobCount = static_cast<int>(jobs.size());
  const auto pick = [&](const char* status) {
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      if (jobs[i].status == status) {
        u.jobIndex = static_cast<int>(i + 1);
        u.jobName = jobs[i].name;
        return true;
      }
    }
    return false;
  };
  const std::string ofJobs = " of " + std::to_string(u.jobCount);
  if (run.status == "completed") {
    u.phase = FollowPhase::Completed;
    u.conclusion = run.conclusion;
    u.sentence = "completed: " + run.conclusion;
  } else if (pick("waiting") || run.status == "waiting") {
    u.phase = FollowPhase::WaitingForApproval;
    u.sentence = "waiting for approval" +
                 (u.jobIndex ? " (job " + std::to_string(u.jobIndex) + ofJobs + ": " + u.jobName + ")" : std::string());
  } else if (pick("in_progress")) {
    u.phase = FollowPhase::Running;
    u.sentence = "job " + std::to_string(u.jobIndex) + ofJobs + " running: " + u.jobName;
  } else if (pick("pending") || run.status == "pending") {
    u.phase = FollowPhase::QueuedBehindLock;
    u.sentence = "queued behind the production-mutation lock";
  } else {
    u.phase = run.status == "in_progress" ? FollowPhase::Running : FollowPhase::Queued;
    u.sentence = run.status == "in_progress" ? "running, between jobs" : "queued";
  }
  return u;
}

struct RunFollower::State : std::enable_shared_from_this<State> {
  State(GitHubClient& c, Scheduler& s, std::int64_t id, RunFollowerConfig o)
      : client(c), scheduler(s), runId(id), config(o) {}

  GitHubClient& client;
  Scheduler& scheduler;
  std::int64_t runId;
  RunFollowerConfig config;
  std::function<void(const FollowUpdate&)> onUpdate;
  FollowUpdate last;
  bool reported = false;
  bool stopped = false;
  bool over = false;  // the finished update went out
  int errors = 0;
  int pollCount = 0;

  void poll() {
    if (stopped) return finishNow();
    ++pollCount;
    std::weak_ptr<State> weak = weak_from_this();
    client.getRun(runId, [weak](Result<WorkflowRun> run) {
      const auto self = weak.lock();
      if (!self) return;
      if (!run) return self->failed(run.error());
      self->client.listJobs(self->runId, [weak, run = std::move(run).value()](const Result<std::vector<Job>>& jobs) {
        const auto self = weak.lock();
        if (!self) return;
        if (!jobs) return self->failed(jobs.error());
        self->errors = 0;
        self->observe(describeRun(run, jobs.value()));
      });
    });
  }

  void failed(const GitHubError& error) {
    ++errors;
    FollowUpdate u = last;
    u.runId = runId;
    u.error = error;
    if (errors >= config.maxConsecutiveErrors) {
      u.finished = true;
      u.sentence = "stopped following " + std::to_string(runId) + ": " + error.message;
      return deliver(u);
    }
    deliver(u);
    schedule();
  }

  void observe(FollowUpdate u) {
    const bool changed = !reported || u.phase != last.phase || u.jobIndex != last.jobIndex || last.error;
    if (u.phase == FollowPhase::Completed) u.finished = true;
    if (changed || u.finished) deliver(u);
    if (!u.finished) schedule();
  }

  void deliver(const FollowUpdate& u) {
    if (over) return;
    last = u;
    reported = true;
    over = u.finished;
    if (onUpdate) onUpdate(u);
  }

  void schedule() {
    std::weak_ptr<State> weak = weak_from_this();
    scheduler.post(config.interval, [weak] {
      if (const auto self = weak.lock()) self->poll();
    });
  }

  void finishNow() {
    FollowUpdate u = last;
    u.runId = runId;
    u.finished = true;
    deliver(u);
  }
};

RunFollower::RunFollower(GitHubClient& client, Scheduler& scheduler, std::int64_t runId, RunFollowerConfig config)
    : state_(std::make_shared<State>(client, scheduler, runId, config)) {}

RunFollower::~RunFollower() = default;

void RunFollower::start(std::function<void(const FollowUpdate&)> onUpdate) {
  state_->onUpdate = std::move(onUpdate);
  state_->poll();
}

void RunFollower::stop() {
  state_->stopped = true;
  std::weak_ptr<State> weak = state_;
  state_->scheduler.post(std::chrono::milliseconds(0), [weak] {
    if (const auto self = weak.lock()) self->finishNow();
  });
}

int RunFollower::polls() const {
  return state_->pollCount;
}

}  // namespace releasedesk
