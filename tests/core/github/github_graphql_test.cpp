// GraphQL batched reads: the documents and their answers (github_graphql), and the reader that
// serves from the cache, batches by 100, and falls back to REST (batched_reads), over a scripted
// transport.
#include "core/github/github_graphql.h"
#include "core/github/batched_reads.h"
#include "core/github/github_json.h"

#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace releasedesk {
namespace {

using testing::ManualScheduler;
using testing::ScriptedTransport;
using Json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kRateLimit =
    R"("rateLimit":{"cost":1,"limit":5000,"remaining":4990,"used":10,"resetAt":"2026-11-30T21:00:00Z"})";

std::string runNode(std::int64_t id, int checkRuns = 2, int totalCount = -1) {
  Json nodes = Json::array();
  for (int i = 0; i < checkRuns; ++i) {
    nodes.push_back({{"databaseId", id * 10 + i},
                     {"name", i == 0 ? "promotion-gate" : "production-mutate"},
                     {"status", "COMPLETED"},
                     {"conclusion", "SUCCESS"},
                     {"startedAt", "2026-11-30T10:00:0" + std::to_string(i) + "Z"},
                     {"completedAt", "2026-11-30T10:05:00Z"},
                     {"steps",
                      {{"totalCount", 1},
                       {"nodes",
                        {{{"name", "Set up job"},
                          {"status", "COMPLETED"},
                          {"conclusion", "SUCCESS"},
                          {"number", 1},
                          {"startedAt", "2026-11-30T10:00:00Z"},
                          {"completedAt", "2026-11-30T10:00:02Z"}}}}}}});
  }
  return Json{
      {"__typename", "WorkflowRun"},
      {"databaseId", id},
      {"url", "https://github.com/contoso/shop/actions/runs/" + std::to_string(id)},
      {"checkSuite", {{"checkRuns", {{"totalCount", totalCount < 0 ? checkRuns : totalCount}, {"nodes", nodes}}}}}}
      .dump();
}

std::string deploymentNode(std::int64_t id) {
  // Oldest first, as GraphQL may list them.
  return Json{{"__typename", "Deployment"},
              {"databaseId", id},
              {"statuses",
               {{"totalCount", 2},
                {"nodes",
                 {{{"state", "IN_PROGRESS"},
                   {"description", "rolling out"},
                   {"environmentUrl", ""},
                   {"logUrl", "https://github.com/l"},
                   {"createdAt", "2026-11-30T10:01:00Z"},
                   {"creator", {{"login", "github-actions[bot]"}}}},
                  {{"state", "SUCCESS"},
                   {"description", "live"},
                   {"environmentUrl", "https://shop.example"},
                   {"logUrl", "https://github.com/l"},
                   {"createdAt", "2026-11-30T10:04:00Z"},
                   {"creator", {{"login", "github-actions[bot]"}}}}}}}}}
      .dump();
}

std::string nodesAnswer(const std::vector<std::string>& nodes) {
  std::string list;
  for (const std::string& n : nodes) list += (list.empty() ? "" : ",") + n;
  return std::string(R"({"data":{)") + kRateLimit + R"(,"nodes":[)" + list + "]}}";
}

TEST(GraphQLDocuments, EndpointBesideTheRestBase) {
  EXPECT_EQ(graphqlUrlFor("https://api.github.com"), "https://api.github.com/graphql");
  EXPECT_EQ(graphqlUrlFor("https://ghe.example.com/api/v3/"), "https://ghe.example.com/api/graphql");
  EXPECT_EQ(graphqlUrlFor("http://127.0.0.1:8080"), "http://127.0.0.1:8080/graphql");
}

TEST(GraphQLDocuments, PageSizesAreTheOnesStated) {
  const std::string document(timelineNodesDocument());
  EXPECT_NE(document.find("checkRuns(first: " + std::to_string(kGraphQLCheckRunsPerRun) + ","), std::string::npos);
  EXPECT_NE(document.find("steps(first: " + std::to_string(kGraphQLStepsPerJob) + ")"), std::string::npos);
  EXPECT_NE(document.find("statuses(first: " + std::to_string(kGraphQLStatusesPerDeployment) + ")"), std::string::npos);
}

TEST(GraphQLDocuments, RequestBodiesNameTheOperationAndCarryTheVariables) {
  const Json nodes = Json::parse(timelineNodesRequest({"WFR_1", "DE_2"}));
  EXPECT_EQ(nodes["operationName"], "TimelineNodes");
  EXPECT_EQ(nodes["variables"]["ids"], Json::array({"WFR_1", "DE_2"}));
  EXPECT_EQ(nodes["query"].get<std::string>(), std::string(timelineNodesDocument()));

  const Json commits =
      Json::parse(commitTimesRequest({"contoso", "shop"}, {std::string(40, 'a'), std::string(40, 'b')}));
  EXPECT_EQ(commits["operationName"], "CommitTimes");
  EXPECT_EQ(commits["variables"]["owner"], "contoso");
  EXPECT_EQ(commits["variables"]["o1"], std::string(40, 'b'));
  const std::string query = commits["query"];
  EXPECT_NE(query.find("$o1: GitObjectID!"), std::string::npos);
  EXPECT_NE(query.find("c1: object(oid: $o1)"), std::string::npos);
  EXPECT_EQ(query.find("$o2"), std::string::npos);
}

TEST(GraphQLAnswers, JobsAndStatusesReadAsRestWouldGiveThem) {
  const TimelineNodesAnswer answer = parseTimelineNodes(nodesAnswer({runNode(7), "null", deploymentNode(9)}));
  ASSERT_TRUE(answer.problem.empty()) << answer.problem;
  ASSERT_TRUE(answer.rateLimit);
  EXPECT_EQ(answer.rateLimit->remaining, 4990);
  EXPECT_EQ(answer.rateLimit->cost, 1);
  ASSERT_EQ(answer.jobs.count(7), 1u);
  const std::vector<Job>& jobs = answer.jobs.at(7);
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0].id, 70);
  EXPECT_EQ(jobs[0].runId, 7);
  EXPECT_EQ(jobs[0].status, "completed");
  EXPECT_EQ(jobs[0].conclusion, "success");
  EXPECT_EQ(jobs[0].htmlUrl, "https://github.com/contoso/shop/actions/runs/7/job/70");
  ASSERT_EQ(jobs[0].steps.size(), 1u);
  EXPECT_EQ(jobs[0].steps[0].conclusion, "success");
  ASSERT_EQ(answer.statuses.count(9), 1u);
  const std::vector<DeploymentStatus>& statuses = answer.statuses.at(9);
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses[0].state, "success");  // newest first, as REST lists them
  EXPECT_EQ(statuses[0].id, 2);
  EXPECT_EQ(statuses[1].state, "in_progress");
  EXPECT_EQ(statuses[1].id, 1);
  EXPECT_EQ(statuses[0].creator, "github-actions[bot]");
}

