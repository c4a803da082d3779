// ConnectionDoctor over a scripted transport: the checks a user sees for a healthy project, a
// rejected token, a repository that is not there, and a token short of a permission.
#include "core/github/connection_doctor.h"

#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace releasedesk {
namespace {

using testing::ManualScheduler;
using testing::ScriptedTransport;

constexpr const char* kRateLimit =
    R"({"resources":{"core":{"limit":5000,"remaining":4990,"used":10,"reset":1767225600}}})";
constexpr const char* kGraphQLRateLimit =
    R"({"data":{"rateLimit":{"cost":1,"limit":5000,"remaining":4990,"used":10,"resetAt":"2026-01-01T00:00:00Z"}}})";
constexpr const char* kWritableRepository =
    R"({"id":1,"full_name":"contoso/shop","permissions":{"admin":false,"push":true,"pull":true}})";
constexpr const char* kReadOnlyRepository =
    R"({"id":1,"full_name":"contoso/shop","permissions":{"admin":false,"push":false,"pull":true}})";
constexpr const char* kVariables =
    R"({"total_count":2,"variables":[{"name":"A","value":"1"},{"name":"B","value":"2"}]})";
constexpr const char* kSecrets = R"({"total_count":1,"secrets":[{"name":"AZURE_DEPLOY_CLIENT_ID"}]})";
constexpr const char* kRuns = R"({"total_count":1,"workflow_runs":[{"id":7,"status":"completed"}]})";
constexpr const char* kDeployments = R"([{"id":3,"sha":"abc","environment":"production"}])";
constexpr const char* kNoVariables = R"({"total_count":0,"variables":[]})";
constexpr const char* kNoSecrets = R"({"total_count":0,"secrets":[]})";
constexpr const char* kWorkflowFile =
    R"({"path":".github/workflows/production-stage.yml","sha":"f","encoding":"base64","content":"b246IHt9"})";

struct Seen {
  std::string name;
  CheckStatus status;
};

struct DoctorTest : ::testing::Test {
  ManualScheduler scheduler;
  ScriptedTransport transport{scheduler};

  DoctorReport run(DoctorOptions options = {}) {
    GitHubClientConfig config;
    config.apiBase = "https://api.github.com";
    config.repo = {"contoso", "shop"};
    config.token = "test-token-value";
    config.maxRetries = 0;
    GitHubClient client(transport, scheduler, config);
    if (options.tokenSource.empty()) options.tokenSource = "GH_TOKEN";
    std::optional<DoctorReport> report;
    runConnectionDoctor(client, options, [&report](DoctorReport r) { report = std::move(r); });
    scheduler.runAll();
    EXPECT_TRUE(report.has_value()) << "the doctor never reported";
    return report.value_or(DoctorReport{});
  }

  static std::vector<std::string> names(const DoctorReport& report) {
    std::vector<std::string> out;
    for (const DoctorCheck& check : report.checks) out.push_back(check.name);
    return out;
  }

