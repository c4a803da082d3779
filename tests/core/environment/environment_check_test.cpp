// The environment check through the real GitHubClient over the sandbox repository: every state
// the sandbox's `production` environment shows, each resolution case and each fault.
#include "core/environment/environment_check.h"
#include "core/environment/environment_json.h"
#include "core/github/github_client.h"
#include "core/sandbox/sandbox_repository.h"
#include "resources/embedded_resources.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <map>

namespace releasedesk {
namespace {

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");

std::string sandboxFile(std::string_view path) {
  for (const auto& file : resources::sandboxFiles()) {
    if (file.path == path) return std::string(file.bytes);
  }
  return {};
}

int lineOf(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return at == std::string::npos ? 0 : 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
}

// Passes requests to the sandbox, except those whose URL contains a faulted fragment: those get
// the scripted answer (a 403 with GitHub's permission header, a 404, a network failure).
class FaultingTransport final : public Transport {
 public:
  FaultingTransport(Transport& inner, Scheduler& scheduler) : inner_(inner), scheduler_(scheduler) {}
  void fault(std::string fragment, TransportReply reply) { faults_[std::move(fragment)] = std::move(reply); }
  void send(HttpRequest request, Completion done) override {
    for (const auto& [fragment, reply] : faults_) {
      if (request.url.find(fragment) != std::string::npos) {
        scheduler_.post(std::chrono::milliseconds(0), [done = std::move(done), reply = reply] { done(reply); });
        return;
      }
    }
    inner_.send(std::move(request), std::move(done));
  }

 private:
  Transport& inner_;
  Scheduler& scheduler_;
  std::map<std::string, TransportReply> faults_;
};

TransportReply answer(int status, std::string body, HttpHeaders headers = {}) {
  TransportReply reply;
  reply.response = {status, std::move(headers), std::move(body)};
  return reply;
}

class EnvironmentCheckTest : public ::testing::Test {
 protected:
  EnvironmentCheckTest()
      : scheduler_(std::chrono::system_clock::time_point(kOpenedAt)),
        repository_(kOpenedAt),
        sandbox_(repository_, scheduler_),
        transport_(sandbox_, scheduler_),
        client_(transport_, scheduler_, config()) {}

  static GitHubClientConfig config() {
    GitHubClientConfig config;
    config.apiBase = std::string(kSandboxApiBase);
    config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    config.token = "sandbox-token";
    config.retryBaseDelay = std::chrono::milliseconds(1);
    return config;
  }

  EnvironmentCheckOutcome check(EnvironmentCheckRequest request = {}) {
    std::optional<EnvironmentCheckOutcome> outcome;
    EnvironmentCheck(client_).run(std::move(request), [&](EnvironmentCheckOutcome o) { outcome = std::move(o); });
    for (int i = 0; i < 1000 && !outcome; ++i) scheduler_.advance(std::chrono::milliseconds(10));
    EXPECT_TRUE(outcome) << "the check never finished";
    return outcome ? std::move(*outcome) : EnvironmentCheckOutcome{};
  }

  static const CompletenessItem& item(const CompletenessReport& report, std::string_view name,
                                      ConfigKind kind = ConfigKind::Variable) {
    const CompletenessItem* found = report.find(name, kind);
    if (!found) throw std::runtime_error("no item " + std::string(name));
    return *found;
  }

  static bool mentions(const CompletenessItem& item, std::string_view phrase) {
    return std::any_of(item.messages.begin(), item.messages.end(),
                       [&](const ItemMessage& m) { return m.text.find(phrase) != std::string::npos; });
  }

