// The sandbox's GraphQL endpoint: the client's own request bodies (github_graphql.h) answered from
// the same state as the REST routes, so what parseTimelineNodes/parseCommitTimes read equals what
// the REST converters read; unknown ids and shas are null; a request GraphQL cannot run is 200
// with errors and no data; GraphQL spends its own budget. Last, batched reads through the real
// client over GraphQL equal the same reads over REST only.
#include "core/github/batched_reads.h"
#include "core/github/github_client.h"
#include "core/github/github_graphql.h"
#include "core/github/github_json.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");
const std::string kRepoPath = "/repos/contoso/shop";

class SandboxGraphQLTest : public ::testing::Test {
 protected:
  SandboxGraphQLTest() : repository_(kOpenedAt) {}

  HttpResponse send(const std::string& method, const std::string& path, std::string body = {}) {
    HttpRequest request;
    request.method = method;
    request.url = std::string(kSandboxApiBase) + path;
    request.body = std::move(body);
    setHeader(request.headers, "Content-Type", "application/json");
    return repository_.handle(request, kOpenedAt);
  }

  Json get(const std::string& path) {
    const HttpResponse response = send("GET", path);
    EXPECT_EQ(response.status, 200) << path;
    return Json::parse(response.body);
  }

  HttpResponse graphql(std::string body) { return send("POST", "/graphql", std::move(body)); }

  Json restRuns() { return get(kRepoPath + "/actions/runs?per_page=100").at("workflow_runs"); }
  Json restDeployments() { return get(kRepoPath + "/deployments?per_page=100"); }

  SandboxRepository repository_;
};

// What GraphQL cannot give, set aside so the two reads compare: a job's created_at and attempt
// (the client sets the attempt), a status's id (GraphQL gives ordinals).
std::string comparableJobs(std::vector<Job> jobs) {
  for (Job& job : jobs) {
    job.createdAt.reset();
    job.runAttempt = 1;
  }
  return Json::parse(jobsAsRestJson(jobs)).dump(2);
}

std::string comparableStatuses(std::vector<DeploymentStatus> statuses) {
  for (DeploymentStatus& status : statuses) status.id = 0;
  return Json::parse(statusesAsRestJson(statuses)).dump(2);
}

bool hasErrorsAndNoData(const HttpResponse& response) {
  const Json body = Json::parse(response.body, nullptr, false);
  return response.status == 200 && body.is_object() && body.contains("errors") && body["errors"].is_array() &&
         !body["errors"].empty() && body["errors"][0].contains("message") && !body.contains("data");
}

TEST_F(SandboxGraphQLTest, JobsOfEveryRunEqualTheRestJobs) {
  const Json runs = restRuns();
  ASSERT_GT(runs.size(), 10u);
  std::vector<std::string> ids;
  for (const Json& run : runs) ids.push_back(run.at("node_id").get<std::string>());
  ids.resize(std::min(ids.size(), kGraphQLBatchSize));

  const HttpResponse response = graphql(timelineNodesRequest(ids));
  ASSERT_EQ(response.status, 200);
  const TimelineNodesAnswer answer = parseTimelineNodes(response.body);
  ASSERT_EQ(answer.problem, "");
  EXPECT_TRUE(answer.errors.empty());
  ASSERT_EQ(answer.jobs.size(), ids.size());
  int withSteps = 0;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::int64_t runId = runs[i].at("id").get<std::int64_t>();
    const Json rest = get(kRepoPath + "/actions/runs/" + std::to_string(runId) + "/jobs?per_page=100");
    std::vector<Job> restJobs;
    for (const Json& job : rest.at("jobs")) restJobs.push_back(jobFromJson(job));
    ASSERT_TRUE(answer.jobs.count(runId)) << runId;
    EXPECT_EQ(comparableJobs(answer.jobs.at(runId)), comparableJobs(restJobs)) << "run " << runId;
    for (const Job& job : restJobs) withSteps += job.steps.empty() ? 0 : 1;
  }
  EXPECT_GT(withSteps, 0);  // the comparison covers steps, not only empty jobs
}

