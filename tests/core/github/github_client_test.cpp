// GitHubClient over a scripted transport: headers, pagination, ETags, retries, typed errors and
// the rules for requests that change GitHub.
#include "core/github/github_client.h"

#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>

#include <unistd.h>

namespace releasedesk {
namespace {

using testing::ManualScheduler;
using testing::ScriptedTransport;
using namespace std::chrono_literals;

constexpr const char* kApi = "https://api.github.com";

GitHubClientConfig config() {
  GitHubClientConfig c;
  c.apiBase = kApi;
  c.repo = {"contoso", "shop"};
  c.token = "test-token-value";
  c.userAgent = "ReleaseDesk/test";
  c.retryBaseDelay = 100ms;
  return c;
}

template <typename T>
std::optional<Result<T>> run(ManualScheduler& scheduler, const std::function<void(ResultCallback<T>)>& start) {
  std::optional<Result<T>> out;
  start([&out](Result<T> r) { out.emplace(std::move(r)); });
  scheduler.runAll();
  return out;
}

struct ClientTest : ::testing::Test {
  ManualScheduler scheduler;
  ScriptedTransport transport{scheduler};

  std::optional<Result<std::vector<Variable>>> listEnvVariables(GitHubClient& client) {
    return run<std::vector<Variable>>(
        scheduler, [&](auto done) { client.listVariables(ConfigLevel::Environment, "production", std::move(done)); });
  }
};

const char* kVariablesPage1 = R"({"total_count":3,"variables":[{"name":"A","value":"1"},{"name":"B","value":"2"}]})";
const char* kVariablesPage2 =
    R"({"total_count":3,"variables":[{"name":"C","value":"3","updated_at":"2026-01-02T03:04:05Z"}]})";

TEST_F(ClientTest, SendsGitHubHeadersAndTokenToTheApiOrigin) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, kVariablesPage2);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && result->ok());
  ASSERT_EQ(transport.requests.size(), 1u);
  const HttpRequest& request = transport.requests[0];
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.url, "https://api.github.com/repos/contoso/shop/environments/production/variables?per_page=30");
  EXPECT_EQ(headerValue(request.headers, "accept"), "application/vnd.github+json");
  EXPECT_EQ(headerValue(request.headers, "x-github-api-version"), "2022-11-28");
  EXPECT_EQ(headerValue(request.headers, "user-agent"), "ReleaseDesk/test");
  EXPECT_EQ(headerValue(request.headers, "authorization"), "Bearer test-token-value");
  ASSERT_EQ(result->value().size(), 1u);
  EXPECT_EQ(result->value()[0].name, "C");
  ASSERT_TRUE(result->value()[0].updatedAt);
  EXPECT_EQ(formatIsoTime(*result->value()[0].updatedAt), "2026-01-02T03:04:05Z");
}

TEST_F(ClientTest, FollowsLinkNextAcrossPages) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, kVariablesPage1,
                    {{"Link",
                      "<https://api.github.com/repositories/1/environments/production/variables?per_page=30&page=2>; "
                      "rel=\"next\", <https://api.github.com/x?page=2>; rel=\"last\""}});
  transport.respond(200, kVariablesPage2, {{"Link", "<https://api.github.com/x?page=1>; rel=\"prev\""}});
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && result->ok());
  ASSERT_EQ(result->value().size(), 3u);
  EXPECT_EQ(result->value()[2].name, "C");
  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_NE(transport.requests[1].url.find("page=2"), std::string::npos);
  EXPECT_EQ(client.counters().requests, 2);
  EXPECT_EQ(client.counters().rateLimitCost, 2);
}

TEST_F(ClientTest, StopsAtThePageCap) {
  auto c = config();
  c.maxPages = 2;
  GitHubClient client(transport, scheduler, c);
  for (int i = 0; i < 3; ++i) {
    transport.respond(200, kVariablesPage1,
                      {{"Link", "<https://api.github.com/next?page=" + std::to_string(i + 2) + ">; rel=\"next\""}});
  }
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && result->ok());
  EXPECT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(result->value().size(), 4u);
  EXPECT_EQ(client.counters().truncatedLists, 1);
}

// A server whose next link leads back to a page already read would be followed until the page
// cap, repeating items (runs counted many times over) with success: it is an error at once.
TEST_F(ClientTest, NextLinkToTheSamePageIsAnError) {
  GitHubClient client(transport, scheduler, config());
  const std::string self = "https://api.github.com/repos/contoso/shop/environments/production/variables?per_page=30";
  for (int i = 0; i < 5; ++i) transport.respond(200, kVariablesPage1, {{"Link", "<" + self + ">; rel=\"next\""}});
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::InvalidResponse);
  EXPECT_NE(result->error().message.find("its pagination header (Link) leads back to a page already read"),
            std::string::npos)
      << result->error().message;
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(client.counters().truncatedLists, 0);
}

