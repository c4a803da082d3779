#include "core/github/batched_reads.h"

#include "core/github/commit_sha.h"

#include "core/github/github_graphql.h"
#include "core/github/github_json.h"
#include "core/io/json_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <utility>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

// A cached 200 answer read whole, or nothing (a list with a next page is not whole).
const Json* wholeAnswer(const CachedResponse* cached, Json& holder) {
  if (cached == nullptr || cached->response.status != 200) return nullptr;
  if (headerValue(cached->response.headers, "link").find("rel=\"next\"") != std::string::npos) return nullptr;
  holder = readJsonInput<Json>(cached->response.body).document;
  return holder.is_discarded() ? nullptr : &holder;
}

std::optional<std::vector<Job>> cachedJobs(const EtagCache& cache, const std::string& url) {
  const CachedResponse* cached = cache.find(url);
  if (cached == nullptr || !cached->final) return std::nullopt;
  Json doc;
  const Json* answer = wholeAnswer(cached, doc);
  if (answer == nullptr || !answer->is_object() || !answer->contains("jobs") || !(*answer)["jobs"].is_array())
    return std::nullopt;
  std::vector<Job> jobs;
  for (const Json& item : (*answer)["jobs"]) {
    if (item.is_object()) jobs.push_back(jobFromJson(item));
  }
  return jobs;
}

std::optional<std::vector<DeploymentStatus>> cachedStatuses(const EtagCache& cache, const std::string& url,
                                                            const std::string& stamp) {
  const CachedResponse* cached = cache.find(url);
  if (cached == nullptr || stamp.empty() || cached->stamp != stamp) return std::nullopt;
  Json doc;
  const Json* answer = wholeAnswer(cached, doc);
  if (answer == nullptr || !answer->is_array()) return std::nullopt;
  std::vector<DeploymentStatus> statuses;
  for (const Json& item : *answer) {
    if (item.is_object()) statuses.push_back(deploymentStatusFromJson(item));
  }
  return statuses;
}

// A commit never changes: any whole answer for it is good.
std::optional<Commit> cachedCommit(const EtagCache& cache, const std::string& url) {
  Json doc;
  const Json* answer = wholeAnswer(cache.find(url), doc);
  if (answer == nullptr || !answer->is_object()) return std::nullopt;
  Commit commit = commitFromJson(*answer);
  if (!commit.committedAt && !commit.authoredAt) return std::nullopt;
  return commit;
}

void keep(GitHubClient& client, const std::string& url, std::string body, bool final, const std::string& stamp = {}) {
  HttpResponse response;
  response.status = 200;
  response.body = std::move(body);
  client.cache()->store(url, "", response, client.now(), final);
  if (!stamp.empty()) client.cache()->setStamp(url, stamp);
}