TEST_F(SandboxGraphQLTest, StatusesOfEveryDeploymentEqualTheRestStatuses) {
  const Json deployments = restDeployments();
  ASSERT_GT(deployments.size(), 3u);
  std::vector<std::string> ids;
  for (const Json& d : deployments) ids.push_back(d.at("node_id").get<std::string>());
  ids.resize(std::min(ids.size(), kGraphQLBatchSize));

  const TimelineNodesAnswer answer = parseTimelineNodes(graphql(timelineNodesRequest(ids)).body);
  ASSERT_EQ(answer.problem, "");
  ASSERT_EQ(answer.statuses.size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const std::int64_t id = deployments[i].at("id").get<std::int64_t>();
    std::vector<DeploymentStatus> restStatuses;
    for (const Json& s : get(kRepoPath + "/deployments/" + std::to_string(id) + "/statuses?per_page=100"))
      restStatuses.push_back(deploymentStatusFromJson(s));
    ASSERT_TRUE(answer.statuses.count(id)) << id;
    EXPECT_EQ(comparableStatuses(answer.statuses.at(id)), comparableStatuses(restStatuses)) << "deployment " << id;
  }
}

TEST_F(SandboxGraphQLTest, AnswersKeepTheOrderOfTheIdsAndUnknownIdsAreNull) {
  const Json run = restRuns().at(0);
  const Json deployment = restDeployments().at(0);
  const std::vector<std::string> ids = {"WFR_unknown", deployment.at("node_id").get<std::string>(),
                                        run.at("node_id").get<std::string>(), "DE_kwDOunknown"};
  const HttpResponse response = graphql(timelineNodesRequest(ids));
  ASSERT_EQ(response.status, 200);
  const Json body = Json::parse(response.body);
  const Json& nodes = body.at("data").at("nodes");
  ASSERT_EQ(nodes.size(), 4u);
  EXPECT_TRUE(nodes[0].is_null());
  EXPECT_EQ(nodes[1].at("__typename"), "Deployment");
  EXPECT_EQ(nodes[1].at("databaseId"), deployment.at("id"));
  EXPECT_EQ(nodes[2].at("__typename"), "WorkflowRun");
  EXPECT_EQ(nodes[2].at("databaseId"), run.at("id"));
  EXPECT_EQ(nodes[2].at("url"), run.at("html_url"));
  EXPECT_TRUE(nodes[3].is_null());
  EXPECT_EQ(body.at("errors").size(), 2u);  // NOT_FOUND per unknown id, beside the data

  // GraphQL's enum values are upper case.
  const Json& checkRuns = nodes[2].at("checkSuite").at("checkRuns");
  ASSERT_FALSE(checkRuns.at("nodes").empty());
  const std::string status = checkRuns.at("nodes")[0].at("status");
  EXPECT_EQ(status, "COMPLETED");

  const TimelineNodesAnswer answer = parseTimelineNodes(response.body);
  EXPECT_EQ(answer.problem, "");
  EXPECT_EQ(answer.jobs.size(), 1u);
  EXPECT_EQ(answer.statuses.size(), 1u);
}

TEST_F(SandboxGraphQLTest, CommitTimesEqualTheRestCommitsAndUnknownShasAreNull) {
  std::vector<std::string> shas;
  const std::string head = get(kRepoPath + "/commits/HEAD").at("sha");
  shas.push_back(head);
  shas.push_back(std::string(40, 'f'));  // no such commit
  const HttpResponse response = graphql(commitTimesRequest({"contoso", "shop"}, shas));
  ASSERT_EQ(response.status, 200);
  const CommitTimesAnswer answer = parseCommitTimes(response.body, shas);
  ASSERT_EQ(answer.problem, "");
  ASSERT_EQ(answer.commits.count(head), 1u);
  const Commit rest = commitFromJson(get(kRepoPath + "/commits/" + head));
  EXPECT_EQ(answer.commits.at(head).committedAt, rest.committedAt);
  EXPECT_EQ(answer.commits.at(head).authoredAt, rest.authoredAt);
  EXPECT_EQ(answer.unknown, std::vector<std::string>{std::string(40, 'f')});

  // Another repository: null with an error, which the client reads as a failed request.
  const CommitTimesAnswer elsewhere =
      parseCommitTimes(graphql(commitTimesRequest({"contoso", "other"}, shas)).body, shas);
  EXPECT_NE(elsewhere.problem, "");
}

