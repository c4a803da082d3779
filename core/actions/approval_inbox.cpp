#include "core/actions/approval_inbox.h"

#include "core/github/commit_sha.h"

#include <algorithm>
#include <unordered_map>

namespace releasedesk {
namespace {

// What classification needs from a timeline, copied so a read can outlive the caller's model.
struct ClassBasis {
  std::unordered_map<std::int64_t, RunClass> lanes;
  std::string liveSha;
  std::shared_ptr<const CommitTimes> commitTimes;

  explicit ClassBasis(const DeploymentTimeline* timeline) {
    if (!timeline) return;
    for (const TimelineRun& lane : timeline->runs) lanes[lane.id] = lane.runClass;
    if (timeline->live) liveSha = timeline->live->sha;
    commitTimes = timeline->commitTimes;
  }

  RunClass classify(const WorkflowRun& run) const {
    if (const auto it = lanes.find(run.id); it != lanes.end()) return it->second;
    if (run.runAttempt > 1) return RunClass::Rerun;
    if (run.event != "workflow_dispatch") return RunClass::Auto;
    const auto sha = findSha(run.displayTitle);
    if (sha && commitTimes && !liveSha.empty() && *sha != liveSha) {
      const auto mine = commitTimes->find(*sha), live = commitTimes->find(liveSha);
      if (mine != commitTimes->end() && live != commitTimes->end() && mine->second < live->second) {
        return RunClass::Rollback;
      }
    }
    return RunClass::Replay;
  }
};

std::string shortTitle(const WorkflowRun& run) {
  return "run " + std::to_string(run.id) + " (" + run.displayTitle + ")";
}

}  // namespace

bool InboxEntry::canApprove() const {
  return !pending.empty() && std::all_of(pending.begin(), pending.end(),
                                         [](const PendingDeployment& p) { return p.currentUserCanApprove; });
}

std::vector<std::int64_t> InboxEntry::environmentIds() const {
  std::vector<std::int64_t> ids;
  for (const PendingDeployment& p : pending) ids.push_back(p.environmentId);
  return ids;
}

std::string ProductionLock::summary() const {
  if (!holder) return queued.empty() ? "free" : std::to_string(queued.size()) + " queued, no holder seen";
  return "held by " + shortTitle(*holder) + "; " + std::to_string(queued.size()) + " queued behind it";
}

RunClass classifyRun(const WorkflowRun& run, const DeploymentTimeline* timeline) {
  return ClassBasis(timeline).classify(run);
}

struct ApprovalInboxReader::State : std::enable_shared_from_this<State> {
  State(GitHubClient& c, ApprovalInboxConfig o) : client(c), config(std::move(o)) {}

  struct Read {
    ApprovalInbox inbox;
    ClassBasis basis;
    RequestCounters before;
    int outstanding = 0;
    std::function<void(ApprovalInbox)> done;
    explicit Read(const DeploymentTimeline* timeline) : basis(timeline) {}
  };

  void start(const DeploymentTimeline* timeline, std::function<void(ApprovalInbox)> done) {
    auto read = std::make_shared<Read>(timeline);
    read->before = client.counters();
    read->done = std::move(done);
    read->outstanding = 3;
    list(read, "waiting", [](Read& r, std::vector<WorkflowRun> runs) {
      for (WorkflowRun& run : runs) {
        InboxEntry entry;
        entry.sha = findSha(run.displayTitle);
        entry.runClass = r.basis.classify(run);
        entry.waitingSince = run.updatedAt.value_or(run.createdAt.value_or(TimePoint{}));
        entry.run = std::move(run);
        r.inbox.waiting.push_back(std::move(entry));
      }
    });
    list(read, "in_progress", [](Read& r, std::vector<WorkflowRun> runs) {
      // Oldest first: the run that took the lock first holds it.
      std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.createdAt < b.createdAt; });
      if (!runs.empty()) r.inbox.lock.holder = runs.front();
    });
    list(read, "pending", [](Read& r, std::vector<WorkflowRun> runs) {
      std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.createdAt < b.createdAt; });
      r.inbox.lock.queued = std::move(runs);
    });
  }

  template <typename Take>
  void list(const std::shared_ptr<Read>& read, const char* status, Take take) {
    RunFilter filter;
    filter.status = status;
    std::weak_ptr<State> weak = weak_from_this();
    client.listWorkflowRuns(config.productionWorkflow, filter,
                            [weak, read, take](Result<std::vector<WorkflowRun>> runs) mutable {
                              const auto self = weak.lock();
                              if (!self) return;
                              if (!runs) {
                                if (!read->inbox.error) read->inbox.error = runs.error();
                              } else {
                                take(*read, std::move(runs).value());
                              }
                              if (--read->outstanding == 0) self->listed(read);
                            });
  }

  // Every list is in: read each waiting run's pending deployments.
  void listed(const std::shared_ptr<Read>& read) {
    if (read->inbox.error || read->inbox.waiting.empty()) return finish(read);
    read->outstanding = static_cast<int>(read->inbox.waiting.size());
    std::weak_ptr<State> weak = weak_from_this();
    for (std::size_t i = 0; i < read->inbox.waiting.size(); ++i) {
      client.listPendingDeployments(read->inbox.waiting[i].run.id,
                                    [weak, read, i](Result<std::vector<PendingDeployment>> pending) {
                                      const auto self = weak.lock();
                                      if (!self) return;
                                      InboxEntry& entry = read->inbox.waiting[i];
                                      if (!pending) {
                                        read->inbox.warnings.push_back(pending.error().message);
                                      } else {
                                        entry.pending = std::move(pending).value();
                                        for (const PendingDeployment& p : entry.pending) {
                                          if (p.waitTimerStartedAt && *p.waitTimerStartedAt < entry.waitingSince)
                                            entry.waitingSince = *p.waitTimerStartedAt;
                                        }
                                      }
                                      if (--read->outstanding == 0) self->finish(read);
                                    });
    }
  }

  void finish(const std::shared_ptr<Read>& read) {
    std::sort(read->inbox.waiting.begin(), read->inbox.waiting.end(),
              [](const InboxEntry& a, const InboxEntry& b) { return a.waitingSince < b.waitingSince; });
    read->inbox.cost = client.counters() - read->before;
    auto done = std::move(read->done);
    done(std::move(read->inbox));
  }

  GitHubClient& client;
  ApprovalInboxConfig config;
};

ApprovalInboxReader::ApprovalInboxReader(GitHubClient& client, ApprovalInboxConfig config)
    : state_(std::make_shared<State>(client, std::move(config))) {}

ApprovalInboxReader::~ApprovalInboxReader() = default;

void ApprovalInboxReader::read(const DeploymentTimeline* timeline, std::function<void(ApprovalInbox)> done) {
  state_->start(timeline, std::move(done));
}

}  // namespace releasedesk