TEST_F(ClientTest, NextLinkBackToAnEarlierPageIsAnError) {
  GitHubClient client(transport, scheduler, config());
  const std::string page2 = "https://api.github.com/next?page=2";
  const std::string page3 = "https://api.github.com/next?page=3";
  transport.respond(200, kVariablesPage1, {{"Link", "<" + page2 + ">; rel=\"next\""}});
  transport.respond(200, kVariablesPage1, {{"Link", "<" + page3 + ">; rel=\"next\""}});
  transport.respond(200, kVariablesPage1, {{"Link", "<" + page2 + ">; rel=\"next\""}});
  for (int i = 0; i < 5; ++i) transport.respond(200, kVariablesPage2);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_NE(result->error().message.find("leads back to a page already read"), std::string::npos)
      << result->error().message;
  EXPECT_EQ(transport.requests.size(), 3u);
}

TEST_F(ClientTest, NeverFollowsANextLinkToAnotherHost) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, kVariablesPage1, {{"Link", "<https://evil.example/steal?page=2>; rel=\"next\""}});
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::InvalidResponse);
  EXPECT_EQ(transport.requests.size(), 1u);
}

TEST_F(ClientTest, MalformedLinkHeaderIsAnInvalidResponse) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, kVariablesPage1, {{"Link", "https://api.github.com/next; rel=next"}});
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::InvalidResponse);
  EXPECT_NE(result->error().message.find("Link"), std::string::npos);
}

TEST_F(ClientTest, ConditionalRequestsCostNothingWhenUnchanged) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, kVariablesPage2, {{"ETag", "\"abc\""}});
  ASSERT_TRUE(listEnvVariables(client)->ok());
  const RequestCounters before = client.counters();
  transport.respond(304, "", {{"ETag", "\"abc\""}});
  const auto again = listEnvVariables(client);
  ASSERT_TRUE(again && again->ok());
  EXPECT_EQ(again->value().size(), 1u);
  EXPECT_EQ(headerValue(transport.requests.back().headers, "if-none-match"), "\"abc\"");
  const RequestCounters batch = client.counters() - before;
  EXPECT_EQ(batch.requests, 1);
  EXPECT_EQ(batch.notModified, 1);
  EXPECT_EQ(batch.rateLimitCost, 0);
}

TEST_F(ClientTest, RetriesIdempotentReadsWithBackoff) {
  GitHubClient client(transport, scheduler, config());
  const auto start = scheduler.now();
  transport.respond(500, "{}");
  transport.fail(TransportFailure::Timeout);
  transport.respond(200, kVariablesPage2);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && result->ok());
  EXPECT_EQ(client.counters().retries, 2);
  EXPECT_EQ(transport.requests.size(), 3u);
  EXPECT_GE(scheduler.now() - start, 300ms);  // 100 ms, then 200 ms
}

TEST_F(ClientTest, GivesUpAfterTheRetryBound) {
  GitHubClient client(transport, scheduler, config());
  for (int i = 0; i < 5; ++i) transport.respond(502, "{\"message\":\"Bad gateway\"}");
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::ServerError);
  EXPECT_EQ(transport.requests.size(), 3u);  // three attempts: the first try + 2 retries
  EXPECT_NE(result->error().message.find("502"), std::string::npos);
}

TEST_F(ClientTest, ARefusedConnectionOrUnknownHostIsNotRetried) {
  GitHubClient client(transport, scheduler, config());
  std::vector<RetryNotice> notices;
  client.setRetryObserver([&notices](const RetryNotice& n) { notices.push_back(n); });
  for (const char* detail : {"connection refused by 127.0.0.1:9", "host nowhere.invalid not found"}) {
    transport.requests.clear();
    transport.failUnreachable(detail);
    const auto result = listEnvVariables(client);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, GitHubErrorKind::Network);
    EXPECT_TRUE(result->error().unreachable);
    EXPECT_NE(result->error().message.find(detail), std::string::npos);
    EXPECT_EQ(transport.requests.size(), 1u) << detail;  // one attempt, no retry
  }
  EXPECT_TRUE(notices.empty());
  EXPECT_EQ(client.counters().retries, 0);
}

TEST_F(ClientTest, ResetsAreRetriedAndEachRetryIsAnnounced) {
  GitHubClient client(transport, scheduler, config());
  std::vector<RetryNotice> notices;
  client.setRetryObserver([&notices](const RetryNotice& n) { notices.push_back(n); });
  transport.fail(TransportFailure::Network, "the connection to api.github.com:443 was closed early");
  transport.respond(503, "{}");
  transport.respond(503, "{}");
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::ServerError);
  EXPECT_EQ(transport.requests.size(), 3u);
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[0].attempt, 2);
  EXPECT_EQ(notices[0].attempts, 3);
  EXPECT_EQ(notices[0].reason, "the connection to api.github.com:443 was closed early");
  EXPECT_EQ(notices[0].delay, 100ms);
  EXPECT_EQ(notices[1].attempt, 3);
  EXPECT_EQ(notices[1].reason, "server error 503");
  EXPECT_EQ(notices[1].delay, 200ms);
}

TEST_F(ClientTest, SecondaryLimitWaitsForRetryAfter) {
  GitHubClient client(transport, scheduler, config());
  const auto start = scheduler.now();
  transport.respond(429, "{\"message\":\"slow down\"}", {{"Retry-After", "7"}});
  transport.respond(200, kVariablesPage2);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && result->ok());
  EXPECT_GE(scheduler.now() - start, 7s);
}

