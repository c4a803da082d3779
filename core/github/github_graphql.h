// GitHub's GraphQL API for the reads that REST answers one object per request: the jobs of many
// workflow runs and the statuses of many deployments in one request (`nodes(ids:)`, by the node
// ids the REST lists carry), and the times of many commits in another. The documents here are
// exactly what the client sends; tests/graphql validates them against GitHub's published schema
// (npm @octokit/graphql-schema) with the reference validator (npm graphql), and the sandbox
// answers the same operations.
//
// Every document also asks for `rateLimit`, GraphQL's own budget in points, shown beside the
// REST figure. Answers are read leniently per object: an object that is missing, null or cut
// short (more check runs or statuses than one page) is left out, and the client reads it over
// REST instead.
#pragma once

#include "core/github/github_types.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace releasedesk {

// nodes(ids:) takes at most 100 ids; a commit batch is held to the same size.
inline constexpr std::size_t kGraphQLBatchSize = 100;
// What one object of a batch may hold before it is read over REST instead (its pages).
inline constexpr int kGraphQLCheckRunsPerRun = 20;
inline constexpr int kGraphQLStepsPerJob = 50;
inline constexpr int kGraphQLStatusesPerDeployment = 100;

// The GraphQL endpoint beside a REST API base: https://api.github.com → …/graphql; GitHub
// Enterprise Server's https://host/api/v3 → https://host/api/graphql; any other base (a loopback
// sandbox) → base + "/graphql".
std::string graphqlUrlFor(std::string_view apiBase);

// GraphQL's rate limit, in points (`rateLimit { cost limit remaining used resetAt }`).
struct GraphQLRateLimit {
  int cost = 0;  // what the request that reported it cost
  int limit = 0;
  int remaining = 0;
  int used = 0;
  OptionalTime resetAt;
};

// ---- documents and request bodies ------------------------------------------------------------

// operation TimelineNodes($ids: [ID!]!): per WorkflowRun node its latest check runs (the run's
// jobs) with their steps; per Deployment node its statuses.
std::string_view timelineNodesDocument();
// operation CommitTimes($owner: String!, $name: String!, $o0: GitObjectID!, …): one aliased
// `c<i>: object(oid: $o<i>)` per commit, `count` of them (1..kGraphQLBatchSize).
std::string commitTimesDocument(std::size_t count);
// operation RateLimit: only the budget, for `doctor`.
std::string_view rateLimitDocument();

// The JSON bodies POSTed to the endpoint: {"query", "operationName", "variables"}.
std::string timelineNodesRequest(const std::vector<std::string>& nodeIds);
std::string commitTimesRequest(const RepoRef& repo, const std::vector<std::string>& shas);
std::string rateLimitRequest();

// ---- answers ------------------------------------------------------------------------------------

// What a 200 answer said overall. `problem` is set when it holds no usable `data` (not JSON,
// trailing bytes, `errors` without data, the wrong shape): the whole request then counts as failed.
struct GraphQLAnswer {
  std::optional<GraphQLRateLimit> rateLimit;
  std::vector<std::string> errors;  // the `errors[].message`s, also beside partial data
  std::string problem;
};

struct TimelineNodesAnswer : GraphQLAnswer {
  std::map<std::int64_t, std::vector<Job>> jobs;                   // by run id, complete ones only
  std::map<std::int64_t, std::vector<DeploymentStatus>> statuses;  // by deployment id, newest first
};
// Jobs carry their run's id and the REST form of their page (<run url>/job/<id>); the caller
// sets `runAttempt`, which GraphQL does not give. Statuses get ordinal ids within their
// deployment (1 is the oldest): GraphQL gives them none, and the timeline orders by
// (created_at, id).
TimelineNodesAnswer parseTimelineNodes(std::string_view body);

struct CommitTimesAnswer : GraphQLAnswer {
  std::map<std::string, Commit> commits;  // by sha; a sha GitHub does not know is absent
  std::vector<std::string> unknown;       // shas answered with null: no such commit
};
// `shas` in the order they were sent (alias c<i> is shas[i]).
CommitTimesAnswer parseCommitTimes(std::string_view body, const std::vector<std::string>& shas);

GraphQLAnswer parseRateLimitAnswer(std::string_view body);

// ---- the REST form, so a batched answer is kept where the REST read would find it ----------------

// {"total_count": n, "jobs": [...]} as GET /actions/runs/{id}/jobs answers (the fields jobFromJson reads).
std::string jobsAsRestJson(const std::vector<Job>& jobs);
// [...] as GET /deployments/{id}/statuses answers.
std::string statusesAsRestJson(const std::vector<DeploymentStatus>& statuses);
// {"sha", "commit": {"author": {"date"}, "committer": {"date"}}} as GET /commits/{sha} answers.
std::string commitAsRestJson(const Commit& commit);

}  // namespace releasedesk