TEST_F(SandboxGraphQLTest, RequestsGraphQLCannotRunAreErrorsWithoutData) {
  EXPECT_TRUE(hasErrorsAndNoData(graphql("not json")));
  EXPECT_TRUE(hasErrorsAndNoData(graphql(R"({"query": "query Nope { viewer { login } }", "operationName": "Nope"})")));
  EXPECT_TRUE(hasErrorsAndNoData(graphql(
      Json{{"query", std::string(timelineNodesDocument())}, {"operationName", "TimelineNodes"}}.dump())));  // no $ids
  Json noShas = Json::parse(commitTimesRequest({"contoso", "shop"}, {std::string(40, 'a'), std::string(40, 'b')}));
  noShas["variables"].erase("o1");
  EXPECT_TRUE(hasErrorsAndNoData(graphql(noShas.dump())));
  Json shortSha = Json::parse(commitTimesRequest({"contoso", "shop"}, {"abc123"}));
  EXPECT_TRUE(hasErrorsAndNoData(graphql(shortSha.dump())));

  // The client's parsers call each of them a failed request, so it falls back to REST.
  EXPECT_NE(parseTimelineNodes(graphql("not json").body).problem, "");
  EXPECT_NE(parseRateLimitAnswer(graphql(R"({"query": "query X { a }", "operationName": "X"})").body).problem, "");
}

TEST_F(SandboxGraphQLTest, GraphQLSpendsItsOwnBudget) {
  const HttpResponse first = graphql(rateLimitRequest());
  const GraphQLAnswer answer = parseRateLimitAnswer(first.body);
  ASSERT_EQ(answer.problem, "");
  ASSERT_TRUE(answer.rateLimit);
  EXPECT_EQ(answer.rateLimit->limit, 5000);
  EXPECT_EQ(answer.rateLimit->cost, 1);
  EXPECT_EQ(answer.rateLimit->remaining, 4999);
  EXPECT_TRUE(answer.rateLimit->resetAt);
  EXPECT_EQ(headerValue(first.headers, "x-ratelimit-resource"), "graphql");
  EXPECT_EQ(headerValue(first.headers, "x-ratelimit-remaining"), "4999");

  const HttpResponse second = send("POST", "/api/graphql", rateLimitRequest());  // a GitHub Enterprise style base
  EXPECT_EQ(parseRateLimitAnswer(second.body).rateLimit->remaining, 4998);

  // A request GraphQL refuses costs nothing.
  EXPECT_TRUE(hasErrorsAndNoData(graphql(R"({"query": "query X { a }", "operationName": "X"})")));

  // REST's budget is untouched, and /rate_limit shows both.
  const Json limits = get("/rate_limit");
  EXPECT_EQ(limits.at("resources").at("core").at("used"), 0);
  EXPECT_EQ(limits.at("resources").at("graphql").at("used"), 2);
}

TEST_F(SandboxGraphQLTest, ASpentGraphQLBudgetIsRateLimitedWhileRestStillAnswers) {
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(graphql(rateLimitRequest()).status, 200);
  const HttpResponse spent = graphql(rateLimitRequest());
  EXPECT_TRUE(hasErrorsAndNoData(spent));
  EXPECT_EQ(Json::parse(spent.body).at("errors")[0].at("type"), "RATE_LIMITED");
  EXPECT_EQ(headerValue(spent.headers, "x-ratelimit-remaining"), "0");
  EXPECT_NE(parseRateLimitAnswer(spent.body).problem, "");
  EXPECT_EQ(send("GET", kRepoPath).status, 200);
}