TEST_F(ClientTest, LongRetryAfterIsReportedNotAwaited) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(403, "{\"message\":\"You have exceeded a secondary rate limit\"}", {{"Retry-After", "600"}});
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::SecondaryRateLimited);
  ASSERT_TRUE(result->error().retryAfter);
  EXPECT_EQ(result->error().retryAfter->count(), 600);
  EXPECT_NE(result->error().message.find("600 s"), std::string::npos);
  EXPECT_EQ(transport.requests.size(), 1u);
}

struct ErrorCase {
  const char* name;
  int status;
  const char* body;
  HttpHeaders headers;
  GitHubErrorKind kind;
  const char* messagePart;
};

class ClientErrorTest : public ClientTest, public ::testing::WithParamInterface<ErrorCase> {};

TEST_P(ClientErrorTest, MapsToATypedErrorWithAPlainSentence) {
  auto c = config();
  c.maxRetries = 0;
  GitHubClient client(transport, scheduler, c);
  const ErrorCase& e = GetParam();
  transport.respond(e.status, e.body, e.headers);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, e.kind) << toString(result->error().kind);
  EXPECT_NE(result->error().message.find(e.messagePart), std::string::npos) << result->error().message;
  EXPECT_EQ(result->error().message.find("test-token-value"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Statuses, ClientErrorTest,
    ::testing::Values(
        ErrorCase{"unauthorized",
                  401,
                  R"({"message":"Bad credentials"})",
                  {},
                  GitHubErrorKind::Unauthorized,
                  "did not accept the token"},
        ErrorCase{"forbidden",
                  403,
                  R"({"message":"Resource not accessible by integration"})",
                  {{"X-Accepted-GitHub-Permissions", "environments=read"}},
                  GitHubErrorKind::Forbidden,
                  "needs the permission environments=read"},
        ErrorCase{"rate_limited",
                  403,
                  R"({"message":"API rate limit exceeded"})",
                  {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-limit", "5000"}, {"x-ratelimit-reset", "1790003600"}},
                  GitHubErrorKind::RateLimited,
                  "resets at"},
        ErrorCase{
            "rate_limited_429", 429, "{}", {{"x-ratelimit-remaining", "0"}}, GitHubErrorKind::RateLimited, "used up"},
        ErrorCase{"secondary", 429, "{}", {{"retry-after", "30"}}, GitHubErrorKind::SecondaryRateLimited, "Wait 30 s"},
        ErrorCase{"not_found",
                  404,
                  R"({"message":"Not Found"})",
                  {},
                  GitHubErrorKind::NotFound,
                  "Not found (404): the variables of environment 'production'"},
        ErrorCase{
            "validation", 422, R"({"message":"Invalid request"})", {}, GitHubErrorKind::Validation, "Invalid request"},
        ErrorCase{"server", 503, "", {}, GitHubErrorKind::ServerError, "server error (503)"},
        ErrorCase{"unexpected", 418, "", {}, GitHubErrorKind::InvalidResponse, "418"},
        ErrorCase{"truncated_json",
                  200,
                  R"({"total_count":3,"variables":[{"na)",
                  {},
                  GitHubErrorKind::InvalidResponse,
                  "malformed or cut off"},
        ErrorCase{"wrong_shape",
                  200,
                  R"({"total_count":3})",
                  {},
                  GitHubErrorKind::InvalidResponse,
                  "\"variables\" is missing"},
        ErrorCase{"html", 200, "<html>proxy login</html>", {}, GitHubErrorKind::InvalidResponse, "could not be read"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(ClientTest, RateLimitResetTimeIsKept) {
  auto c = config();
  c.maxRetries = 0;
  GitHubClient client(transport, scheduler, c);
  transport.respond(
      403, "{}", {{"x-ratelimit-remaining", "0"}, {"x-ratelimit-limit", "5000"}, {"x-ratelimit-reset", "1790003600"}});
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  ASSERT_TRUE(result->error().resetAt);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(result->error().resetAt->time_since_epoch()).count(),
            1790003600);
  ASSERT_TRUE(client.lastRateLimit());
  EXPECT_EQ(client.lastRateLimit()->remaining, 0);
}

TEST_F(ClientTest, TransportFailuresBecomeTypedErrors) {
  auto c = config();
  c.maxRetries = 0;
  GitHubClient client(transport, scheduler, c);
  transport.fail(TransportFailure::Network, "connection refused");
  auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::Network);
  EXPECT_NE(result->error().message.find("connection refused"), std::string::npos);
  transport.fail(TransportFailure::TooLarge, "64 MiB");
  result = listEnvVariables(client);
  EXPECT_EQ(result->error().kind, GitHubErrorKind::InvalidResponse);
  EXPECT_NE(result->error().message.find("64 MiB"), std::string::npos);
  transport.fail(TransportFailure::Timeout);
  result = listEnvVariables(client);
  EXPECT_EQ(result->error().kind, GitHubErrorKind::Timeout);
  // Oversized headers have their own sentence, not a timeout's, and are not retried.
  transport.fail(TransportFailure::HeadersTooLarge, "the response headers from h:443 exceed what is read");
  result = listEnvVariables(client);
  EXPECT_EQ(result->error().kind, GitHubErrorKind::InvalidResponse);
  EXPECT_EQ(result->error().message,
            "GitHub's answer for the variables of environment 'production' has headers too large to read (the "
            "response headers from h:443 exceed what is read); it was not read.");
}

TEST_F(ClientTest, DispatchIsNeverRetried) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(500, "{}");
  DispatchRequest request{"production-stage.yml", "main", {{"candidate_sha", std::string(40, 'a')}}, true};
  const auto result =
      run<DispatchResult>(scheduler, [&](auto done) { client.dispatchWorkflow(request, std::move(done)); });
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::ServerError);
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].method, "POST");
  EXPECT_NE(transport.requests[0].body.find("\"return_run_details\":true"), std::string::npos);
  EXPECT_NE(transport.requests[0].body.find("\"candidate_sha\""), std::string::npos);
}

