// Batched reads: the jobs of many runs, the statuses of many deployments and the times of many
// commits, in the fewest requests. What the client's cache already holds for good is served from
// it (a completed run's jobs, a deployment's statuses while its updated_at is the same, a commit);
// the rest goes to GraphQL in batches of 100, all in flight at once, except the jobs of runs still
// going, read over REST where an unchanged answer is a free 304; what GraphQL did not answer
// whole goes over REST too. When a GraphQL request fails as a whole (a server without GraphQL, GitHub
// Enterprise Server refusing a field, an error answer), the client stops using GraphQL and the
// batch and every later one are read over REST: the answer is the same, only the cost differs.
//
// Answers are kept in the cache in REST's form under the REST URL, so the REST reads and a later
// console command find them (see github_graphql.h).
//
// Thread: the client's. `done` runs once, after every item has an answer or an error; not when
// the client is destroyed first.
#pragma once

#include "core/github/github_client.h"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace releasedesk {

struct RunJobsWanted {
  std::int64_t runId = 0;
  std::string nodeId;  // empty: REST only
  int runAttempt = 1;
  bool completed = false;  // a completed first attempt: its jobs never change
};

struct DeploymentStatusesWanted {
  std::int64_t deploymentId = 0;
  std::string nodeId;  // empty: REST only
  std::string stamp;   // the deployment's updated_at; empty: always read
};

struct JobsAndStatuses {
  std::map<std::int64_t, std::vector<Job>> jobs;
  std::map<std::int64_t, std::vector<DeploymentStatus>> statuses;
  std::map<std::int64_t, GitHubError> jobErrors;
  std::map<std::int64_t, GitHubError> statusErrors;
};

// `runsRead` is called with the number of runs answered so far, as answers arrive.
void readJobsAndStatuses(GitHubClient& client, const std::vector<RunJobsWanted>& runs,
                         const std::vector<DeploymentStatusesWanted>& deployments,
                         std::function<void(int runsRead)> runsRead, std::function<void(JobsAndStatuses)> done);

struct CommitsRead {
  std::map<std::string, Commit> commits;  // by sha, with authoredAt/committedAt
  std::set<std::string> missing;          // unknown to GitHub, or unreadable
};

void readCommitTimes(GitHubClient& client, const std::vector<std::string>& shas, std::function<void(CommitsRead)> done);

}  // namespace releasedesk