  testing::ManualScheduler scheduler_;
  SandboxRepository repository_;
  SandboxTransport sandbox_;
  FaultingTransport transport_;
  GitHubClient client_;
};

TEST_F(EnvironmentCheckTest, SandboxProductionShowsEveryState) {
  const EnvironmentCheckOutcome outcome = check();
  ASSERT_TRUE(outcome.ok());
  const CompletenessReport& report = outcome.report;
  EXPECT_FALSE(report.complete());

  // A missing variable.
  EXPECT_EQ(item(report, "ACA_MIGRATE_JOB_NAME").status, ItemStatus::Missing);
  EXPECT_TRUE(mentions(item(report, "ACA_MIGRATE_JOB_NAME"), "not set at environment, repository or organization"));
  // An inherited one.
  const CompletenessItem& acr = item(report, "ACR_NAME");
  EXPECT_EQ(acr.status, ItemStatus::Ok);
  EXPECT_EQ(acr.source, ConfigLevel::Repository);
  EXPECT_TRUE(acr.inherited());
  EXPECT_EQ(acr.value, "contosoprod");
  // A malformed GUID.
  const CompletenessItem& subscription = item(report, "AZURE_SUBSCRIPTION_ID");
  EXPECT_EQ(subscription.status, ItemStatus::Invalid);
  EXPECT_TRUE(mentions(subscription, "not a GUID"));
  EXPECT_EQ(item(report, "AZURE_TENANT_ID").status, ItemStatus::Ok);
  // Environment over repository, with the shadowed value.
  const CompletenessItem& group = item(report, "AZURE_RESOURCE_GROUP");
  EXPECT_EQ(group.source, ConfigLevel::Environment);
  EXPECT_EQ(group.value, "rg-shop-prod");
  ASSERT_EQ(group.shadowed.size(), 1u);
  EXPECT_EQ(group.shadowed[0].level, ConfigLevel::Repository);
  EXPECT_EQ(group.shadowed[0].value, "rg-shop-dev");
  // A half-configured custom domain.
  const CompletenessItem& certificate = item(report, "ACA_WEB_MANAGED_CERTIFICATE_NAME");
  EXPECT_FALSE(certificate.required);
  EXPECT_TRUE(certificate.needed());
  EXPECT_EQ(certificate.status, ItemStatus::Missing);
  EXPECT_TRUE(certificate.blocking());
  EXPECT_TRUE(mentions(certificate, "needed because ACA_WEB_CUSTOM_DOMAIN is set"));
  EXPECT_TRUE(mentions(item(report, "ACA_WEB_CUSTOM_DOMAIN"), "Half configured"));
  EXPECT_FALSE(item(report, "ACA_API_MANAGED_CERTIFICATE_NAME").blocking());
  EXPECT_TRUE(item(report, "ACA_CUSTOM_DOMAIN_VALIDATION_METHOD").needed());
  // An unreadable level: the org-only secret is unknown, never missing.
  const CompletenessItem& identity = item(report, "AZURE_IDENTITY_CLIENT_ID", ConfigKind::Secret);
  EXPECT_EQ(identity.status, ItemStatus::Unknown);
  EXPECT_TRUE(mentions(identity, "secrets=read"));
  ASSERT_FALSE(report.unreadableLevels.empty());
  EXPECT_NE(report.unreadableLevels.front().find("organization secrets"), std::string::npos);
  // Secrets: presence and the last update.
  const CompletenessItem& deploy = item(report, "AZURE_DEPLOY_CLIENT_ID", ConfigKind::Secret);
  EXPECT_EQ(deploy.status, ItemStatus::Ok);
  ASSERT_TRUE(deploy.updatedAt);
  EXPECT_EQ(*deploy.updatedAt, kOpenedAt - std::chrono::days(120));
  // The infra README's parameters joined the profile; one comes from the organization.
  const CompletenessItem& workspace = item(report, "LOG_ANALYTICS_WORKSPACE_NAME");
  EXPECT_TRUE(workspace.required);
  EXPECT_EQ(workspace.source, ConfigLevel::Organization);
  EXPECT_EQ(item(report, "AZURE_LOCATION").source, ConfigLevel::Repository);
  EXPECT_EQ(item(report, "KEY_VAULT_NAME").status, ItemStatus::Ok);

  EXPECT_EQ(report.summary(), "14 of 18 ready") << completenessMarkdown(report);
}

TEST_F(EnvironmentCheckTest, WorkflowReferencesMustResolve) {
  const EnvironmentCheckOutcome outcome = check();
  const CompletenessReport& report = outcome.report;
  const std::string workflow = sandboxFile(".github/workflows/production-stage.yml");
  EXPECT_EQ(report.workflowPath, ".github/workflows/production-stage.yml");
  const int migrateLine = lineOf(workflow, "vars.ACA_MIGRATE_JOB_NAME");
  ASSERT_GT(migrateLine, 0);
  const auto unresolved = std::find_if(report.workflowFindings.begin(), report.workflowFindings.end(),
                                       [&](const WorkflowFinding& f) { return f.line == migrateLine; });
  ASSERT_NE(unresolved, report.workflowFindings.end()) << completenessMarkdown(report);
  EXPECT_EQ(unresolved->severity, Severity::Error);
  EXPECT_NE(unresolved->message.find("line " + std::to_string(migrateLine) + " uses vars.ACA_MIGRATE_JOB_NAME"),
            std::string::npos);
  EXPECT_EQ(item(report, "ACA_MIGRATE_JOB_NAME").workflowLines.front(), migrateLine);
  // The unreadable org secret is reported as unverifiable, not unresolved.
  const int identityLine = lineOf(workflow, "secrets.AZURE_IDENTITY_CLIENT_ID");
  const auto unknown = std::find_if(report.workflowFindings.begin(), report.workflowFindings.end(),
                                    [&](const WorkflowFinding& f) { return f.line == identityLine; });
  ASSERT_NE(unknown, report.workflowFindings.end());
  EXPECT_EQ(unknown->severity, Severity::Warning);
  EXPECT_NE(unknown->message.find("could not be checked"), std::string::npos);
  // Nothing about GITHUB_TOKEN-like built-ins or github.token.
  for (const WorkflowFinding& f : report.workflowFindings) EXPECT_EQ(f.message.find("GITHUB_TOKEN"), std::string::npos);
}

TEST_F(EnvironmentCheckTest, ReadableOrganizationSecretsResolveTheInheritedSecret) {
  // The same answer the sandbox gives once the token may read organization secrets.
  transport_.fault("/actions/organization-secrets",
                   answer(200, R"({"total_count":1,"secrets":[{"name":"AZURE_IDENTITY_CLIENT_ID",)"
                               R"("created_at":"2025-01-01T00:00:00Z","updated_at":"2025-01-02T00:00:00Z"}]})"));
  const CompletenessReport report = check().report;
  const CompletenessItem& identity = item(report, "AZURE_IDENTITY_CLIENT_ID", ConfigKind::Secret);
  EXPECT_EQ(identity.status, ItemStatus::Ok);
  EXPECT_EQ(identity.source, ConfigLevel::Organization);
  EXPECT_TRUE(mentions(identity, "Inherited from the organization level"));
  EXPECT_TRUE(report.unreadableLevels.empty());
}

TEST_F(EnvironmentCheckTest, OrganizationVariablesForbiddenMakeOnlyTheirNamesUnknown) {
  HttpHeaders headers;
  setHeader(headers, "x-accepted-github-permissions", "variables=read");
  transport_.fault("/actions/organization-variables",
                   answer(403, R"({"message":"Resource not accessible by integration"})", headers));
  const CompletenessReport report = check().report;
  const CompletenessItem& workspace = item(report, "LOG_ANALYTICS_WORKSPACE_NAME");
  EXPECT_EQ(workspace.status, ItemStatus::Unknown);
  EXPECT_TRUE(mentions(workspace, "variables=read"));
  EXPECT_TRUE(workspace.blocking());
  // Found at a higher level: known regardless of the unreadable organization level.
  EXPECT_EQ(item(report, "ACR_NAME").status, ItemStatus::Ok);
  // Not found anywhere readable: unknown, not missing.
  EXPECT_EQ(item(report, "ACA_MIGRATE_JOB_NAME").status, ItemStatus::Unknown);
  EXPECT_FALSE(report.complete());
}

TEST_F(EnvironmentCheckTest, MissingEnvironmentMakesEverythingUnknown) {
  EnvironmentCheckRequest request;
  request.environment = "staging";  // the sandbox has no such environment: 404
  const CompletenessReport report = check(request).report;
  EXPECT_EQ(report.environment, "staging");
  for (const CompletenessItem& i : report.items) {
    EXPECT_EQ(i.status, ItemStatus::Unknown) << i.name;
    EXPECT_TRUE(mentions(i, "404")) << i.name;
  }
  EXPECT_FALSE(report.complete());
}

TEST_F(EnvironmentCheckTest, ConnectionFailureIsNotAReport) {
  TransportReply down;
  down.failure = TransportFailure::Network;
  down.failureDetail = "connection refused";
  transport_.fault("/actions/variables", down);
  const EnvironmentCheckOutcome outcome = check();
  ASSERT_TRUE(outcome.connectionError);
  EXPECT_EQ(outcome.connectionError->kind, GitHubErrorKind::Network);
}

TEST_F(EnvironmentCheckTest, LocalProfileAndWorkflowReplaceTheRepositorysOwn) {
  EnvironmentCheckRequest request;
  request.profileText = R"({"version": 1, "infraParameters": null,
    "variables": [{"name": "DOTNET_VERSION", "required": true, "format": "pattern", "pattern": "[0-9]+\\.[0-9]+\\.x",
                   "hint": "a version such as 8.0.x"},
                  {"name": "ACA_MIGRATE_JOB_NAME", "required": false}],
    "secrets": [{"name": "SLACK_RELEASE_WEBHOOK_URL", "required": true}]})";
  request.profilePath = "my-profile.json";
  request.workflowText = "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: echo ${{ vars.ACR_NAME }}\n";
  request.workflowPath = "local.yml";
  const CompletenessReport report = check(request).report;
  const CompletenessItem& dotnet = item(report, "DOTNET_VERSION");
  EXPECT_EQ(dotnet.status, ItemStatus::Ok);
  EXPECT_EQ(dotnet.source, ConfigLevel::Repository);
  EXPECT_EQ(item(report, "SLACK_RELEASE_WEBHOOK_URL", ConfigKind::Secret).status, ItemStatus::Ok);
  EXPECT_FALSE(item(report, "ACA_MIGRATE_JOB_NAME").required);
  EXPECT_EQ(report.find("AZURE_LOCATION", ConfigKind::Variable), nullptr);  // no README parameters
  // Required variables the local workflow never uses are info.
  EXPECT_TRUE(mentions(item(report, "AZURE_TENANT_ID"), "never uses it"));
  EXPECT_EQ(report.workflowPath, "local.yml");
}