// GraphQL lists a deployment's statuses oldest first; two in the same second are ordered as REST
// would list them (the later one first, with the higher id), so the timeline takes the right one
// as the latest.
TEST(GraphQLAnswers, StatusesInTheSameSecondKeepTheirOrder) {
  const std::string body = R"({"data":{"nodes":[{"__typename":"Deployment","databaseId":9,"statuses":{"totalCount":2,)"
                           R"("nodes":[{"state":"IN_PROGRESS","createdAt":"2026-11-30T10:00:00Z"},)"
                           R"({"state":"SUCCESS","createdAt":"2026-11-30T10:00:00Z"}]}}]}})";
  const TimelineNodesAnswer answer = parseTimelineNodes(body);
  const std::vector<DeploymentStatus>& statuses = answer.statuses.at(9);
  ASSERT_EQ(statuses.size(), 2u);
  EXPECT_EQ(statuses[0].state, "success");
  EXPECT_EQ(statuses[0].id, 2);
}

TEST(GraphQLAnswers, AnObjectCutShortIsLeftForRest) {
  const TimelineNodesAnswer answer = parseTimelineNodes(nodesAnswer({runNode(7, 2, 60)}));
  EXPECT_TRUE(answer.problem.empty());
  EXPECT_TRUE(answer.jobs.empty());
}

