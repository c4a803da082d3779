#include "core/actions/stale_guard.h"

#include "core/github/commit_sha.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace releasedesk {
namespace {

StaleGuardDecision undecided(std::string reason) {
  return {false, false, std::move(reason)};
}

StaleGuardDecision decided(bool proceed, std::string reason) {
  return {true, proceed, std::move(reason)};
}

std::string liveName(const StaleGuardRequest& request, const LiveProduction& live) {
  return "the live " + request.environment + " deployment " + std::to_string(live.deploymentId) + " (" + live.sha + ")";
}

std::string commits(int count) {
  return std::to_string(count) + (count == 1 ? " commit" : " commits");
}

}  // namespace

StaleGuardDecision decideStaleGuard(const StaleGuardRequest& request, const StaleGuardFacts& facts) {
  if (!isCommitSha(request.sha)) {
    return undecided("The candidate SHA '" + request.sha +
                     "' could not be read: the guard needs the full 40-character commit SHA.");
  }
  if (request.event == "workflow_dispatch") {
    return decided(true, "A workflow_dispatch run is a replay or rollback a person chose: the stale guard lets " +
                             request.sha + " through (it holds back auto promotions only).");
  }
  if (request.event.empty()) {
    return undecided("The event that started the workflow could not be read: pass --event or set GITHUB_EVENT_NAME.");
  }
  if (request.event != "workflow_run") {
    return undecided("The stale guard decides for workflow_run and workflow_dispatch runs only, not for '" +
                     request.event + "'.");
  }

  const std::string headWhat = "The head of branch '" + request.branch + "' could not be read";
  if (!facts.head) return undecided(headWhat + ".");
  if (!facts.head->ok()) return undecided(headWhat + ": " + facts.head->error().message);
  const std::string& head = facts.head->value().commitSha;
  if (!isCommitSha(head)) return undecided(headWhat + ": GitHub named no commit for it.");
  if (head != request.sha) {
    return decided(false, request.branch + " has moved on: its head " + head + " supersedes " + request.sha +
                              ", and an auto promotion deploys only the branch's head.");
  }

  const std::string liveWhat = "The live " + request.environment + " deployment could not be read";
  if (!facts.live) return undecided(liveWhat + ".");
  if (!facts.live->ok()) return undecided(liveWhat + ": " + facts.live->error().message);
  const std::optional<LiveProduction>& live = facts.live->value();
  const std::string isHead = request.sha + " is the head of " + request.branch;
  if (!live) return decided(true, isHead + " and nothing is live in " + request.environment + " yet.");
  if (!isCommitSha(live->sha)) return undecided(liveWhat + ": its deployment names no commit.");
  if (live->sha == request.sha) return decided(true, isHead + " and is already " + liveName(request, *live) + ".");

  const std::string compareWhat =
      "The comparison of " + request.sha + " with " + liveName(request, *live) + " could not be read";
  if (!facts.comparison) return undecided(compareWhat + ".");
  if (!facts.comparison->ok()) return undecided(compareWhat + ": " + facts.comparison->error().message);
  const CommitComparison& comparison = facts.comparison->value();
  if (comparison.status == "ahead" || comparison.status == "identical") {
    return decided(true, isHead + " and " +
                             (comparison.status == "identical" ? std::string("identical to ")
                                                               : commits(comparison.aheadBy) + " ahead of ") +
                             liveName(request, *live) + ".");
  }
  if (comparison.status == "behind") {
    return decided(false, liveName(request, *live) + " is " + commits(comparison.behindBy) + " newer than " +
                              request.sha + " and supersedes it: an auto promotion never moves " + request.environment +
                              " back (a rollback is a workflow_dispatch replay).");
  }
  if (comparison.status == "diverged") {
    return decided(false, request.sha + " has diverged from " + liveName(request, *live) + ": it lacks " +
                              commits(comparison.behindBy) + " that are live, so " + liveName(request, *live) +
                              " supersedes it.");
  }
  return undecided(compareWhat + ": GitHub answered the unknown status '" + comparison.status + "'.");
}

// ---- reading -------------------------------------------------------------------------------

namespace {

class LiveSearch : public std::enable_shared_from_this<LiveSearch> {
 public:
  LiveSearch(GitHubClient& client, std::function<void(Result<std::optional<LiveProduction>>)> done, int max)
      : client_(client), done_(std::move(done)), max_(max) {}