TEST_F(ClientTest, DispatchReturnsRunDetails) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(
      200,
      R"({"workflow_run_id":4242,"run_url":"https://api.github.com/r/4242","html_url":"https://github.com/r/4242"})");
  DispatchRequest request{"production-stage.yml", "main", {}, true};
  const auto result =
      run<DispatchResult>(scheduler, [&](auto done) { client.dispatchWorkflow(request, std::move(done)); });
  ASSERT_TRUE(result && result->ok());
  EXPECT_EQ(result->value().workflowRunId, 4242);
  EXPECT_EQ(result->value().htmlUrl, "https://github.com/r/4242");
}

TEST_F(ClientTest, DispatchFallsBackWhenTheServerRejectsRunDetails) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(422, R"({"message":"Invalid request.\n\n\"return_run_details\" is not a permitted key."})");
  transport.respond(204, "");
  DispatchRequest request{"production-stage.yml", "main", {}, true};
  const auto result =
      run<DispatchResult>(scheduler, [&](auto done) { client.dispatchWorkflow(request, std::move(done)); });
  ASSERT_TRUE(result && result->ok());
  EXPECT_FALSE(result->value().workflowRunId);
  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(transport.requests[1].body.find("return_run_details"), std::string::npos);
}

TEST_F(ClientTest, ReviewIsNeverRetried) {
  GitHubClient client(transport, scheduler, config());
  transport.fail(TransportFailure::Timeout);
  const auto result = run<Done>(
      scheduler, [&](auto done) { client.reviewPendingDeployments(7, {161171787}, true, "Ship it", std::move(done)); });
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_NE(transport.requests[0].body.find("\"state\":\"approved\""), std::string::npos);
  EXPECT_NE(transport.requests[0].body.find("\"environment_ids\":[161171787]"), std::string::npos);
}

TEST_F(ClientTest, RefusesPlainHttpToARemoteHost) {
  auto c = config();
  c.apiBase = "http://github.example.com/api/v3";
  GitHubClient client(transport, scheduler, c);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::Configuration);
  EXPECT_TRUE(transport.requests.empty());
}

TEST_F(ClientTest, NeedsARepository) {
  auto c = config();
  c.repo = {};
  GitHubClient client(transport, scheduler, c);
  const auto result = listEnvVariables(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::Configuration);
  EXPECT_NE(result->error().message.find("owner/name"), std::string::npos);
}

TEST_F(ClientTest, CallbacksOfADestroyedClientAreDropped) {
  bool called = false;
  {
    GitHubClient client(transport, scheduler, config());
    transport.respond(200, kVariablesPage2);
    client.listVariables(ConfigLevel::Environment, "production", [&](auto) { called = true; });
  }
  scheduler.runAll();
  EXPECT_FALSE(called);
}

TEST_F(ClientTest, RunFiltersAreEncodedIntoTheQuery) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(
      200, R"({"total_count":1,"workflow_runs":[{"id":9,"head_sha":"abc","status":"completed","conclusion":"success",
    "event":"workflow_dispatch","run_attempt":2,"created_at":"2026-03-01T23:59:59Z","run_started_at":"2026-03-02T00:00:10Z"}]})");
  RunFilter filter;
  filter.branch = "main";
  filter.event = "workflow_dispatch";
  filter.created = ">=2026-01-01";
  filter.headSha = "abc";
  const auto result = run<std::vector<WorkflowRun>>(
      scheduler, [&](auto done) { client.listWorkflowRuns("production-stage.yml", filter, std::move(done)); });
  ASSERT_TRUE(result && result->ok());
  EXPECT_EQ(transport.requests[0].url,
            "https://api.github.com/repos/contoso/shop/actions/workflows/production-stage.yml/runs?per_page=100"
            "&branch=main&event=workflow_dispatch&created=%3E%3D2026-01-01&head_sha=abc");
  ASSERT_EQ(result->value().size(), 1u);
  EXPECT_EQ(result->value()[0].runAttempt, 2);
  EXPECT_EQ(formatIsoTime(*result->value()[0].runStartedAt), "2026-03-02T00:00:10Z");
}