TEST(GraphQLAnswers, AnswersWithoutDataAreProblems) {
  EXPECT_NE(parseTimelineNodes(R"({"errors":[{"message":"Field 'checkSuite' doesn't exist"}]})")
                .problem.find("Field 'checkSuite' doesn't exist"),
            std::string::npos);
  EXPECT_FALSE(parseTimelineNodes("<html>").problem.empty());
  EXPECT_FALSE(parseTimelineNodes(nodesAnswer({}) + "{}").problem.empty());  // trailing document
  EXPECT_FALSE(parseTimelineNodes(nodesAnswer({}) + std::string("\0junk", 5)).problem.empty());
  EXPECT_FALSE(parseTimelineNodes(std::string(R"({"data":{"nodes":{}}})")).problem.empty());
  EXPECT_FALSE(parseTimelineNodes(R"({"data":"nodes"})").problem.empty());
  // Errors beside data: the data is read, the errors kept.
  const TimelineNodesAnswer partial =
      parseTimelineNodes(R"({"data":{"nodes":[null]},"errors":[{"message":"NOT_FOUND"}]})");
  EXPECT_TRUE(partial.problem.empty());
  ASSERT_EQ(partial.errors.size(), 1u);
}

TEST(GraphQLAnswers, WrongTypesReadAsAbsent) {
  // A databaseId that is a string and a check run list that is not a list.
  const TimelineNodesAnswer answer = parseTimelineNodes(
      R"({"data":{"nodes":[{"__typename":"WorkflowRun","databaseId":"7"},)"
      R"({"__typename":"WorkflowRun","databaseId":8,"checkSuite":{"checkRuns":{"totalCount":1,"nodes":"x"}}}]}})");
  EXPECT_TRUE(answer.problem.empty());
  EXPECT_TRUE(answer.jobs.empty());
}

TEST(GraphQLAnswers, CommitTimesByAlias) {
  const std::string a(40, 'a'), b(40, 'b'), c(40, 'c');
  const std::string body =
      std::string(R"({"data":{)") + kRateLimit + R"(,"repository":{"c0":{"oid":")" + a +
      R"(","committedDate":"2026-11-29T08:00:00Z","authoredDate":"2026-11-29T07:00:00Z"},)"
      R"("c1":null,"c2":{"oid":"0000000000000000000000000000000000000000","committedDate":"2026-11-29T08:00:00Z"}}}})";
  const CommitTimesAnswer answer = parseCommitTimes(body, {a, b, c});
  ASSERT_TRUE(answer.problem.empty()) << answer.problem;
  ASSERT_EQ(answer.commits.count(a), 1u);
  EXPECT_EQ(formatIsoTime(*answer.commits.at(a).committedAt), "2026-11-29T08:00:00Z");
  EXPECT_EQ(answer.unknown, std::vector<std::string>{b});
  EXPECT_EQ(answer.commits.count(c), 0u);  // another commit's answer is not this one's
}

TEST(GraphQLAnswers, TheRestFormReadsBackTheSame) {
  const TimelineNodesAnswer answer = parseTimelineNodes(nodesAnswer({runNode(7), deploymentNode(9)}));
  const Json jobs = Json::parse(jobsAsRestJson(answer.jobs.at(7)));
  ASSERT_EQ(jobs["jobs"].size(), 2u);
  const Job back = jobFromJson(jobs["jobs"][1]);
  EXPECT_EQ(back.id, 71);
  EXPECT_EQ(back.name, "production-mutate");
  EXPECT_EQ(back.startedAt, answer.jobs.at(7)[1].startedAt);
  EXPECT_EQ(back.steps.size(), 1u);
  const Json statuses = Json::parse(statusesAsRestJson(answer.statuses.at(9)));
  const DeploymentStatus status = deploymentStatusFromJson(statuses[0]);
  EXPECT_EQ(status.state, "success");
  EXPECT_EQ(status.environmentUrl, "https://shop.example");
  Commit commit;
  commit.sha = std::string(40, 'a');
  commit.committedAt = parseIsoTime("2026-11-29T08:00:00Z");
  EXPECT_EQ(commitFromJson(Json::parse(commitAsRestJson(commit))).committedAt, commit.committedAt);
}