// Batched reads through the real client: over GraphQL (fewer requests) the same as over REST.
TEST(SandboxGraphQLClientTest, BatchedReadsOverGraphQLEqualReadsOverRest) {
  struct Side {
    explicit Side(bool graphql)
        : repository(kOpenedAt),
          scheduler(kOpenedAt),
          transport(repository, scheduler),
          client(transport, scheduler, [&] {
            GitHubClientConfig config;
            config.apiBase = std::string(kSandboxApiBase);
            config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
            config.graphql = graphql;
            return config;
          }()) {}
    SandboxRepository repository;
    testing::ManualScheduler scheduler;
    SandboxTransport transport;
    GitHubClient client;
  };

  const auto read = [](Side& side) {
    std::optional<std::vector<WorkflowRun>> runs;
    side.client.listWorkflowRuns("production-stage.yml", {}, [&](Result<std::vector<WorkflowRun>> r) {
      if (r) runs = r.value();
    });
    std::optional<std::vector<Deployment>> deployments;
    side.client.listDeployments("production", [&](Result<std::vector<Deployment>> r) {
      if (r) deployments = r.value();
    });
    for (int i = 0; i < 50 && (!runs || !deployments); ++i) side.scheduler.runDue();
    EXPECT_TRUE(runs && deployments);
    std::vector<RunJobsWanted> wantedRuns;
    for (const WorkflowRun& run : runs.value_or(std::vector<WorkflowRun>{}))
      wantedRuns.push_back({run.id, run.nodeId, run.runAttempt, false});
    std::vector<DeploymentStatusesWanted> wantedDeployments;
    for (const Deployment& d : deployments.value_or(std::vector<Deployment>{}))
      wantedDeployments.push_back({d.id, d.nodeId, ""});
    std::optional<JobsAndStatuses> result;
    readJobsAndStatuses(side.client, wantedRuns, wantedDeployments, nullptr, [&](JobsAndStatuses r) { result = r; });
    for (int i = 0; i < 50 && !result; ++i) side.scheduler.runDue();
    EXPECT_TRUE(result);
    return result.value_or(JobsAndStatuses{});
  };

  Side overGraphQL(true);
  Side overRest(false);
  const RequestCounters before = overGraphQL.client.counters();
  const JobsAndStatuses viaGraphQL = read(overGraphQL);
  const JobsAndStatuses viaRest = read(overRest);
  EXPECT_TRUE(overGraphQL.client.graphqlEnabled()) << overGraphQL.client.graphqlUnavailableReason();
  EXPECT_GT((overGraphQL.client.counters() - before).graphqlRequests, 0);
  EXPECT_LT(overGraphQL.client.counters().requests, overRest.client.counters().requests);
  ASSERT_TRUE(overGraphQL.client.lastGraphQLRateLimit());
  EXPECT_LT(overGraphQL.client.lastGraphQLRateLimit()->remaining, 5000);

  ASSERT_FALSE(viaRest.jobs.empty());
  ASSERT_EQ(viaGraphQL.jobs.size(), viaRest.jobs.size());
  for (const auto& [runId, jobs] : viaRest.jobs) {
    ASSERT_TRUE(viaGraphQL.jobs.count(runId)) << runId;
    EXPECT_EQ(comparableJobs(viaGraphQL.jobs.at(runId)), comparableJobs(jobs)) << "run " << runId;
  }
  ASSERT_FALSE(viaRest.statuses.empty());
  ASSERT_EQ(viaGraphQL.statuses.size(), viaRest.statuses.size());
  for (const auto& [id, statuses] : viaRest.statuses) {
    ASSERT_TRUE(viaGraphQL.statuses.count(id)) << id;
    EXPECT_EQ(comparableStatuses(viaGraphQL.statuses.at(id)), comparableStatuses(statuses)) << "deployment " << id;
  }
  EXPECT_TRUE(viaGraphQL.jobErrors.empty());
  EXPECT_TRUE(viaGraphQL.statusErrors.empty());
}

}  // namespace
}  // namespace releasedesk