TEST_F(EnvironmentCheckTest, MalformedProfileIsAnError) {
  EnvironmentCheckRequest request;
  request.profileText = R"({"variables": [{"name": "lower_case"}]})";
  const EnvironmentCheckOutcome outcome = check(request);
  EXPECT_FALSE(outcome.ok());
  ASSERT_FALSE(outcome.profileErrors.empty());
  EXPECT_NE(outcome.profileErrors.front().find("variables[0].name"), std::string::npos);
}

TEST_F(EnvironmentCheckTest, RepeatedCheckCostsOnlyWhatCannotBeConditional) {
  check();
  const RequestCounters before = client_.counters();
  const EnvironmentCheckOutcome again = check();
  const RequestCounters cost = client_.counters() - before;
  // 6 lists, the workflow and the README (one page each), and the listing of .github: the absent
  // profile is not asked again while that listing shows no .github/releasedesk folder.
  EXPECT_EQ(cost.requests, 9);
  // Every answer that had an ETag is a free 304. The sandbox's refusal of the organization
  // secrets has none and costs a point, as on GitHub: this client remembers no refusals.
  EXPECT_EQ(cost.notModified, 8);
  EXPECT_EQ(cost.rateLimitCost, 1);
  EXPECT_EQ(again.report.summary(), "14 of 18 ready");
}