// ---- the reader over a scripted transport ----------------------------------------------------------

struct BatchedReadsTest : ::testing::Test {
  ManualScheduler scheduler;
  ScriptedTransport transport{scheduler};

  static GitHubClientConfig config(const std::string& api = "https://api.github.com") {
    GitHubClientConfig c;
    c.apiBase = api;
    c.repo = {"contoso", "shop"};
    c.token = "test-token-value";
    c.retryBaseDelay = 10ms;
    return c;
  }

  JobsAndStatuses read(GitHubClient& client, std::vector<RunJobsWanted> runs,
                       std::vector<DeploymentStatusesWanted> deployments = {}) {
    std::optional<JobsAndStatuses> out;
    readJobsAndStatuses(client, std::move(runs), std::move(deployments), nullptr,
                        [&out](JobsAndStatuses r) { out = std::move(r); });
    scheduler.runAll();
    EXPECT_TRUE(out.has_value());
    return out.value_or(JobsAndStatuses{});
  }

  static RunJobsWanted run(std::int64_t id, bool completed = true) {
    return {id, "WFR_" + std::to_string(id), 1, completed};
  }
  static DeploymentStatusesWanted deployment(std::int64_t id, std::string stamp = "2026-11-30T10:04:00Z") {
    return {id, "DE_" + std::to_string(id), std::move(stamp)};
  }
};

const char* kRestJobs =
    R"({"total_count":1,"jobs":[{"id":80,"run_id":8,"name":"production-mutate","status":"completed","conclusion":"success","steps":[]}]})";
const char* kRestStatuses = R"([{"id":501,"state":"success","created_at":"2026-11-30T10:04:00Z"}])";

TEST_F(BatchedReadsTest, ManyRunsAndDeploymentsInOneRequest) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, nodesAnswer({runNode(7), runNode(8), deploymentNode(9)}));
  const JobsAndStatuses result = read(client, {run(7), run(8)}, {deployment(9)});
  ASSERT_EQ(transport.requests.size(), 1u);
  const HttpRequest& request = transport.requests[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.url, "https://api.github.com/graphql");
  EXPECT_EQ(headerValue(request.headers, "authorization"), "Bearer test-token-value");
  EXPECT_EQ(Json::parse(request.body)["variables"]["ids"], Json::array({"WFR_7", "WFR_8", "DE_9"}));
  EXPECT_EQ(result.jobs.size(), 2u);
  EXPECT_EQ(result.statuses.at(9).size(), 2u);
  EXPECT_TRUE(result.jobErrors.empty());
  EXPECT_EQ(client.counters().graphqlRequests, 1);
  EXPECT_EQ(client.counters().graphqlPoints, 1);
  EXPECT_EQ(client.counters().rateLimitCost, 0);  // REST's budget is untouched
  ASSERT_TRUE(client.lastGraphQLRateLimit());
  EXPECT_EQ(client.lastGraphQLRateLimit()->remaining, 4990);
  EXPECT_TRUE(client.graphqlEnabled());
}

TEST_F(BatchedReadsTest, BatchesHoldAHundredIdsAndLeaveTogether) {
  GitHubClient client(transport, scheduler, config());
  std::vector<RunJobsWanted> runs;
  std::vector<std::string> first, second;
  for (int i = 1; i <= 150; ++i) {
    runs.push_back(run(i));
    (i <= 100 ? first : second).push_back(runNode(i, 1));
  }
  transport.respond(200, nodesAnswer(first));
  transport.respond(200, nodesAnswer(second));
  int progress = 0;
  std::optional<JobsAndStatuses> out;
  readJobsAndStatuses(
      client, runs, {}, [&progress](int n) { progress = n; }, [&out](JobsAndStatuses r) { out = std::move(r); });
  EXPECT_EQ(transport.requests.size(), 2u);  // both sent before either answered
  scheduler.runAll();
  ASSERT_TRUE(out);
  EXPECT_EQ(out->jobs.size(), 150u);
  EXPECT_EQ(progress, 150);
  EXPECT_EQ(Json::parse(transport.requests[1].body)["variables"]["ids"].size(), 50u);
}