TEST_F(ClientTest, DecodesFileContents) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(
      200,
      R"({"path":".github/workflows/production-stage.yml","sha":"f00","encoding":"base64","content":"bmFtZTog\nUHJvZHVjdGlvbg==\n"})");
  const auto result = run<FileContents>(scheduler, [&](auto done) {
    client.getFileContents(".github/workflows/production-stage.yml", "main", std::move(done));
  });
  ASSERT_TRUE(result && result->ok());
  EXPECT_EQ(result->value().content, "name: Production");
  EXPECT_EQ(transport.requests[0].url,
            "https://api.github.com/repos/contoso/shop/contents/.github/workflows/production-stage.yml?ref=main");
}

// GitHub's answer is outside input: a valid answer followed by a NUL and junk, or by a second
// document, is not JSON, for a list, an object and a file alike; nothing of it is kept.
TEST_F(ClientTest, AnswersWithTrailingDataAreNotJson) {
  auto c = config();
  c.maxRetries = 0;
  GitHubClient client(transport, scheduler, c);
  for (const std::string& trailing : {std::string("\0junk", 5), std::string("{}")}) {
    transport.respond(200, kVariablesPage2 + trailing);
    const auto list = listEnvVariables(client);
    ASSERT_TRUE(list && !list->ok()) << trailing;
    EXPECT_EQ(list->error().kind, GitHubErrorKind::InvalidResponse);
    EXPECT_NE(
        list->error().message.find("could not be read: it is not JSON: something follows the end of the document"),
        std::string::npos)
        << list->error().message;

    transport.respond(200, R"({"login":"octocat"})" + trailing);
    const auto user = run<User>(scheduler, [&](auto done) { client.getCurrentUser(std::move(done)); });
    ASSERT_TRUE(user && !user->ok()) << trailing;
    EXPECT_NE(user->error().message.find("it is not JSON: something follows the end of the document"),
              std::string::npos)
        << user->error().message;

    transport.respond(200, R"({"path":"a.yml","sha":"f00","encoding":"base64","content":"bmFtZQ=="})" + trailing);
    const auto file =
        run<FileContents>(scheduler, [&](auto done) { client.getFileContents("a.yml", "main", std::move(done)); });
    ASSERT_TRUE(file && !file->ok()) << trailing;
    EXPECT_NE(file->error().message.find("it is not JSON: something follows the end of the document"),
              std::string::npos)
        << file->error().message;
  }
}

// An error's body is read only for GitHub's message: one followed by trailing data is not
// quoted, and the error is otherwise the same.
TEST_F(ClientTest, ErrorBodyWithTrailingDataIsNotQuoted) {
  auto c = config();
  c.maxRetries = 0;
  GitHubClient client(transport, scheduler, c);
  transport.respond(404, R"({"message":"Not Found"})");
  const auto quoted = listEnvVariables(client);
  ASSERT_TRUE(quoted && !quoted->ok());
  EXPECT_EQ(quoted->error().gitHubMessage, "Not Found");
  for (const std::string& trailing : {std::string("\0junk", 5), std::string("{}")}) {
    transport.respond(404, R"({"message":"Not Found"})" + trailing);
    const auto result = listEnvVariables(client);
    ASSERT_TRUE(result && !result->ok());
    EXPECT_EQ(result->error().kind, GitHubErrorKind::NotFound);
    EXPECT_EQ(result->error().gitHubMessage, "") << trailing;
    EXPECT_EQ(result->error().message, quoted->error().message.substr(0, quoted->error().message.find(" GitHub said")));
  }
}

TEST(ApiBase, HostsMapToTheirApiRoots) {
  EXPECT_EQ(apiBaseForHost("github.com"), "https://api.github.com");
  EXPECT_EQ(apiBaseForHost(""), "https://api.github.com");
  EXPECT_EQ(apiBaseForHost("ghe.example.com"), "https://ghe.example.com/api/v3");
  EXPECT_EQ(apiBaseForHost("http://127.0.0.1:8080/"), "http://127.0.0.1:8080");
  EXPECT_TRUE(checkApiBase("https://ghe.example.com/api/v3").empty());
  EXPECT_TRUE(checkApiBase("http://127.0.0.1:9").empty());
  EXPECT_TRUE(checkApiBase("http://localhost:9").empty());
  EXPECT_FALSE(checkApiBase("http://ghe.example.com").empty());
  EXPECT_FALSE(checkApiBase("ftp://x").empty());
  EXPECT_FALSE(checkApiBase("not a url").empty());
  EXPECT_FALSE(checkApiBase("https://user:pw@ghe.example.com").empty());
  EXPECT_TRUE(isGitHubDotCom("https://api.github.com"));
  EXPECT_FALSE(isGitHubDotCom("https://ghe.example.com/api/v3"));
}