TEST_F(EnvironmentCheckTest, RepeatedCheckRememberingRefusalsCostsNothing) {
  client_.rememberRefusals("sandbox-token-key", std::chrono::hours(1));
  check();
  const RequestCounters before = client_.counters();
  const EnvironmentCheckOutcome again = check();
  const RequestCounters cost = client_.counters() - before;
  EXPECT_EQ(cost.requests, 8);  // the organization secrets' refusal is not asked again
  EXPECT_EQ(cost.notModified, 8);
  EXPECT_EQ(cost.rateLimitCost, 0);
  EXPECT_EQ(again.report.summary(), "14 of 18 ready");
  const auto& secrets = again.snapshot.secrets[static_cast<std::size_t>(ConfigLevel::Organization)];
  EXPECT_FALSE(secrets.readable());
  EXPECT_NE(secrets.reason.find("Remembered from GitHub's answer"), std::string::npos) << secrets.reason;

  // An hour later the refusal is asked again (and still costs its point).
  scheduler_.advance(std::chrono::minutes(61));
  const RequestCounters hourBefore = client_.counters();
  check();
  EXPECT_EQ((client_.counters() - hourBefore).rateLimitCost, 1);
}

// The repository's profile gates nothing: its request leaves with the six lists and the two
// documents the built-in profile names, and only further pages wait for an answer.
TEST_F(EnvironmentCheckTest, EverythingLeavesInTwoWavesAtMost) {
  // The environment's variables come in two pages: the sandbox's page, then an empty second one.
  class TwoPages final : public Transport {
   public:
    TwoPages(Transport& inner, Scheduler& scheduler) : inner_(inner), scheduler_(scheduler) {}
    void send(HttpRequest request, Completion done) override {
      const bool variables = request.url.find("/environments/production/variables") != std::string::npos;
      if (variables && request.url.find("page=2") != std::string::npos) {
        scheduler_.post(std::chrono::milliseconds(0),
                        [done = std::move(done)] { done(answer(200, R"({"total_count": 0, "variables": []})")); });
        return;
      }
      if (!variables) return inner_.send(std::move(request), std::move(done));
      const std::string next = request.url + "&page=2";
      inner_.send(std::move(request), [next, done = std::move(done)](TransportReply reply) {
        reply.response.headers.emplace_back("link", "<" + next + ">; rel=\"next\"");
        done(std::move(reply));
      });
    }

   private:
    Transport& inner_;
    Scheduler& scheduler_;
  };
  TwoPages paged(sandbox_, scheduler_);
  GitHubClient client(paged, scheduler_, config());
  auto trace = std::make_shared<RequestTrace>();
  client.setTrace(trace);
  std::optional<EnvironmentCheckOutcome> outcome;
  EnvironmentCheck(client).run({}, [&](EnvironmentCheckOutcome o) { outcome = std::move(o); });
  for (int i = 0; i < 1000 && !outcome; ++i) scheduler_.advance(std::chrono::milliseconds(10));
  ASSERT_TRUE(outcome && outcome->ok());
  EXPECT_LE(trace->waves(), 2);
  std::vector<std::string> firstWave;
  for (const TracedRequest& request : trace->requests()) {
    ASSERT_TRUE(request.finished) << request.target;
    if (request.wave == 1) {
      firstWave.push_back(request.target);
    } else {
      EXPECT_EQ(request.wave, 2) << request.target;
      EXPECT_NE(request.target.find("page=2"), std::string::npos) << "waited for no reason: " << request.target;
    }
  }
  // profile, workflow, README, six lists, and the listings above the profile's and the README's
  // folders (read alongside, so that asking again is free)
  EXPECT_EQ(firstWave.size(), 11u);
  const auto inFirstWave = [&](std::string_view fragment) {
    return std::any_of(firstWave.begin(), firstWave.end(),
                       [&](const std::string& t) { return t.find(fragment) != std::string::npos; });
  };
  EXPECT_TRUE(inFirstWave("/contents/.github/releasedesk"));
  EXPECT_TRUE(inFirstWave("/contents/.github/workflows/production-stage.yml"));
  EXPECT_TRUE(inFirstWave("/contents/infra/azure/README.md"));
  EXPECT_NE(std::find(firstWave.begin(), firstWave.end(), "/repos/contoso/shop/contents/.github"), firstWave.end());
  EXPECT_NE(std::find(firstWave.begin(), firstWave.end(), "/repos/contoso/shop/contents/infra"), firstWave.end());
  EXPECT_EQ(trace->sent(), 12);
  EXPECT_EQ(trace->waves(), 2);
}