TEST_F(BatchedReadsTest, AServerWithoutGraphQLIsReadOverRestFromThenOn) {
  GitHubClient client(transport, scheduler, config("https://ghe.example.com/api/v3"));
  transport.respond(404, R"({"message":"Not Found"})");
  transport.respond(200, kRestJobs);
  transport.respond(200, kRestStatuses);
  const JobsAndStatuses result = read(client, {run(8)}, {deployment(9)});
  ASSERT_EQ(transport.requests.size(), 3u);
  EXPECT_EQ(transport.requests[0].url, "https://ghe.example.com/api/graphql");
  EXPECT_EQ(transport.requests[1].url,
            "https://ghe.example.com/api/v3/repos/contoso/shop/actions/runs/8/jobs?per_page=100");
  EXPECT_EQ(result.jobs.at(8).size(), 1u);
  EXPECT_EQ(result.statuses.at(9).size(), 1u);
  EXPECT_FALSE(client.graphqlEnabled());
  EXPECT_NE(client.graphqlUnavailableReason().find("404"), std::string::npos) << client.graphqlUnavailableReason();
  // The next batch goes straight to REST.
  transport.respond(200, kRestJobs);
  read(client, {run(10, false)});
  ASSERT_EQ(transport.requests.size(), 4u);
  EXPECT_EQ(transport.requests[3].method, "GET");
}

TEST_F(BatchedReadsTest, AnErrorAnswerFallsBackToRest) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, R"({"errors":[{"message":"Field 'steps' doesn't exist on type 'CheckRun'"}]})");
  transport.respond(200, kRestJobs);
  const JobsAndStatuses result = read(client, {run(8)});
  EXPECT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(result.jobs.at(8).size(), 1u);
  EXPECT_NE(client.graphqlUnavailableReason().find("Field 'steps'"), std::string::npos);
}

TEST_F(BatchedReadsTest, MalformedAndTruncatedAnswersFallBackToRest) {
  for (const char* body : {"{\"data\":{\"nodes\":[", "[]", "{\"data\":{}}\n{}"}) {
    SCOPED_TRACE(body);
    GitHubClient client(transport, scheduler, config());
    transport.requests.clear();
    transport.respond(200, body);
    transport.respond(200, kRestJobs);
    const JobsAndStatuses result = read(client, {run(8)});
    EXPECT_EQ(transport.requests.size(), 2u);
    EXPECT_EQ(result.jobs.count(8), 1u);
    EXPECT_FALSE(client.graphqlEnabled());
  }
}

TEST_F(BatchedReadsTest, AnObjectGraphQLDidNotGiveIsReadOverRestAndGraphQLStays) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, nodesAnswer({runNode(7), "null"}));
  transport.respond(200, kRestJobs);
  const JobsAndStatuses result = read(client, {run(7), run(8)});
  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(transport.requests[1].url, "https://api.github.com/repos/contoso/shop/actions/runs/8/jobs?per_page=100");
  EXPECT_EQ(result.jobs.size(), 2u);
  EXPECT_TRUE(client.graphqlEnabled());
}

TEST_F(BatchedReadsTest, ServerErrorsAreRetriedAsReads) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(502, "bad gateway");
  transport.respond(200, nodesAnswer({runNode(7)}));
  const JobsAndStatuses result = read(client, {run(7)});
  EXPECT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(transport.requests[1].method, "POST");
  EXPECT_EQ(result.jobs.size(), 1u);
  EXPECT_TRUE(client.graphqlEnabled());
}

TEST_F(BatchedReadsTest, RestErrorsOfTheFallbackAreReportedPerObject) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(401, R"({"message":"Bad credentials"})");
  transport.respond(401, R"({"message":"Bad credentials"})");
  const JobsAndStatuses result = read(client, {run(8)});
  EXPECT_TRUE(result.jobs.empty());
  ASSERT_EQ(result.jobErrors.count(8), 1u);
  EXPECT_EQ(result.jobErrors.at(8).kind, GitHubErrorKind::Unauthorized);
}