  void start(const std::string& environment) {
    std::weak_ptr<LiveSearch> weak = weak_from_this();
    client_.listDeployments(environment, [weak](Result<std::vector<Deployment>> listed) {
      const auto self = weak.lock();
      if (!self) return;
      if (!listed) return self->finish(listed.error());
      self->deployments_ = std::move(listed).value();
      // Newest first, whatever order the answer had.
      std::stable_sort(self->deployments_.begin(), self->deployments_.end(),
                       [](const Deployment& a, const Deployment& b) {
                         return a.createdAt != b.createdAt ? a.createdAt > b.createdAt : a.id > b.id;
                       });
      self->next();
    });
  }

 private:
  void next() {
    if (next_ >= deployments_.size()) return finish(std::optional<LiveProduction>());
    if (static_cast<int>(next_) >= max_) {
      GitHubError error;
      error.kind = GitHubErrorKind::InvalidResponse;
      error.message = "none of the newest " + std::to_string(max_) +
                      " deployments has a success status, and older ones are not read.";
      return finish(std::move(error));
    }
    const Deployment& deployment = deployments_[next_++];
    std::weak_ptr<LiveSearch> weak = weak_from_this();
    client_.listDeploymentStatuses(
        deployment.id, [weak, deployment](const Result<std::vector<DeploymentStatus>>& statuses) {
          const auto self = weak.lock();
          if (!self) return;
          if (!statuses) return self->finish(statuses.error());
          const auto& list = statuses.value();
          if (std::any_of(list.begin(), list.end(), [](const DeploymentStatus& s) { return s.state == "success"; })) {
            return self->finish(std::optional<LiveProduction>(LiveProduction{deployment.id, deployment.sha}));
          }
          self->next();
        });
  }

  void finish(Result<std::optional<LiveProduction>> result) {
    if (auto done = std::exchange(done_, nullptr)) done(std::move(result));
  }

  GitHubClient& client_;
  std::function<void(Result<std::optional<LiveProduction>>)> done_;
  int max_;
  std::vector<Deployment> deployments_;
  std::size_t next_ = 0;
};

class GuardRun : public std::enable_shared_from_this<GuardRun> {
 public:
  GuardRun(GitHubClient& client, StaleGuardRequest request, std::function<void(StaleGuardDecision)> done)
      : client_(client), request_(std::move(request)), done_(std::move(done)) {}

  void start() {
    // Decided without GitHub (a replay, a bad SHA, an unknown event): answer at once.
    if (request_.event != "workflow_run" || !isCommitSha(request_.sha)) return finish();
    std::weak_ptr<GuardRun> weak = weak_from_this();
    client_.getBranch(request_.branch, [weak](Result<Branch> head) {
      const auto self = weak.lock();
      if (!self) return;
      const bool goOn = head.ok() && head.value().commitSha == self->request_.sha;
      self->facts_.head = std::move(head);
      if (!goOn) return self->finish();
      self->readLive();
    });
  }

 private:
  void readLive() {
    std::weak_ptr<GuardRun> weak = weak_from_this();
    search_ = findLiveProduction(client_, request_.environment, [weak](Result<std::optional<LiveProduction>> live) {
      const auto self = weak.lock();
      if (!self) return;
      const bool compare =
          live.ok() && live.value() && live.value()->sha != self->request_.sha && isCommitSha(live.value()->sha);
      const std::string liveSha = compare ? live.value()->sha : std::string();
      self->facts_.live = std::move(live);
      if (!compare) return self->finish();
      self->compare(liveSha);
    });
  }

  void compare(const std::string& liveSha) {
    std::weak_ptr<GuardRun> weak = weak_from_this();
    client_.compareCommits(liveSha, request_.sha, [weak](Result<CommitComparison> comparison) {
      const auto self = weak.lock();
      if (!self) return;
      self->facts_.comparison = std::move(comparison);
      self->finish();
    });
  }

  void finish() {
    if (auto done = std::exchange(done_, nullptr)) done(decideStaleGuard(request_, facts_));
  }

  GitHubClient& client_;
  StaleGuardRequest request_;
  std::function<void(StaleGuardDecision)> done_;
  StaleGuardFacts facts_;
  std::shared_ptr<void> search_;
};

}  // namespace

std::shared_ptr<void> findLiveProduction(GitHubClient& client, const std::string& environment,
                                         std::function<void(Result<std::optional<LiveProduction>>)> done,
                                         int maxDeployments) {
  auto search = std::make_shared<LiveSearch>(client, std::move(done), maxDeployments);
  search->start(environment);
  return search;
}

std::shared_ptr<void> runStaleGuard(GitHubClient& client, StaleGuardRequest request,
                                    std::function<void(StaleGuardDecision)> done) {
  auto run = std::make_shared<GuardRun>(client, std::move(request), std::move(done));
  run->start();
  return run;
}

}  // namespace releasedesk