std::string plural(std::size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

// Counts outstanding requests; `done` runs when the last one (and the set-up) finished.
template <typename Result>
struct Pending {
  Result result;
  int outstanding = 1;  // the set-up itself
  std::function<void(Result)> done;

  void finishOne() {
    if (--outstanding == 0) done(std::move(result));
  }
};

struct JobsState : Pending<JobsAndStatuses> {
  int runsRead = 0;
  std::function<void(int)> progress;
  void runAnswered() {
    ++runsRead;
    if (progress) progress(runsRead);
  }
};

void restJobs(GitHubClient& client, const std::shared_ptr<JobsState>& state, const RunJobsWanted& run) {
  ++state->outstanding;
  client.listJobs(
      run.runId,
      [state, id = run.runId](Result<std::vector<Job>> r) {
        if (r) {
          state->result.jobs[id] = std::move(r).value();
        } else {
          state->result.jobErrors[id] = r.error();
        }
        state->runAnswered();
        state->finishOne();
      },
      run.completed);
}

void restStatuses(GitHubClient& client, const std::shared_ptr<JobsState>& state, const DeploymentStatusesWanted& d) {
  ++state->outstanding;
  client.listDeploymentStatuses(
      d.deploymentId, [state, &client, id = d.deploymentId, stamp = d.stamp](Result<std::vector<DeploymentStatus>> r) {
        if (r) {
          state->result.statuses[id] = std::move(r).value();
          // Read after the list that gave `stamp`: good for as long as the deployment keeps it.
          if (!stamp.empty()) client.cache()->setStamp(client.deploymentStatusesUrl(id), stamp);
        } else {
          state->result.statusErrors[id] = r.error();
        }
        state->finishOne();
      });
}

void graphqlJobsAndStatuses(GitHubClient& client, const std::shared_ptr<JobsState>& state,
                            std::vector<RunJobsWanted> runs, std::vector<DeploymentStatusesWanted> deployments) {
  std::vector<std::string> ids;
  ids.reserve(runs.size() + deployments.size());
  for (const RunJobsWanted& run : runs) ids.push_back(run.nodeId);
  for (const DeploymentStatusesWanted& d : deployments) ids.push_back(d.nodeId);
  const std::string what = "the jobs of " + plural(runs.size(), "run") + " and the statuses of " +
                           plural(deployments.size(), "deployment") + " (GraphQL)";
  ++state->outstanding;
  client.postGraphQL(
      timelineNodesRequest(ids), what,
      [state, &client, runs = std::move(runs), deployments = std::move(deployments)](const Result<std::string>& r) {
        TimelineNodesAnswer answer;
        if (r) {
          answer = parseTimelineNodes(r.value());
        } else {
          answer.problem = r.error().message;
        }
        if (answer.rateLimit) client.recordGraphQLRateLimit(*answer.rateLimit);
        if (!answer.problem.empty()) client.disableGraphQL(answer.problem);
        for (const RunJobsWanted& run : runs) {
          const auto it = answer.jobs.find(run.runId);
          if (it == answer.jobs.end()) {
            restJobs(client, state, run);
            continue;
          }
          for (Job& job : it->second) job.runAttempt = run.runAttempt;
          if (run.completed) keep(client, client.jobsUrl(run.runId), jobsAsRestJson(it->second), true);
          state->result.jobs[run.runId] = std::move(it->second);
          state->runAnswered();
        }
        for (const DeploymentStatusesWanted& d : deployments) {
          const auto it = answer.statuses.find(d.deploymentId);
          if (it == answer.statuses.end()) {
            restStatuses(client, state, d);
            continue;
          }
          if (!d.stamp.empty())
            keep(client, client.deploymentStatusesUrl(d.deploymentId), statusesAsRestJson(it->second), false, d.stamp);
          state->result.statuses[d.deploymentId] = std::move(it->second);
        }
        state->finishOne();
      });
}

void restCommit(GitHubClient& client, const std::shared_ptr<Pending<CommitsRead>>& state, const std::string& sha) {
  ++state->outstanding;
  client.getCommit(sha, [state, sha](const Result<Commit>& r) {
    if (r && (r.value().committedAt || r.value().authoredAt)) {
      state->result.commits[sha] = r.value();
    } else {
      state->result.missing.insert(sha);
    }
    state->finishOne();
  });
}

void graphqlCommits(GitHubClient& client, const std::shared_ptr<Pending<CommitsRead>>& state,
                    const std::vector<std::string>& shas) {
  ++state->outstanding;
  const std::string what = "the times of " + plural(shas.size(), "commit") + " (GraphQL)";
  client.postGraphQL(commitTimesRequest(client.config().repo, shas), what,
                     [state, &client, shas](const Result<std::string>& r) {
                       CommitTimesAnswer answer;
                       if (r) {
                         answer = parseCommitTimes(r.value(), shas);
                       } else {
                         answer.problem = r.error().message;
                       }
                       if (answer.rateLimit) client.recordGraphQLRateLimit(*answer.rateLimit);
                       if (!answer.problem.empty()) client.disableGraphQL(answer.problem);
                       const std::set<std::string> unknown(answer.unknown.begin(), answer.unknown.end());
                       for (const std::string& sha : shas) {
                         if (const auto it = answer.commits.find(sha); it != answer.commits.end()) {
                           keep(client, client.commitUrl(sha), commitAsRestJson(it->second), true);
                           state->result.commits[sha] = it->second;
                         } else if (unknown.count(sha)) {
                           state->result.missing.insert(sha);
                         } else {
                           restCommit(client, state, sha);
                         }
                       }
                       state->finishOne();
                     });
}

}  // namespace