TEST_F(BatchedReadsTest, WhatNeverChangesIsNotAskedForAgain) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, nodesAnswer({runNode(7), deploymentNode(9)}));
  read(client, {run(7)}, {deployment(9)});
  ASSERT_EQ(transport.requests.size(), 1u);
  // A completed run's jobs and an unchanged deployment's statuses: from the cache, no request.
  const JobsAndStatuses again = read(client, {run(7)}, {deployment(9)});
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(again.jobs.at(7).size(), 2u);
  EXPECT_EQ(again.statuses.at(9).size(), 2u);
  // The REST read of the same jobs finds them too.
  std::optional<Result<std::vector<Job>>> rest;
  client.listJobs(
      7, [&rest](Result<std::vector<Job>> r) { rest.emplace(std::move(r)); }, true);
  scheduler.runAll();
  ASSERT_TRUE(rest && rest->ok());
  EXPECT_EQ(rest->value().size(), 2u);
  EXPECT_EQ(transport.requests.size(), 1u);
  // A deployment whose updated_at moved is read again.
  transport.respond(200, nodesAnswer({deploymentNode(9)}));
  read(client, {}, {deployment(9, "2026-11-30T11:00:00Z")});
  EXPECT_EQ(transport.requests.size(), 2u);
}

TEST_F(BatchedReadsTest, CommitsInOneRequestThenFromTheCache) {
  GitHubClient client(transport, scheduler, config());
  const std::string a(40, 'a'), b(40, 'b');
  transport.respond(
      200, std::string(R"({"data":{)") + kRateLimit + R"(,"repository":{"c0":{"oid":")" + a +
               R"(","committedDate":"2026-11-29T08:00:00Z","authoredDate":"2026-11-29T07:00:00Z"},"c1":null}}})");
  std::optional<CommitsRead> out;
  readCommitTimes(client, {a, b}, [&out](CommitsRead r) { out = std::move(r); });
  scheduler.runAll();
  ASSERT_TRUE(out);
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(Json::parse(transport.requests[0].body)["variables"]["o0"], a);
  EXPECT_EQ(out->commits.count(a), 1u);
  EXPECT_EQ(out->missing.count(b), 1u);
  out.reset();
  readCommitTimes(client, {a}, [&out](CommitsRead r) { out = std::move(r); });
  scheduler.runAll();
  ASSERT_TRUE(out);
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(out->commits.count(a), 1u);
}

TEST_F(BatchedReadsTest, OnlyFullShasGoToGraphQL) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, R"({"sha":"ABC","commit":{"committer":{"date":"2026-11-29T08:00:00Z"}}})");
  std::optional<CommitsRead> out;
  readCommitTimes(client, {"ABC"}, [&out](CommitsRead r) { out = std::move(r); });
  scheduler.runAll();
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].method, "GET");
  EXPECT_TRUE(client.graphqlEnabled());
}

TEST_F(BatchedReadsTest, RestRateLimitIsNotGraphQLs) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(
      200, R"({"total_count":0,"variables":[]})",
      {{"x-ratelimit-limit", "5000"}, {"x-ratelimit-remaining", "4000"}, {"x-ratelimit-resource", "core"}});
  client.listVariables(ConfigLevel::Repository, "", [](const Result<std::vector<Variable>>&) {});
  scheduler.runAll();
  transport.respond(
      200, nodesAnswer({runNode(7)}),
      {{"x-ratelimit-limit", "5000"}, {"x-ratelimit-remaining", "4990"}, {"x-ratelimit-resource", "graphql"}});
  read(client, {run(7)});
  ASSERT_TRUE(client.lastRateLimit());
  EXPECT_EQ(client.lastRateLimit()->remaining, 4000);
  EXPECT_EQ(client.lastGraphQLRateLimit()->remaining, 4990);
}

TEST_F(BatchedReadsTest, TurnedOffMeansRestOnly) {
  auto c = config();
  c.graphql = false;
  GitHubClient client(transport, scheduler, c);
  transport.respond(200, kRestJobs);
  read(client, {run(8)});
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].method, "GET");
}

}  // namespace
}  // namespace releasedesk