  static const DoctorCheck& check(const DoctorReport& report, const std::string& name) {
    for (const DoctorCheck& c : report.checks) {
      if (c.name == name) return c;
    }
    ADD_FAILURE() << "no check named " << name;
    static const DoctorCheck none;
    return none;
  }
};

TEST_F(DoctorTest, AHealthyProjectPassesEveryCheck) {
  transport.respond(200, kRateLimit);
  transport.respond(200, kGraphQLRateLimit);
  transport.respond(200, kWritableRepository);
  transport.respond(200, kVariables);
  transport.respond(200, kSecrets);
  transport.respond(200, kVariables);
  transport.respond(200, kNoSecrets);
  transport.respond(200, kNoVariables);
  transport.respond(200, kSecrets);
  transport.respond(200, kWorkflowFile);
  transport.respond(200, kRuns);
  transport.respond(200, kDeployments);
  const DoctorReport report = run();

  EXPECT_EQ(names(report),
            (std::vector<std::string>{"token", "host reachable", "rate limit", "graphql rate limit",
                                      "repository visible", "permission: actions write", "permission: variables read",
                                      "permission: secrets read", "permission: repository variables read",
                                      "permission: repository secrets read", "permission: organization variables read",
                                      "permission: organization secrets read", "permission: contents read",
                                      "permission: actions read", "permission: deployments read"}));
  // Every level env check resolves is read, the organization's as the repository sees it.
  std::vector<std::string> paths;
  for (const HttpRequest& request : transport.requests) paths.push_back(request.url.substr(22));
  EXPECT_NE(std::find(paths.begin(), paths.end(), "/repos/contoso/shop/actions/organization-secrets?per_page=100"),
            paths.end());
  EXPECT_FALSE(report.noConnection);
  for (const DoctorCheck& c : report.checks) EXPECT_EQ(c.status, CheckStatus::Ok) << c.name << ": " << c.message;
  EXPECT_TRUE(report.allHold());
  EXPECT_EQ(check(report, "token").message, "A token is set (from GH_TOKEN).");
  EXPECT_EQ(check(report, "host reachable").message, "GitHub answers at https://api.github.com.");
  EXPECT_NE(check(report, "rate limit").message.find("4990 of 5000 requests left"), std::string::npos);
  EXPECT_EQ(check(report, "graphql rate limit").message,
            "GraphQL: 4,990 of 5,000 points left, resets 2026-01-01T00:00:00Z.");
  EXPECT_EQ(check(report, "repository visible").message, "contoso/shop is visible to the token.");
  EXPECT_EQ(check(report, "permission: variables read").message,
            "Can read the 2 variables of environment 'production'.");
  EXPECT_EQ(check(report, "permission: secrets read").message,
            "Can list the 1 secret name of environment 'production'.");
  EXPECT_EQ(check(report, "permission: repository secrets read").message,
            "Can list the 0 secret names of the repository.");
  EXPECT_EQ(check(report, "permission: organization variables read").message,
            "Can read the 0 variables of the organization (visible to the repository).");
  EXPECT_EQ(check(report, "permission: contents read").message, "Can read .github/workflows/production-stage.yml.");
  EXPECT_EQ(check(report, "permission: actions read").message, "Can read the runs of production-stage.yml (1 found).");
  EXPECT_EQ(check(report, "permission: deployments read").message,
            "Can read the deployments to 'production' (1 found).");
  EXPECT_EQ(transport.unused(), 0u);
}

TEST_F(DoctorTest, ARejectedTokenStopsAfterSayingHowToReplaceIt) {
  transport.respond(401, R"({"message":"Bad credentials"})");
  const DoctorReport report = run();

  EXPECT_EQ(names(report), (std::vector<std::string>{"token", "token valid"}));
  EXPECT_EQ(check(report, "token valid").status, CheckStatus::Failed);
  EXPECT_NE(check(report, "token valid").message.find("GitHub did not accept the token (401)"), std::string::npos);
  EXPECT_NE(check(report, "token valid").message.find("GH_TOKEN"), std::string::npos);
  EXPECT_FALSE(report.allHold());
  EXPECT_EQ(transport.requests.size(), 1u) << "no further request repeats the same error";
}

TEST_F(DoctorTest, AMissingRepositoryIsNamedAndStopsTheChecks) {
  transport.respond(200, kRateLimit);
  transport.respond(200, kGraphQLRateLimit);
  transport.respond(404, R"({"message":"Not Found"})");
  const DoctorReport report = run();

  EXPECT_EQ(names(report), (std::vector<std::string>{"token", "host reachable", "rate limit", "graphql rate limit",
                                                     "repository visible"}));
  const DoctorCheck& repository = check(report, "repository visible");
  EXPECT_EQ(repository.status, CheckStatus::Failed);
  EXPECT_EQ(repository.message,
            "Not found (404): the repository contoso/shop. It does not exist, or the token is not allowed to see it.");
  EXPECT_FALSE(report.allHold());
  EXPECT_EQ(transport.requests.size(), 3u);
}

TEST_F(DoctorTest, AMissingPermissionFailsItsCheckAndTheOthersStillRun) {
  transport.respond(200, kRateLimit);
  transport.respond(200, kGraphQLRateLimit);
  transport.respond(200, kReadOnlyRepository);
  transport.respond(200, kVariables);
  transport.respond(403, R"({"message":"Resource not accessible by personal access token"})",
                    {{"x-accepted-github-permissions", "secrets=read"}});
  transport.respond(200, kVariables);
  transport.respond(200, kSecrets);
  transport.respond(200, kVariables);
  transport.respond(200, kSecrets);
  transport.respond(200, kWorkflowFile);
  transport.respond(200, kRuns);
  transport.respond(200, kDeployments);
  const DoctorReport report = run();

  ASSERT_EQ(report.checks.size(), 15u);
  std::vector<Seen> failed;
  for (const DoctorCheck& c : report.checks) {
    if (c.status == CheckStatus::Failed) failed.push_back({c.name, c.status});
  }
  ASSERT_EQ(failed.size(), 2u);
  EXPECT_EQ(failed[0].name, "permission: actions write");
  EXPECT_EQ(failed[1].name, "permission: secrets read");
  EXPECT_NE(check(report, "permission: actions write").message.find("can only read the repository"), std::string::npos);
  const std::string& secrets = check(report, "permission: secrets read").message;
  EXPECT_NE(secrets.find("(403)"), std::string::npos) << secrets;
  EXPECT_NE(secrets.find("it needs the permission secrets=read"), std::string::npos) << secrets;
  EXPECT_EQ(check(report, "permission: deployments read").status, CheckStatus::Ok);
  EXPECT_FALSE(report.allHold());
}

// env check reads the organization's values too: a token that cannot must not pass the doctor.
TEST_F(DoctorTest, AnUnreadableOrganizationLevelFailsTheDoctor) {
  transport.respond(200, kRateLimit);
  transport.respond(200, kGraphQLRateLimit);
  transport.respond(200, kWritableRepository);
  for (int i = 0; i < 4; ++i) transport.respond(200, i % 2 == 0 ? kVariables : kSecrets);
  transport.respond(403, R"({"message":"Resource not accessible by integration"})",
                    {{"x-accepted-github-permissions", "organization_actions_variables=read"}});
  transport.respond(200, kSecrets);
  transport.respond(404, R"({"message":"Not Found"})");
  transport.respond(200, kRuns);
  transport.respond(200, kDeployments);
  const DoctorReport report = run();

  EXPECT_EQ(check(report, "permission: organization variables read").status, CheckStatus::Failed);
  EXPECT_NE(check(report, "permission: organization variables read")
                .message.find("it needs the permission organization_actions_variables=read"),
            std::string::npos);
  EXPECT_EQ(check(report, "permission: contents read").status, CheckStatus::Warning);
  EXPECT_FALSE(report.allHold());
  EXPECT_EQ(transport.unused(), 0u);
}

// Reads fall back to REST without GraphQL: a GraphQL endpoint that refuses is a warning, and
// the doctor still holds.
TEST_F(DoctorTest, GraphQLThatFailsIsAWarningOnly) {
  for (const char* graphql : {R"({"errors":[{"message":"Something went wrong"}]})", "not json"}) {
    transport.requests.clear();
    transport.respond(200, kRateLimit);
    transport.respond(200, graphql);
    transport.respond(200, kWritableRepository);
    for (int i = 0; i < 6; ++i) transport.respond(200, i % 2 == 0 ? kVariables : kSecrets);
    transport.respond(200, kWorkflowFile);
    transport.respond(200, kRuns);
    transport.respond(200, kDeployments);
    const DoctorReport report = run();

    const DoctorCheck& check = DoctorTest::check(report, "graphql rate limit");
    EXPECT_EQ(check.status, CheckStatus::Warning) << check.message;
    EXPECT_NE(check.message.find("Batched reads go over REST instead"), std::string::npos) << check.message;
    EXPECT_EQ(transport.requests.at(1).url, "https://api.github.com/graphql");
    EXPECT_EQ(transport.requests.at(1).method, "POST");
    EXPECT_TRUE(report.allHold());
    EXPECT_EQ(transport.unused(), 0u);
  }
}

TEST_F(DoctorTest, AFewGraphQLPointsLeftIsAWarning) {
  transport.respond(200, kRateLimit);
  transport.respond(200,
                    R"({"data":{"rateLimit":{"cost":1,"limit":5000,"remaining":120,"used":4880,"resetAt":null}}})");
  transport.respond(404, R"({"message":"Not Found"})");
  const DoctorReport report = run();
  EXPECT_EQ(check(report, "graphql rate limit").status, CheckStatus::Warning);
  EXPECT_EQ(check(report, "graphql rate limit").message, "GraphQL: 120 of 5,000 points left.");
}

TEST_F(DoctorTest, ARefusedConnectionIsNoConnectionAndStopsAtOnce) {
  transport.failUnreachable("connection refused by 127.0.0.1:9");
  const DoctorReport report = run();
  EXPECT_EQ(names(report), (std::vector<std::string>{"token", "host reachable"}));
  EXPECT_TRUE(report.noConnection);
  EXPECT_EQ(transport.requests.size(), 1u);
}

}  // namespace
}  // namespace releasedesk