TEST_F(EnvironmentCheckTest, JsonHasTheDocumentedShape) {
  const CompletenessReport report = check().report;
  const auto doc = nlohmann::json::parse(toJson(report));
  EXPECT_EQ(doc["environment"], "production");
  EXPECT_EQ(doc["complete"], false);
  EXPECT_EQ(doc["summary"]["text"], "14 of 18 ready");
  bool sawSecret = false;
  for (const auto& i : doc["items"]) {
    ASSERT_TRUE(i.contains("name") && i.contains("kind") && i.contains("required") && i.contains("status") &&
                i.contains("source") && i.contains("messages"));
    if (i["kind"] == "secret") {
      sawSecret = true;
      EXPECT_TRUE(i["value"].is_null());
    }
    if (i["name"] == "ACR_NAME") EXPECT_EQ(i["source"], "repository");
    if (i["name"] == "ACA_MIGRATE_JOB_NAME") EXPECT_TRUE(i["source"].is_null());
  }
  EXPECT_TRUE(sawSecret);
  EXPECT_FALSE(doc["workflow"]["findings"].empty());
  const std::string markdown = completenessMarkdown(report);
  EXPECT_NE(markdown.find("| `ACA_MIGRATE_JOB_NAME` | variable | required | ❌ missing |"), std::string::npos);
  EXPECT_NE(markdown.find("❔ unknown"), std::string::npos);
}

}  // namespace
}  // namespace releasedesk