void readJobsAndStatuses(GitHubClient& client, const std::vector<RunJobsWanted>& runs,
                         const std::vector<DeploymentStatusesWanted>& deployments,
                         std::function<void(int runsRead)> runsRead, std::function<void(JobsAndStatuses)> done) {
  auto state = std::make_shared<JobsState>();
  state->done = std::move(done);
  state->progress = std::move(runsRead);
  const EtagCache& cache = *client.cache();
  const bool graphql = client.graphqlEnabled();
  std::vector<RunJobsWanted> batchRuns;
  std::vector<DeploymentStatusesWanted> batchDeployments;
  for (const RunJobsWanted& run : runs) {
    if (run.completed) {
      if (auto jobs = cachedJobs(cache, client.jobsUrl(run.runId))) {
        state->result.jobs[run.runId] = std::move(*jobs);
        state->runAnswered();
        continue;
      }
    }
    // A run still going (or a re-run) may change at any moment: its REST read is conditional, free
    // while nothing changed, where a GraphQL read always costs. There are few of them at a time.
    if (graphql && run.completed && !run.nodeId.empty()) {
      batchRuns.push_back(run);
    } else {
      restJobs(client, state, run);
    }
  }
  for (const DeploymentStatusesWanted& d : deployments) {
    if (auto statuses = cachedStatuses(cache, client.deploymentStatusesUrl(d.deploymentId), d.stamp)) {
      state->result.statuses[d.deploymentId] = std::move(*statuses);
      continue;
    }
    if (graphql && !d.nodeId.empty()) {
      batchDeployments.push_back(d);
    } else {
      restStatuses(client, state, d);
    }
  }
  // Batches of at most 100 ids, all sent at once.
  std::size_t r = 0;
  std::size_t d = 0;
  while (r < batchRuns.size() || d < batchDeployments.size()) {
    const std::size_t takeRuns = std::min(kGraphQLBatchSize, batchRuns.size() - r);
    const std::size_t takeDeployments = std::min(kGraphQLBatchSize - takeRuns, batchDeployments.size() - d);
    graphqlJobsAndStatuses(client, state,
                           {batchRuns.begin() + static_cast<std::ptrdiff_t>(r),
                            batchRuns.begin() + static_cast<std::ptrdiff_t>(r + takeRuns)},
                           {batchDeployments.begin() + static_cast<std::ptrdiff_t>(d),
                            batchDeployments.begin() + static_cast<std::ptrdiff_t>(d + takeDeployments)});
    r += takeRuns;
    d += takeDeployments;
  }
  state->finishOne();
}

void readCommitTimes(GitHubClient& client, const std::vector<std::string>& shas,
                     std::function<void(CommitsRead)> done) {
  auto state = std::make_shared<Pending<CommitsRead>>();
  state->done = std::move(done);
  const EtagCache& cache = *client.cache();
  std::vector<std::string> batch;
  for (const std::string& sha : shas) {
    if (auto commit = cachedCommit(cache, client.commitUrl(sha))) {
      state->result.commits[sha] = std::move(*commit);
    } else if (client.graphqlEnabled() && isCommitSha(sha)) {
      // GraphQL refuses a whole request for one malformed GitObjectID: only full shas go there.
      batch.push_back(sha);
    } else {
      restCommit(client, state, sha);
    }
  }
  for (std::size_t i = 0; i < batch.size(); i += kGraphQLBatchSize) {
    const std::size_t end = std::min(batch.size(), i + kGraphQLBatchSize);
    graphqlCommits(client, state,
                   {batch.begin() + static_cast<std::ptrdiff_t>(i), batch.begin() + static_cast<std::ptrdiff_t>(end)});
  }
  state->finishOne();
}

}  // namespace releasedesk