TEST(Loopback, OnlyLoopbackLiteralsAndLocalhost) {
  EXPECT_TRUE(isLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(isLoopbackHost("127.1.2.3"));
  EXPECT_TRUE(isLoopbackHost("localhost"));
  EXPECT_TRUE(isLoopbackHost("::1"));
  EXPECT_FALSE(isLoopbackHost("127.evil.example"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.1.evil.example"));
  EXPECT_FALSE(isLoopbackHost("128.0.0.1"));
  EXPECT_FALSE(isLoopbackHost("127.0.0.256"));
  EXPECT_FALSE(checkApiBase("http://127.evil.example").empty());
}

TEST_F(ClientTest, HugeRateLimitHeadersDoNotCrash) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(200, kVariablesPage2,
                    {{"x-ratelimit-limit", "99999999999999999999999"}, {"x-ratelimit-remaining", "-1"}});
  ASSERT_TRUE(listEnvVariables(client)->ok());
  transport.respond(200, kVariablesPage2, {{"x-ratelimit-limit", "99999999999"}, {"x-ratelimit-remaining", "5"}});
  ASSERT_TRUE(listEnvVariables(client)->ok());
  ASSERT_TRUE(client.lastRateLimit());
  EXPECT_EQ(client.lastRateLimit()->remaining, 5);
}

TEST(Time, ParsesGitHubTimes) {
  EXPECT_EQ(formatIsoTime(*parseIsoTime("2026-12-31T23:59:59Z")), "2026-12-31T23:59:59Z");
  EXPECT_EQ(formatIsoTime(*parseIsoTime("2026-01-01T00:00:00.123Z")), "2026-01-01T00:00:00Z");
  EXPECT_EQ(formatIsoTime(*parseIsoTime("2026-01-01T01:00:00+01:00")), "2026-01-01T00:00:00Z");
  EXPECT_FALSE(parseIsoTime(""));
  EXPECT_FALSE(parseIsoTime("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parseIsoTime("yesterday"));
}

TEST(Repo, ParsesOwnerAndName) {
  ASSERT_TRUE(RepoRef::parse("contoso/shop"));
  EXPECT_EQ(RepoRef::parse("contoso/shop")->fullName(), "contoso/shop");
  EXPECT_FALSE(RepoRef::parse("contoso"));
  EXPECT_FALSE(RepoRef::parse("/shop"));
  EXPECT_FALSE(RepoRef::parse("a/b/c"));
  EXPECT_FALSE(RepoRef::parse("a/.."));
}

// ---- a file that may be absent: probed by the listing above it ----------------------------------

constexpr const char* kProfileUrl =
    "https://api.github.com/repos/contoso/shop/contents/.github/releasedesk/profile.json";
constexpr const char* kDotGithubUrl = "https://api.github.com/repos/contoso/shop/contents/.github";
constexpr const char* kListingWithoutFolder = R"([{"name":"workflows","path":".github/workflows","type":"dir"}])";
constexpr const char* kListingWithFolder = R"([{"name":"releasedesk","path":".github/releasedesk","type":"dir"},)"
                                           R"({"name":"workflows","path":".github/workflows","type":"dir"}])";
// {"required": []} in base64.
constexpr const char* kProfileFile =
    R"({"type":"file","encoding":"base64","path":".github/releasedesk/profile.json","sha":"1","content":"eyJyZXF1aXJlZCI6IFtdfQ=="})";

struct FileIfPresentTest : ClientTest {
  std::optional<Result<std::optional<FileContents>>> readProfile(GitHubClient& client) {
    return run<std::optional<FileContents>>(scheduler, [&](auto done) {
      client.getFileIfPresent(".github/releasedesk/profile.json", "", std::move(done));
    });
  }
  // The first read of an absent profile: its own 404 and the listing of .github, kept.
  void readAbsentOnce(GitHubClient& client) {
    transport.respond(404, R"({"message":"Not Found"})");
    transport.respond(200, kListingWithoutFolder, {{"ETag", "\"L1\""}});
    const auto result = readProfile(client);
    ASSERT_TRUE(result && result->ok());
    EXPECT_FALSE(result->value().has_value());
  }
};

TEST_F(FileIfPresentTest, FirstReadAsksTheFileAndTheListingAboveItsFolderAtOnce) {
  GitHubClient client(transport, scheduler, config());
  readAbsentOnce(client);
  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(transport.requests[0].url, kProfileUrl);
  EXPECT_EQ(transport.requests[1].url, kDotGithubUrl);
  EXPECT_EQ(client.counters().rateLimitCost, 2);
}

TEST_F(FileIfPresentTest, AbsentFolderStaysKnownForAFree304) {
  GitHubClient client(transport, scheduler, config());
  readAbsentOnce(client);
  const RequestCounters before = client.counters();
  transport.respond(304, "", {{"ETag", "\"L1\""}});
  const auto again = readProfile(client);
  ASSERT_TRUE(again && again->ok());
  EXPECT_FALSE(again->value().has_value());
  ASSERT_EQ(transport.requests.size(), 3u);  // the listing alone
  EXPECT_EQ(transport.requests[2].url, kDotGithubUrl);
  EXPECT_EQ(headerValue(transport.requests[2].headers, "if-none-match"), "\"L1\"");
  const RequestCounters cost = client.counters() - before;
  EXPECT_EQ(cost.notModified, 1);
  EXPECT_EQ(cost.rateLimitCost, 0);
}

TEST_F(FileIfPresentTest, AFolderThatAppearsIsReadAtOnceAndThenAskedForAlone) {
  GitHubClient client(transport, scheduler, config());
  readAbsentOnce(client);
  // Someone added the profile: the listing changed, so the file is asked right after it.
  transport.respond(200, kListingWithFolder, {{"ETag", "\"L2\""}});
  transport.respond(200, kProfileFile, {{"ETag", "\"F1\""}});
  const auto added = readProfile(client);
  ASSERT_TRUE(added && added->ok());
  ASSERT_TRUE(added->value().has_value());
  EXPECT_EQ(added->value()->content, R"({"required": []})");
  ASSERT_EQ(transport.requests.size(), 4u);
  EXPECT_EQ(transport.requests[2].url, kDotGithubUrl);
  EXPECT_EQ(transport.requests[3].url, kProfileUrl);
  // Known to be there: the file alone, conditional.
  transport.respond(304, "", {{"ETag", "\"F1\""}});
  const auto again = readProfile(client);
  ASSERT_TRUE(again && again->ok() && again->value().has_value());
  ASSERT_EQ(transport.requests.size(), 5u);
  EXPECT_EQ(transport.requests[4].url, kProfileUrl);
  EXPECT_EQ(headerValue(transport.requests[4].headers, "if-none-match"), "\"F1\"");
}

TEST_F(FileIfPresentTest, AFailedListingLeavesTheAnswerToTheFile) {
  GitHubClient client(transport, scheduler, config());
  readAbsentOnce(client);
  transport.respond(404, R"({"message":"Not Found"})");  // .github itself is gone
  transport.respond(404, R"({"message":"Not Found"})");
  const auto again = readProfile(client);
  ASSERT_TRUE(again && again->ok());
  EXPECT_FALSE(again->value().has_value());
  ASSERT_EQ(transport.requests.size(), 4u);
  EXPECT_EQ(transport.requests[3].url, kProfileUrl);
}

TEST_F(FileIfPresentTest, AnyOtherFailureOfTheFileIsAnError) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(401, R"({"message":"Bad credentials"})");
  transport.respond(200, kListingWithFolder, {{"ETag", "\"L2\""}});
  const auto result = readProfile(client);
  ASSERT_TRUE(result && !result->ok());
  EXPECT_EQ(result->error().kind, GitHubErrorKind::Unauthorized);
}

TEST_F(FileIfPresentTest, AClientWhoseAnswersAreNotKeptAsksForTheFileAlone) {
  GitHubClient client(transport, scheduler, config());
  client.setAnswersKept(false);
  transport.respond(404, R"({"message":"Not Found"})");
  const auto result = readProfile(client);
  ASSERT_TRUE(result && result->ok());
  EXPECT_FALSE(result->value().has_value());
  ASSERT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ(transport.requests[0].url, kProfileUrl);
}

TEST_F(FileIfPresentTest, AFileAtTheTopIsProbedByTheRootListing) {
  GitHubClient client(transport, scheduler, config());
  transport.respond(404, R"({"message":"Not Found"})");
  transport.respond(200, R"([{"name":"README.md","path":"README.md","type":"file"}])", {{"ETag", "\"R\""}});
  const auto result = run<std::optional<FileContents>>(
      scheduler, [&](auto done) { client.getFileIfPresent("infra/README.md", "main", std::move(done)); });
  ASSERT_TRUE(result && result->ok());
  ASSERT_EQ(transport.requests.size(), 2u);
  EXPECT_EQ(transport.requests[1].url, "https://api.github.com/repos/contoso/shop/contents/?ref=main");
}

// ---- refusals remembered for the same token -----------------------------------------------------

struct RefusalTest : ClientTest {
  void respondRefusal() {
    transport.respond(403, R"({"message":"Resource not accessible by integration"})",
                      {{"X-Accepted-GitHub-Permissions", "secrets=read"}, {"X-RateLimit-Remaining", "4990"}});
  }
  std::optional<Result<std::vector<Secret>>> organizationSecrets(GitHubClient& client) {
    return run<std::vector<Secret>>(
        scheduler, [&](auto done) { client.listSecrets(ConfigLevel::Organization, "", std::move(done)); });
  }
};

TEST_F(RefusalTest, TheSameTokenIsRefusedAgainWithoutARequestWithinTheSpan) {
  GitHubClient client(transport, scheduler, config());
  client.rememberRefusals("token-key-1", std::chrono::hours(1), "`tool doctor` asks now");
  respondRefusal();
  const auto first = organizationSecrets(client);
  ASSERT_TRUE(first && !first->ok());
  EXPECT_EQ(first->error().kind, GitHubErrorKind::Forbidden);
  EXPECT_EQ(first->error().message.find("Remembered"), std::string::npos);

  scheduler.advance(std::chrono::minutes(59));
  const RequestCounters before = client.counters();
  const auto again = organizationSecrets(client);
  ASSERT_TRUE(again && !again->ok());
  EXPECT_EQ(transport.requests.size(), 1u);
  EXPECT_EQ((client.counters() - before).rateLimitCost, 0);
  EXPECT_EQ(again->error().kind, GitHubErrorKind::Forbidden);
  EXPECT_EQ(again->error().missingPermission, "secrets=read");
  EXPECT_NE(again->error().message.find("Remembered from GitHub's answer to this token at "), std::string::npos)
      << again->error().message;
  EXPECT_NE(again->error().message.find("asked again after 1h 00m; `tool doctor` asks now.)"), std::string::npos)
      << again->error().message;

  // Past the span, GitHub is asked again.
  scheduler.advance(std::chrono::minutes(2));
  transport.respond(200, R"({"total_count":0,"secrets":[]})", {{"ETag", "\"S\""}});
  const auto later = organizationSecrets(client);
  ASSERT_TRUE(later && later->ok());
  EXPECT_EQ(transport.requests.size(), 2u);
}

TEST_F(RefusalTest, AnotherTokenOrNoMemoryAsksAgain) {
  auto cache = std::make_shared<EtagCache>();
  GitHubClient first(transport, scheduler, config());
  first.setCache(cache);
  first.rememberRefusals("token-key-1", std::chrono::hours(1));
  respondRefusal();
  organizationSecrets(first);

  GitHubClient other(transport, scheduler, config());
  other.setCache(cache);
  other.rememberRefusals("token-key-2", std::chrono::hours(1));
  respondRefusal();
  organizationSecrets(other);
  EXPECT_EQ(transport.requests.size(), 2u);

  GitHubClient forgetful(transport, scheduler, config());
  forgetful.setCache(cache);
  respondRefusal();
  organizationSecrets(forgetful);
  EXPECT_EQ(transport.requests.size(), 3u);
}

TEST_F(RefusalTest, ASuccessWithoutAnETagForgetsTheRefusal) {
  auto cache = std::make_shared<EtagCache>();
  GitHubClient remembering(transport, scheduler, config());
  remembering.setCache(cache);
  remembering.rememberRefusals("token-key-1", std::chrono::hours(1));
  respondRefusal();
  organizationSecrets(remembering);
  // The doctor asks now (no memory): the permission was granted meanwhile.
  GitHubClient doctor(transport, scheduler, config());
  doctor.setCache(cache);
  transport.respond(200, R"({"total_count":0,"secrets":[]})");
  const auto granted = organizationSecrets(doctor);
  ASSERT_TRUE(granted && granted->ok());
  // The next remembering command asks GitHub instead of serving the old refusal.
  transport.respond(200, R"({"total_count":0,"secrets":[]})");
  const auto next = organizationSecrets(remembering);
  ASSERT_TRUE(next && next->ok());
  EXPECT_EQ(transport.requests.size(), 3u);
}

TEST_F(RefusalTest, ARateLimitIsNeverRemembered) {
  GitHubClient client(transport, scheduler, config());
  client.rememberRefusals("token-key-1", std::chrono::hours(1));
  const std::string reset = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>((scheduler.now() + std::chrono::minutes(1)).time_since_epoch())
          .count());
  transport.respond(403, R"({"message":"API rate limit exceeded for user ID 1."})",
                    {{"X-RateLimit-Remaining", "0"}, {"X-RateLimit-Reset", reset}});
  const auto first = organizationSecrets(client);
  ASSERT_TRUE(first && !first->ok());
  EXPECT_NE(first->error().kind, GitHubErrorKind::Forbidden);
  transport.respond(200, R"({"total_count":0,"secrets":[]})");
  const auto again = organizationSecrets(client);
  ASSERT_TRUE(again && again->ok());
  EXPECT_EQ(transport.requests.size(), 2u);
}

TEST_F(RefusalTest, ARememberedRefusalSurvivesTheCacheFileButNotItsToken) {
  const auto file =
      std::filesystem::temp_directory_path() / ("releasedesk-refusal-" + std::to_string(::getpid())) / "etags.json";
  {
    auto cache = std::make_shared<EtagCache>();
    GitHubClient client(transport, scheduler, config());
    client.setCache(cache);
    client.rememberRefusals("token-key-1", std::chrono::hours(1));
    respondRefusal();
    organizationSecrets(client);
    std::string error;
    ASSERT_TRUE(cache->save(file, error)) << error;
  }
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find("test-token-value"), std::string::npos);

  auto loaded = std::make_shared<EtagCache>();
  std::string error;
  ASSERT_TRUE(loaded->load(file, scheduler.now(), std::chrono::hours(24), error)) << error;
  GitHubClient client(transport, scheduler, config());
  client.setCache(loaded);
  client.rememberRefusals("token-key-1", std::chrono::hours(1));
  const auto again = organizationSecrets(client);
  ASSERT_TRUE(again && !again->ok());
  EXPECT_EQ(again->error().missingPermission, "secrets=read");
  EXPECT_EQ(transport.requests.size(), 1u);
  std::filesystem::remove_all(file.parent_path());
}

}  // namespace
}  // namespace releasedesk
