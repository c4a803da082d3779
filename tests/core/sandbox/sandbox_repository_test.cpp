// The built-in sandbox repository, driven through the real GitHubClient over SandboxTransport:
// what a release manager sees on opening the desk, and what approving and replaying do.
#include "core/sandbox/sandbox_repository.h"
#include "core/github/github_client.h"
#include "resources/embedded_resources.h"
#include "tests/core/support/fake_network.h"

#include <gtest/gtest.h>
#include <zip.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

constexpr std::string_view kNewest = "a13e390e0d8caef0d8a77d1c754990fd5275835c";      // waits for approval
constexpr std::string_view kRuntimeOld = "0b8f1f0b31cfa0dad2bc10f5e41d46a21e349ee8";  // rollback target, live
constexpr std::string_view kIdentity = "84131100147d9ed7a33d38a3c291f8edc7e4ea64";    // re-run; queued behind the lock
constexpr std::string_view kFailedDeploy = "4bd780cba4864856691dedee9ca56d1ea87442c5";
constexpr std::string_view kRejected = "85d2a9aa9ac858626fab413f82497b67316cc715";
constexpr std::string_view kInvalid = "6a6d61aec083f3429116cd5863b44cb82ed38300";
constexpr std::string_view kProductionWorkflow = "production-stage.yml";
constexpr std::string_view kToken = "sandbox-secret-token-7c1f";

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");

std::string sampleManifest(std::string_view sha) {
  for (const auto& file : resources::sampleArtifacts()) {
    if (file.path.find(sha) != std::string_view::npos) return std::string(file.bytes);
  }
  return {};
}

std::string sandboxFile(std::string_view path) {
  for (const auto& file : resources::sandboxFiles()) {
    if (file.path == path) return std::string(file.bytes);
  }
  return {};
}

// The entries of a zip, read back with libzip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
  std::map<std::string, std::string> entries;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* archive = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
  zip_error_fini(&error);
  if (!archive) {
    if (source) zip_source_free(source);
    return entries;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(archive, 0); ++i) {
    zip_file_t* file = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
    std::string content;
    char buffer[4096];
    for (zip_int64_t got = 0; file && (got = zip_fread(file, buffer, sizeof buffer)) > 0;) content.append(buffer, got);
    if (file) zip_fclose(file);
    entries[zip_get_name(archive, static_cast<zip_uint64_t>(i), 0)] = content;
  }
  zip_close(archive);
  return entries;
}

class SandboxTest : public ::testing::Test {
 protected:
  SandboxTest()
      : repository_(kOpenedAt),
        scheduler_(kOpenedAt),
        transport_(repository_, scheduler_),
        client_(transport_, scheduler_, config()) {}

  static GitHubClientConfig config() {
    GitHubClientConfig config;
    config.apiBase = std::string(kSandboxApiBase);
    config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    config.token = std::string(kToken);
    return config;
  }

  // Starts a client call and runs the scheduler until its callback has run.
  template <typename T, typename Call>
  Result<T> wait(Call call) {
    std::optional<Result<T>> result;
    call([&result](Result<T> r) { result.emplace(std::move(r)); });
    for (int i = 0; i < 50 && !result; ++i) scheduler_.runDue();
    if (!result) {
      GitHubError error;
      error.kind = GitHubErrorKind::Timeout;
      error.message = "the sandbox did not answer";
      return error;
    }
    return std::move(*result);
  }

  std::vector<WorkflowRun> runs(RunFilter filter = {}, std::string_view workflow = kProductionWorkflow) {
    auto result = wait<std::vector<WorkflowRun>>(
        [&](auto done) { client_.listWorkflowRuns(std::string(workflow), filter, std::move(done)); });
    EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
    return result.ok() ? result.value() : std::vector<WorkflowRun>{};
  }

  std::vector<WorkflowRun> runsWithStatus(const std::string& status) {
    RunFilter filter;
    filter.status = status;
    return runs(filter);
  }

  WorkflowRun run(std::int64_t id) {
    auto result = wait<WorkflowRun>([&](auto done) { client_.getRun(id, std::move(done)); });
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : WorkflowRun{};
  }

  std::vector<Job> jobs(std::int64_t runId) {
    auto result = wait<std::vector<Job>>([&](auto done) { client_.listJobs(runId, std::move(done)); });
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : std::vector<Job>{};
  }

  std::vector<Deployment> deployments() {
    auto result =
        wait<std::vector<Deployment>>([&](auto done) { client_.listDeployments("production", std::move(done)); });
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : std::vector<Deployment>{};
  }

  std::vector<DeploymentStatus> statuses(std::int64_t deploymentId) {
    auto result = wait<std::vector<DeploymentStatus>>(
        [&](auto done) { client_.listDeploymentStatuses(deploymentId, std::move(done)); });
    EXPECT_TRUE(result.ok());
    return result.ok() ? result.value() : std::vector<DeploymentStatus>{};
  }

  // The production run whose display title names `sha` and that matches `event` and `status`.
  WorkflowRun productionRunFor(std::string_view sha, const std::string& event, const std::string& status) {
    RunFilter filter;
    filter.event = event;
    filter.status = status;
    for (const WorkflowRun& r : runs(filter)) {
      if (r.displayTitle.find(sha) != std::string::npos) return r;
    }
    ADD_FAILURE() << "no " << event << " run for " << sha << " with status " << status;
    return {};
  }

  HttpResponse raw(const std::string& method, const std::string& pathOrUrl, std::string body = {},
                   HttpHeaders headers = {}) {
    HttpRequest request;
    request.method = method;
    request.url = pathOrUrl.starts_with("http") ? pathOrUrl : std::string(kSandboxApiBase) + pathOrUrl;
    request.body = std::move(body);
    request.headers = std::move(headers);
    setHeader(request.headers, "Authorization", "Bearer " + std::string(kToken));
    return repository_.handle(request, std::chrono::floor<std::chrono::seconds>(scheduler_.now()));
  }

  Result<DispatchResult> dispatch(std::vector<std::pair<std::string, std::string>> inputs, std::string ref = "main",
                                  bool returnRunDetails = true) {
    DispatchRequest request{std::string(kProductionWorkflow), std::move(ref), std::move(inputs), returnRunDetails};
    return wait<DispatchResult>([&](auto done) { client_.dispatchWorkflow(request, std::move(done)); });
  }

  SandboxRepository repository_;
  testing::ManualScheduler scheduler_;
  SandboxTransport transport_;
  GitHubClient client_;
};

template <typename T>
bool hasName(const std::vector<T>& items, std::string_view name) {
  return std::any_of(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
}

const Variable* findVariable(const std::vector<Variable>& variables, std::string_view name) {
  const auto it = std::find_if(variables.begin(), variables.end(), [&](const Variable& v) { return v.name == name; });
  return it == variables.end() ? nullptr : &*it;
}

const Job* findJob(const std::vector<Job>& jobs, std::string_view name) {
  const auto it = std::find_if(jobs.begin(), jobs.end(), [&](const Job& j) { return j.name == name; });
  return it == jobs.end() ? nullptr : &*it;
}

// ---- repository, environment and configuration ------------------------------------------------

TEST_F(SandboxTest, RepositoryIsContosoShopWithPushButNotAdmin) {
  auto repo = wait<Repository>([&](auto done) { client_.getRepository(std::move(done)); });
  ASSERT_TRUE(repo.ok()) << repo.error().message;
  EXPECT_EQ(repo.value().fullName, "contoso/shop");
  EXPECT_EQ(repo.value().defaultBranch, "main");
  EXPECT_TRUE(repo.value().permissions.at("push"));
  EXPECT_FALSE(repo.value().permissions.at("admin"));
  EXPECT_FALSE(repo.value().permissions.at("maintain"));
}

TEST_F(SandboxTest, ProductionEnvironmentRequiresReviewers) {
  auto env = wait<GitHubEnvironment>([&](auto done) { client_.getEnvironment("production", std::move(done)); });
  ASSERT_TRUE(env.ok()) << env.error().message;
  EXPECT_EQ(env.value().id, 4127553012);
  EXPECT_NE(
      std::find(env.value().protectionRuleTypes.begin(), env.value().protectionRuleTypes.end(), "required_reviewers"),
      env.value().protectionRuleTypes.end());
  EXPECT_EQ(env.value().reviewers, (std::vector<std::string>{"mei-lin", "release-managers"}));
}

TEST_F(SandboxTest, EnvironmentVariablesShowTheMissingMalformedAndHalfConfiguredSettings) {
  auto result = wait<std::vector<Variable>>(
      [&](auto done) { client_.listVariables(ConfigLevel::Environment, "production", std::move(done)); });
  ASSERT_TRUE(result.ok()) << result.error().message;
  const auto& variables = result.value();
  ASSERT_NE(findVariable(variables, "AZURE_SUBSCRIPTION_ID"), nullptr);
  EXPECT_EQ(findVariable(variables, "AZURE_SUBSCRIPTION_ID")->value, "not-a-guid-1234");
  EXPECT_EQ(findVariable(variables, "ACA_MIGRATE_JOB_NAME"), nullptr);
  EXPECT_EQ(findVariable(variables, "ACR_NAME"), nullptr);  // inherited from the repository
  ASSERT_NE(findVariable(variables, "ACA_WEB_CUSTOM_DOMAIN"), nullptr);
  EXPECT_EQ(findVariable(variables, "ACA_WEB_MANAGED_CERTIFICATE_NAME"), nullptr);
  ASSERT_NE(findVariable(variables, "AZURE_RESOURCE_GROUP"), nullptr);
  EXPECT_EQ(findVariable(variables, "AZURE_RESOURCE_GROUP")->value, "rg-shop-prod");
  EXPECT_TRUE(variables.front().createdAt.has_value());
  EXPECT_TRUE(std::is_sorted(variables.begin(), variables.end(),
                             [](const Variable& a, const Variable& b) { return a.name < b.name; }));
}

TEST_F(SandboxTest, RepositoryAndOrganizationVariablesFillInAndShadow) {
  auto repo = wait<std::vector<Variable>>(
      [&](auto done) { client_.listVariables(ConfigLevel::Repository, "", std::move(done)); });
  auto org = wait<std::vector<Variable>>(
      [&](auto done) { client_.listVariables(ConfigLevel::Organization, "", std::move(done)); });
  ASSERT_TRUE(repo.ok() && org.ok());
  ASSERT_NE(findVariable(repo.value(), "ACR_NAME"), nullptr);
  EXPECT_EQ(findVariable(repo.value(), "ACR_NAME")->value, "contosoprod");
  ASSERT_NE(findVariable(repo.value(), "AZURE_RESOURCE_GROUP"), nullptr);  // shadowed by the environment
  EXPECT_EQ(findVariable(repo.value(), "AZURE_RESOURCE_GROUP")->value, "rg-shop-dev");
  EXPECT_NE(findVariable(org.value(), "LOG_ANALYTICS_WORKSPACE_NAME"), nullptr);
  EXPECT_EQ(findVariable(repo.value(), "ACA_MIGRATE_JOB_NAME"), nullptr);
  EXPECT_EQ(findVariable(org.value(), "ACA_MIGRATE_JOB_NAME"), nullptr);
}

TEST_F(SandboxTest, SecretsAtEachLevel) {
  auto env = wait<std::vector<Secret>>(
      [&](auto done) { client_.listSecrets(ConfigLevel::Environment, "production", std::move(done)); });
  auto repo =
      wait<std::vector<Secret>>([&](auto done) { client_.listSecrets(ConfigLevel::Repository, "", std::move(done)); });
  ASSERT_TRUE(env.ok() && repo.ok());
  EXPECT_TRUE(hasName(env.value(), "AZURE_DEPLOY_CLIENT_ID"));
  EXPECT_TRUE(hasName(env.value(), "POSTGRES_ADMIN_PASSWORD"));
  EXPECT_FALSE(hasName(env.value(), "AZURE_IDENTITY_CLIENT_ID"));
  EXPECT_FALSE(hasName(repo.value(), "AZURE_IDENTITY_CLIENT_ID"));
}

TEST_F(SandboxTest, OrganizationSecretsAreForbiddenAndNameThePermission) {
  auto org = wait<std::vector<Secret>>(
      [&](auto done) { client_.listSecrets(ConfigLevel::Organization, "", std::move(done)); });
  ASSERT_FALSE(org.ok());
  EXPECT_EQ(org.error().kind, GitHubErrorKind::Forbidden);
  EXPECT_EQ(org.error().httpStatus, 403);
  EXPECT_EQ(org.error().missingPermission, "secrets=read");
  EXPECT_EQ(org.error().gitHubMessage, "Resource not accessible by integration");
  EXPECT_NE(org.error().message.find("secrets=read"), std::string::npos);
}

TEST_F(SandboxTest, UnknownEnvironmentIsNotFound) {
  auto env = wait<GitHubEnvironment>([&](auto done) { client_.getEnvironment("staging", std::move(done)); });
  ASSERT_FALSE(env.ok());
  EXPECT_EQ(env.error().kind, GitHubErrorKind::NotFound);
}

// ---- pagination, ETags and the rate limit -----------------------------------------------------

TEST_F(SandboxTest, PaginationFollowsAbsoluteLinksFromTheRequestOrigin) {
  const std::string origin = "http://127.0.0.1:8123";
  const std::string first = origin + "/repos/contoso/shop/environments/production/variables?per_page=5";
  HttpResponse page = raw("GET", first);
  ASSERT_EQ(page.status, 200);
  Json body = Json::parse(page.body);
  EXPECT_EQ(body["total_count"], 12);
  EXPECT_EQ(body["variables"].size(), 5u);
  const std::string link = headerValue(page.headers, "link");
  EXPECT_NE(link.find("<" + origin +
                      "/repos/contoso/shop/environments/production/variables?per_page=5&page=2>; rel=\"next\""),
            std::string::npos);
  EXPECT_NE(link.find("page=3>; rel=\"last\""), std::string::npos);
  EXPECT_EQ(link.find("rel=\"prev\""), std::string::npos);

  std::set<std::string> names;
  std::string url = first;
  for (int pages = 0; !url.empty() && pages < 10; ++pages) {
    page = raw("GET", url);
    const Json variables = Json::parse(page.body)["variables"];
    for (const Json& v : variables) names.insert(v["name"].get<std::string>());
    const std::string header = headerValue(page.headers, "link");
    const auto next = header.find(">; rel=\"next\"");
    url =
        next == std::string::npos ? "" : header.substr(header.rfind('<', next) + 1, next - header.rfind('<', next) - 1);
  }
  EXPECT_EQ(names.size(), 12u);
  const std::string lastLink = headerValue(page.headers, "link");
  EXPECT_NE(lastLink.find("rel=\"prev\""), std::string::npos);
  EXPECT_NE(lastLink.find("page=1>; rel=\"first\""), std::string::npos);
}

TEST_F(SandboxTest, PerPageTwoOverRunsAndTheVariablesCap) {
  HttpResponse page = raw("GET", "/repos/contoso/shop/actions/workflows/production-stage.yml/runs?per_page=2&page=3");
  ASSERT_EQ(page.status, 200);
  Json body = Json::parse(page.body);
  EXPECT_EQ(body["workflow_runs"].size(), 2u);
  EXPECT_GT(body["total_count"].get<int>(), 20);
  const std::string link = headerValue(page.headers, "link");
  EXPECT_NE(
      link.find(std::string(kSandboxApiBase) +
                "/repos/contoso/shop/actions/workflows/production-stage.yml/runs?per_page=2&page=2>; rel=\"prev\""),
      std::string::npos);
  // Environment variables come at most 30 a page, whatever per_page asks.
  page = raw("GET", "/repos/contoso/shop/environments/production/variables?per_page=100");
  EXPECT_EQ(Json::parse(page.body)["variables"].size(), 12u);
  EXPECT_EQ(headerValue(page.headers, "link"), "");
}

TEST_F(SandboxTest, EnterpriseStyleBaseKeepsItsPrefixInLinks) {
  const HttpResponse page = raw("GET", "http://127.0.0.1:8123/api/v3/repos/contoso/shop/actions/runs?per_page=2");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(headerValue(page.headers, "link")
                .find("<http://127.0.0.1:8123/api/v3/repos/contoso/shop/actions/runs?per_page=2&page=2>"),
            std::string::npos);
  const Json run = Json::parse(page.body)["workflow_runs"][0];
  EXPECT_TRUE(
      run["url"].get<std::string>().starts_with("http://127.0.0.1:8123/api/v3/repos/contoso/shop/actions/runs/"));
  EXPECT_TRUE(run["html_url"].get<std::string>().starts_with("http://127.0.0.1:8123/contoso/shop/actions/runs/"));
}

TEST_F(SandboxTest, RepeatedListIsNotModifiedAndCostsNoRateLimit) {
  runs();
  const RequestCounters before = client_.counters();
  const int remaining = client_.lastRateLimit()->remaining;
  runs();
  const RequestCounters spent = client_.counters() - before;
  EXPECT_GE(spent.requests, 1);
  EXPECT_EQ(spent.notModified, spent.requests);
  EXPECT_EQ(spent.rateLimitCost, 0);
  EXPECT_EQ(client_.lastRateLimit()->remaining, remaining);
}

TEST_F(SandboxTest, ConditionalGetAnswers304WithAnEmptyBody) {
  const HttpResponse first = raw("GET", "/repos/contoso/shop");
  const std::string etag = headerValue(first.headers, "etag");
  ASSERT_FALSE(etag.empty());
  const HttpResponse second = raw("GET", "/repos/contoso/shop", {}, {{"If-None-Match", etag}});
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
  EXPECT_EQ(headerValue(second.headers, "x-ratelimit-remaining"), headerValue(first.headers, "x-ratelimit-remaining"));
  const HttpResponse third = raw("GET", "/repos/contoso/shop", {}, {{"If-None-Match", "\"stale\""}});
  EXPECT_EQ(third.status, 200);
}

TEST_F(SandboxTest, RateLimitCountsDownOnePerAnswer) {
  const HttpResponse a = raw("GET", "/repos/contoso/shop");
  const HttpResponse b = raw("GET", "/repos/contoso/shop/no-such-thing");
  EXPECT_EQ(std::stoi(headerValue(a.headers, "x-ratelimit-remaining")) - 1,
            std::stoi(headerValue(b.headers, "x-ratelimit-remaining")));
  EXPECT_EQ(headerValue(a.headers, "x-ratelimit-limit"), "5000");
  EXPECT_EQ(headerValue(a.headers, "x-ratelimit-resource"), "core");
  EXPECT_EQ(headerValue(a.headers, "x-ratelimit-reset"), std::to_string((kOpenedAt + 1h).time_since_epoch().count()));
  auto rate = wait<RateLimit>([&](auto done) { client_.getRateLimit(std::move(done)); });
  ASSERT_TRUE(rate.ok());
  EXPECT_EQ(rate.value().limit, 5000);
  EXPECT_EQ(rate.value().remaining, 4998);  // asking for the rate limit costs nothing
  EXPECT_EQ(rate.value().used, 2);
}

// ---- the runs a release manager sees -----------------------------------------------------------

TEST_F(SandboxTest, NinetyDaysOfProductionRunsNewestFirst) {
  const auto all = runs();
  ASSERT_GT(all.size(), 20u);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end(),
                             [](const WorkflowRun& a, const WorkflowRun& b) { return *a.createdAt > *b.createdAt; }));
  EXPECT_LE(kOpenedAt - *all.back().createdAt, std::chrono::days(90));
  EXPECT_GE(kOpenedAt - *all.back().createdAt, std::chrono::days(85));
  for (const WorkflowRun& r : all) {
    EXPECT_EQ(r.path, ".github/workflows/production-stage.yml");
    EXPECT_TRUE(r.event == "workflow_run" || r.event == "workflow_dispatch") << r.event;
  }
}

TEST_F(SandboxTest, TheNewestCandidateWaitsForApprovalInProduction) {
  const auto waiting = runsWithStatus("waiting");
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].displayTitle, "Production Stage: " + std::string(kNewest));
  EXPECT_EQ(waiting[0].event, "workflow_run");
  auto pending = wait<std::vector<PendingDeployment>>(
      [&](auto done) { client_.listPendingDeployments(waiting[0].id, std::move(done)); });
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending.value().size(), 1u);
  EXPECT_EQ(pending.value()[0].environmentName, "production");
  EXPECT_EQ(pending.value()[0].environmentId, 4127553012);
  EXPECT_TRUE(pending.value()[0].currentUserCanApprove);
  EXPECT_EQ(findJob(jobs(waiting[0].id), "production-mutate")->status, "waiting");
}

TEST_F(SandboxTest, ARunIsQueuedBehindTheProductionMutationLock) {
  const auto inProgress = runsWithStatus("in_progress");
  const auto pending = runsWithStatus("pending");
  ASSERT_EQ(inProgress.size(), 1u);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(inProgress[0].displayTitle, "Production Stage: " + std::string(kRuntimeOld));
  EXPECT_EQ(pending[0].displayTitle, "Production Stage: " + std::string(kIdentity));
  EXPECT_EQ(findJob(jobs(inProgress[0].id), "production-mutate")->status, "in_progress");
  EXPECT_EQ(findJob(jobs(pending[0].id), "production-mutate")->status, "pending");
  auto approvals =
      wait<std::vector<Approval>>([&](auto done) { client_.listApprovals(pending[0].id, std::move(done)); });
  ASSERT_TRUE(approvals.ok());
  ASSERT_EQ(approvals.value().size(), 1u);
  EXPECT_EQ(approvals.value()[0].state, "approved");
}

TEST_F(SandboxTest, RunFilters) {
  RunFilter dispatches;
  dispatches.event = "workflow_dispatch";
  for (const WorkflowRun& r : runs(dispatches)) EXPECT_EQ(r.event, "workflow_dispatch");
  EXPECT_EQ(runs(dispatches).size(), 5u);

  RunFilter failures;
  failures.status = "failure";
  const auto failed = runs(failures);
  EXPECT_TRUE(std::any_of(failed.begin(), failed.end(),
                          [](const WorkflowRun& r) { return r.displayTitle.ends_with(kFailedDeploy); }));
  for (const WorkflowRun& r : failed) EXPECT_EQ(r.conclusion, "failure");

  // A replay's head_sha is main's head when it was dispatched, not its candidate.
  RunFilter byHead;
  byHead.headSha = std::string(kFailedDeploy);
  const auto headed = runs(byHead);
  ASSERT_EQ(headed.size(), 2u);
  EXPECT_EQ(headed[0].displayTitle, "Production Stage: " + std::string(kRuntimeOld));  // the rollback
  EXPECT_EQ(headed[0].event, "workflow_dispatch");

  RunFilter oneDay;
  oneDay.created = "2026-02-20";
  EXPECT_EQ(runs(oneDay).size(), 2u);
  RunFilter range;
  range.created = "2026-02-12..2026-02-20";
  EXPECT_EQ(runs(range).size(), 3u);
  RunFilter since;
  since.created = ">=2026-02-24";
  EXPECT_EQ(runs(since).size(), 4u);
  RunFilter until;
  until.created = "<=2025-12-05";
  EXPECT_EQ(runs(until).size(), 2u);
  RunFilter otherBranch;
  otherBranch.branch = "feature/x";
  EXPECT_TRUE(runs(otherBranch).empty());
}

TEST_F(SandboxTest, BadCreatedFilterIsAValidationError) {
  const HttpResponse reply =
      raw("GET", "/repos/contoso/shop/actions/workflows/production-stage.yml/runs?created=yesterday");
  EXPECT_EQ(reply.status, 422);
}

TEST_F(SandboxTest, FailedDeployFailsInPostDeployVerifyWithAFailureDeployment) {
  const WorkflowRun failed = productionRunFor(kFailedDeploy, "workflow_run", "failure");
  const auto list = jobs(failed.id);
  std::vector<std::string> names;
  for (const Job& j : list) names.push_back(j.name);
  EXPECT_EQ(names, (std::vector<std::string>{"load-accepted-candidate", "stale-guard", "production-mutate",
                                             "post-deploy-verify", "production-stage-result"}));
  const Job* verify = findJob(list, "post-deploy-verify");
  EXPECT_EQ(verify->conclusion, "failure");
  const auto step = std::find_if(verify->steps.begin(), verify->steps.end(),
                                 [](const JobStep& s) { return s.conclusion == "failure"; });
  ASSERT_NE(step, verify->steps.end());
  EXPECT_EQ(step->name, "Browser smoke");
  EXPECT_EQ(findJob(list, "production-mutate")->conclusion, "success");
  EXPECT_EQ(findJob(list, "production-stage-result")->conclusion, "failure");
  for (const Job& j : list) {
    ASSERT_TRUE(j.startedAt && j.completedAt) << j.name;
    EXPECT_LE(*j.startedAt, *j.completedAt);
    for (const JobStep& s : j.steps) EXPECT_TRUE(s.startedAt && s.completedAt);
  }
  for (const Deployment& d : deployments()) {
    if (d.sha != kFailedDeploy) continue;
    const auto states = statuses(d.id);
    ASSERT_EQ(states.size(), 2u);
    EXPECT_EQ(states[0].state, "failure");
    EXPECT_EQ(states[1].state, "in_progress");
    EXPECT_NE(d.description.find(kFailedDeploy), std::string::npos);
  }
}

TEST_F(SandboxTest, TheRollbackIsLiveAndOlderDeploymentsStayActive) {
  const auto list = deployments();
  ASSERT_GT(list.size(), 15u);
  std::optional<Deployment> live;
  for (const Deployment& d : list) {
    const auto states = statuses(d.id);
    ASSERT_FALSE(states.empty());
    for (const DeploymentStatus& s : states) EXPECT_NE(s.state, "inactive");
    if (!live && states[0].state == "success") live = d;
  }
  ASSERT_TRUE(live.has_value());
  EXPECT_EQ(live->sha, kRuntimeOld);
  EXPECT_EQ(list[0].sha, kRuntimeOld);  // the re-converge in progress
  EXPECT_EQ(statuses(list[0].id)[0].state, "in_progress");
}

TEST_F(SandboxTest, TheReRunSucceededOnItsSecondAttempt) {
  const WorkflowRun rerun = productionRunFor(kIdentity, "workflow_run", "success");
  EXPECT_EQ(rerun.runAttempt, 2);
  for (const Job& j : jobs(rerun.id)) EXPECT_EQ(j.runAttempt, 2);
  auto approvals = wait<std::vector<Approval>>([&](auto done) { client_.listApprovals(rerun.id, std::move(done)); });
  ASSERT_TRUE(approvals.ok());
  EXPECT_EQ(approvals.value().size(), 2u);
  int failures = 0, successes = 0;
  for (const Deployment& d : deployments()) {
    if (d.sha != kIdentity) continue;
    const std::string state = statuses(d.id)[0].state;
    failures += state == "failure";
    successes += state == "success";
  }
  EXPECT_EQ(failures, 1);
  EXPECT_EQ(successes, 1);
}

TEST_F(SandboxTest, TheInvalidCandidateFailsClosedWhenLoaded) {
  const WorkflowRun run = productionRunFor(kInvalid, "workflow_run", "failure");
  const auto list = jobs(run.id);
  EXPECT_EQ(findJob(list, "load-accepted-candidate")->conclusion, "failure");
  EXPECT_EQ(findJob(list, "production-mutate")->conclusion, "skipped");
  for (const Deployment& d : deployments()) EXPECT_NE(d.sha, kInvalid);
}

TEST_F(SandboxTest, ARunThatCannotBeTiedToASha) {
  RunFilter dispatches;
  dispatches.event = "workflow_dispatch";
  const auto list = runs(dispatches);
  const auto untied =
      std::find_if(list.begin(), list.end(), [](const WorkflowRun& r) { return r.displayTitle == "Production Stage"; });
  ASSERT_NE(untied, list.end());
  EXPECT_EQ(untied->conclusion, "failure");
  auto artifacts = wait<std::vector<Artifact>>([&](auto done) { client_.listArtifacts(untied->id, std::move(done)); });
  ASSERT_TRUE(artifacts.ok());
  EXPECT_TRUE(artifacts.value().empty());
}

// ---- artifacts and files -------------------------------------------------------------------------

TEST_F(SandboxTest, EveryCandidateHasItsEvidenceZippedInItsAcceptanceRun) {
  for (const auto& file : resources::sampleArtifacts()) {
    const std::string sha(file.path.substr(11, 40));
    RunFilter filter;
    filter.headSha = sha;
    const auto acceptance = runs(filter, "acceptance-stage.yml");
    ASSERT_EQ(acceptance.size(), 1u) << sha;
    EXPECT_EQ(acceptance[0].conclusion, sha == kRejected ? "failure" : "success") << sha;
    auto artifacts =
        wait<std::vector<Artifact>>([&](auto done) { client_.listArtifacts(acceptance[0].id, std::move(done)); });
    ASSERT_TRUE(artifacts.ok());
    ASSERT_EQ(artifacts.value().size(), 1u);
    EXPECT_EQ(artifacts.value()[0].name, "acceptance-evidence-" + sha);
    auto zip =
        wait<std::string>([&](auto done) { client_.downloadArtifact(artifacts.value()[0].id, std::move(done)); });
    ASSERT_TRUE(zip.ok()) << zip.error().message;
    EXPECT_EQ(static_cast<std::int64_t>(zip.value().size()), artifacts.value()[0].sizeInBytes);
    const auto entries = unzip(zip.value());
    ASSERT_EQ(entries.count("evidence-manifest.json"), 1u) << sha;
    EXPECT_EQ(entries.at("evidence-manifest.json"), std::string(file.bytes));
  }
}

TEST_F(SandboxTest, ArtifactDownloadRedirectsToStorageOnTheRequestOrigin) {
  const WorkflowRun failed = productionRunFor(kFailedDeploy, "workflow_run", "failure");
  auto artifacts = wait<std::vector<Artifact>>([&](auto done) { client_.listArtifacts(failed.id, std::move(done)); });
  ASSERT_TRUE(artifacts.ok());
  ASSERT_EQ(artifacts.value().size(), 1u);
  const Artifact& record = artifacts.value()[0];
  EXPECT_EQ(record.name, "production-record-" + std::string(kFailedDeploy));
  const std::string id = std::to_string(record.id);
  const HttpResponse redirect = raw("GET", "http://127.0.0.1:8123/repos/contoso/shop/actions/artifacts/" + id + "/zip");
  EXPECT_EQ(redirect.status, 302);
  EXPECT_EQ(headerValue(redirect.headers, "location"), "http://127.0.0.1:8123/_storage/artifacts/" + id + ".zip");
  const HttpResponse stored = raw("GET", headerValue(redirect.headers, "location"));
  EXPECT_EQ(stored.status, 200);
  EXPECT_EQ(headerValue(stored.headers, "content-type"), "application/zip");
  const auto entries = unzip(stored.body);
  ASSERT_EQ(entries.count("result.json"), 1u);
  ASSERT_EQ(entries.count("deployment-record.json"), 1u);
  const Json result = Json::parse(entries.at("result.json"));
  EXPECT_EQ(result["headSha"], kFailedDeploy);
  EXPECT_EQ(result["conclusion"], "failure");
  EXPECT_EQ(result["failure"]["job"], "post-deploy-verify");
  EXPECT_EQ(Json::parse(entries.at("deployment-record.json"))["candidate"]["apiRef"],
            Json::parse(sampleManifest(kFailedDeploy))["candidate"]["apiRef"]);
}

TEST_F(SandboxTest, WorkflowFileAndInfraReadmeDecode) {
  auto workflow = wait<FileContents>(
      [&](auto done) { client_.getFileContents(".github/workflows/production-stage.yml", "main", std::move(done)); });
  ASSERT_TRUE(workflow.ok()) << workflow.error().message;
  EXPECT_EQ(workflow.value().content, sandboxFile(".github/workflows/production-stage.yml"));
  EXPECT_EQ(workflow.value().path, ".github/workflows/production-stage.yml");
  EXPECT_EQ(workflow.value().sha.size(), 40u);
  for (const char* expected :
       {"group: production-mutation", "cancel-in-progress: false", "candidate_sha:", "name: production",
        "load-accepted-candidate:", "stale-guard:", "production-mutate:", "post-deploy-verify:",
        "production-stage-result:", "secrets.AZURE_DEPLOY_CLIENT_ID", "vars.ACR_NAME"}) {
    EXPECT_NE(workflow.value().content.find(expected), std::string::npos) << expected;
  }
  auto readme =
      wait<FileContents>([&](auto done) { client_.getFileContents("infra/azure/README.md", "", std::move(done)); });
  ASSERT_TRUE(readme.ok());
  for (const char* variable : {"ACA_ENVIRONMENT_NAME", "LOG_ANALYTICS_WORKSPACE_NAME", "POSTGRES_SERVER_NAME"}) {
    EXPECT_NE(readme.value().content.find(variable), std::string::npos) << variable;
  }
  auto missing = wait<FileContents>(
      [&](auto done) { client_.getFileContents("infra/azure/main.bicep", "main", std::move(done)); });
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, GitHubErrorKind::NotFound);
}

TEST_F(SandboxTest, BranchAndCommits) {
  auto branch = wait<Branch>([&](auto done) { client_.getBranch("main", std::move(done)); });
  ASSERT_TRUE(branch.ok());
  EXPECT_EQ(branch.value().commitSha, kNewest);
  EXPECT_TRUE(branch.value().isProtected);
  auto commit = wait<Commit>([&](auto done) { client_.getCommit(std::string(kFailedDeploy), std::move(done)); });
  ASSERT_TRUE(commit.ok());
  EXPECT_EQ(commit.value().message, "Cache product images at the edge");
  EXPECT_EQ(commit.value().author, "Tomás Rivera");
  EXPECT_EQ(*commit.value().authoredAt, kOpenedAt - (9 * 24h + 21h + 30min));
  auto head = wait<Commit>([&](auto done) { client_.getCommit("main", std::move(done)); });
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head.value().sha, kNewest);
  auto unknown = wait<Commit>([&](auto done) { client_.getCommit(std::string(40, 'f'), std::move(done)); });
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().kind, GitHubErrorKind::Validation);  // GitHub answers 422 here
}

// ---- approving and replaying --------------------------------------------------------------------

TEST_F(SandboxTest, ApprovingMovesTheWaitingRunOnToSuccessAndALiveDeployment) {
  const WorkflowRun waiting = runsWithStatus("waiting").at(0);
  scheduler_.advance(2min);
  auto review = wait<Done>([&](auto done) {
    client_.reviewPendingDeployments(waiting.id, {4127553012}, true, "Ship the redesign", std::move(done));
  });
  ASSERT_TRUE(review.ok()) << review.error().message;
  EXPECT_EQ(run(waiting.id).status, "in_progress");
  auto pending = wait<std::vector<PendingDeployment>>(
      [&](auto done) { client_.listPendingDeployments(waiting.id, std::move(done)); });
  EXPECT_TRUE(pending.ok() && pending.value().empty());
  auto approvals = wait<std::vector<Approval>>([&](auto done) { client_.listApprovals(waiting.id, std::move(done)); });
  ASSERT_TRUE(approvals.ok());
  ASSERT_EQ(approvals.value().size(), 1u);
  EXPECT_EQ(approvals.value()[0].user, "mei-lin");
  EXPECT_EQ(approvals.value()[0].comment, "Ship the redesign");
  EXPECT_EQ(approvals.value()[0].environments, (std::vector<std::string>{"production"}));
  EXPECT_EQ(deployments()[0].sha, kNewest);

  scheduler_.advance(5min);
  const WorkflowRun done = run(waiting.id);
  EXPECT_EQ(done.status, "completed");
  EXPECT_EQ(done.conclusion, "success");
  const auto states = statuses(deployments()[0].id);
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0].state, "success");
}

TEST_F(SandboxTest, RejectingFailsTheWaitingRunWithoutDeploying) {
  const WorkflowRun waiting = runsWithStatus("waiting").at(0);
  auto review = wait<Done>([&](auto done) {
    client_.reviewPendingDeployments(waiting.id, {4127553012}, false, "Not during the sale", std::move(done));
  });
  ASSERT_TRUE(review.ok());
  scheduler_.advance(2min);
  const WorkflowRun after = run(waiting.id);
  EXPECT_EQ(after.status, "completed");
  EXPECT_EQ(after.conclusion, "failure");
  EXPECT_EQ(findJob(jobs(waiting.id), "production-mutate")->conclusion, "failure");
  for (const Deployment& d : deployments()) EXPECT_NE(d.sha, kNewest);
}

TEST_F(SandboxTest, ReviewingARunThatIsNotWaitingIsRefused) {
  const WorkflowRun done = productionRunFor(kFailedDeploy, "workflow_run", "failure");
  auto review =
      wait<Done>([&](auto cb) { client_.reviewPendingDeployments(done.id, {4127553012}, true, "", std::move(cb)); });
  ASSERT_FALSE(review.ok());
  EXPECT_EQ(review.error().kind, GitHubErrorKind::Validation);
}

TEST_F(SandboxTest, DispatchedReplayMovesThroughEveryJobToASuccessfulDeployment) {
  auto dispatched = dispatch({{"candidate_sha", std::string(kFailedDeploy)}});
  ASSERT_TRUE(dispatched.ok()) << dispatched.error().message;
  ASSERT_TRUE(dispatched.value().workflowRunId.has_value());
  const std::int64_t id = *dispatched.value().workflowRunId;
  EXPECT_EQ(dispatched.value().runUrl,
            std::string(kSandboxApiBase) + "/repos/contoso/shop/actions/runs/" + std::to_string(id));

  const WorkflowRun queued = run(id);
  EXPECT_EQ(queued.status, "queued");
  EXPECT_EQ(queued.event, "workflow_dispatch");
  EXPECT_EQ(queued.headSha, kNewest);  // main's head, not the candidate
  EXPECT_NE(queued.displayTitle.find(kFailedDeploy), std::string::npos);

  // The re-converge holds the production-mutation lock (and one run is pending behind it), so the
  // replay's production-mutate waits as `pending` until the lock is free.
  std::set<std::string> seenRunning;
  WorkflowRun latest = queued;
  std::optional<TimePoint> lockFreed;
  bool sawPending = false;
  for (int step = 0; step < 600 && latest.status != "completed"; ++step) {
    scheduler_.advance(5s);
    latest = run(id);
    const bool pending = latest.status == "pending";
    sawPending = sawPending || pending;
    if (sawPending && !pending && !lockFreed)
      lockFreed = std::chrono::time_point_cast<std::chrono::seconds>(scheduler_.now());
    for (const Job& j : jobs(id)) {
      if (j.status == "in_progress") seenRunning.insert(j.name);
    }
  }
  EXPECT_TRUE(sawPending);
  ASSERT_TRUE(lockFreed.has_value());
  EXPECT_EQ(latest.conclusion, "success");
  EXPECT_EQ(seenRunning, (std::set<std::string>{"load-accepted-candidate", "production-mutate", "post-deploy-verify",
                                                "production-stage-result"}));
  const auto finished = jobs(id);
  ASSERT_EQ(finished.size(), 5u);
  EXPECT_EQ(findJob(finished, "stale-guard")->conclusion, "skipped");  // auto promotions only
  EXPECT_LE(*latest.updatedAt - *lockFreed, 4min);

  const Deployment newest = deployments()[0];
  EXPECT_EQ(newest.sha, kFailedDeploy);
  EXPECT_EQ(statuses(newest.id)[0].state, "success");
  auto artifacts = wait<std::vector<Artifact>>([&](auto done) { client_.listArtifacts(id, std::move(done)); });
  ASSERT_TRUE(artifacts.ok());
  ASSERT_EQ(artifacts.value().size(), 1u);
  EXPECT_EQ(artifacts.value()[0].name, "production-record-" + std::string(kFailedDeploy));
}

TEST_F(SandboxTest, DispatchWithoutRunDetailsAnswers204AndTheRunIsListed) {
  auto dispatched = dispatch({{"candidate_sha", std::string(kRuntimeOld)}}, "main", false);
  ASSERT_TRUE(dispatched.ok());
  EXPECT_FALSE(dispatched.value().workflowRunId.has_value());
  const WorkflowRun newest = runs().at(0);
  EXPECT_EQ(newest.event, "workflow_dispatch");
  EXPECT_EQ(newest.displayTitle, "Production Stage: " + std::string(kRuntimeOld));
}

TEST_F(SandboxTest, DispatchOfARejectedCandidateFailsWhenLoaded) {
  auto dispatched = dispatch({{"candidate_sha", std::string(kRejected)}});
  ASSERT_TRUE(dispatched.ok());
  scheduler_.advance(3min);
  const WorkflowRun after = run(*dispatched.value().workflowRunId);
  EXPECT_EQ(after.conclusion, "failure");
  EXPECT_EQ(findJob(jobs(after.id), "load-accepted-candidate")->conclusion, "failure");
}

TEST_F(SandboxTest, DispatchValidationSpeaksLikeGitHub) {
  auto unexpected = dispatch({{"candidate_sha", std::string(kNewest)}, {"environment", "staging"}});
  ASSERT_FALSE(unexpected.ok());
  EXPECT_EQ(unexpected.error().kind, GitHubErrorKind::Validation);
  EXPECT_EQ(unexpected.error().httpStatus, 422);
  EXPECT_EQ(unexpected.error().gitHubMessage, "Unexpected inputs provided: [\"environment\"]");

  auto shortSha = dispatch({{"candidate_sha", "a13e390"}});
  ASSERT_FALSE(shortSha.ok());
  EXPECT_EQ(shortSha.error().kind, GitHubErrorKind::Validation);
  EXPECT_NE(shortSha.error().gitHubMessage.find("candidate_sha"), std::string::npos);

  auto missing = dispatch({});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().gitHubMessage, "Required input 'candidate_sha' not provided");

  auto branch = dispatch({{"candidate_sha", std::string(kNewest)}}, "release/1.0");
  ASSERT_FALSE(branch.ok());
  EXPECT_EQ(branch.error().gitHubMessage, "No ref found for: release/1.0");

  EXPECT_EQ(runsWithStatus("queued").size(), 0u);  // nothing was started
}

// ---- errors and hygiene ----------------------------------------------------------------------------

TEST_F(SandboxTest, UnknownRoutesWrongMethodsAndOtherRepositoriesAreNotFound) {
  for (const auto& [method, path] :
       std::vector<std::pair<std::string, std::string>>{{"GET", "/repos/contoso/shop/pulls"},
                                                        {"DELETE", "/repos/contoso/shop/actions/runs/11873402115"},
                                                        {"GET", "/repos/contoso/other/actions/variables"},
                                                        {"GET", "/repos/contoso/shop/actions/runs/1"},
                                                        {"GET", "/nothing"}}) {
    const HttpResponse reply = raw(method, path);
    EXPECT_EQ(reply.status, 404) << method << " " << path;
    EXPECT_EQ(Json::parse(reply.body)["message"], "Not Found");
    EXPECT_EQ(Json::parse(reply.body)["documentation_url"], "https://docs.github.com/rest");
  }
  auto run = wait<WorkflowRun>([&](auto done) { client_.getRun(42, std::move(done)); });
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().kind, GitHubErrorKind::NotFound);
}

TEST_F(SandboxTest, MalformedJsonBodyIsRefused) {
  const HttpResponse reply =
      raw("POST", "/repos/contoso/shop/actions/workflows/production-stage.yml/dispatches", "{\"ref\":");
  EXPECT_EQ(reply.status, 400);
  EXPECT_EQ(Json::parse(reply.body)["message"], "Problems parsing JSON");
  // A body is one document: a valid one followed by a NUL and junk, or by a second one, is not
  // JSON, and nothing is dispatched.
  const std::string valid = R"({"ref":"main","inputs":{"candidate_sha":")" + std::string(40, 'a') + R"("}})";
  for (const std::string& trailing : {std::string("\0junk", 5), std::string("{}")}) {
    const HttpResponse refused =
        raw("POST", "/repos/contoso/shop/actions/workflows/production-stage.yml/dispatches", valid + trailing);
    EXPECT_EQ(refused.status, 400) << trailing;
    EXPECT_EQ(Json::parse(refused.body)["message"], "Problems parsing JSON");
  }
}

TEST_F(SandboxTest, TheTokenNeverComesBack) {
  const WorkflowRun waiting = runsWithStatus("waiting").at(0);
  const std::string runPath = "/repos/contoso/shop/actions/runs/" + std::to_string(waiting.id);
  for (const auto& [method, path, body] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"GET", "/repos/contoso/shop", ""},
           {"GET", "/repos/contoso/shop/actions/organization-secrets", ""},
           {"GET", "/repos/contoso/shop/missing", ""},
           {"POST", "/repos/contoso/shop/actions/workflows/production-stage.yml/dispatches",
            "{\"ref\":\"main\",\"inputs\":{\"x\":\"1\"}}"},
           {"POST", runPath + "/pending_deployments",
            "{\"environment_ids\":[1],\"state\":\"approved\",\"comment\":\"\"}"},
           {"GET", runPath + "/jobs", ""}}) {
    const HttpResponse reply = raw(method, path, body, {{"X-Debug", std::string(kToken)}});
    EXPECT_EQ(reply.body.find(kToken), std::string::npos) << path;
    for (const auto& [name, value] : reply.headers) EXPECT_EQ(value.find(kToken), std::string::npos) << name;
  }
}

TEST_F(SandboxTest, SameMomentSameAnswers) {
  SandboxRepository twin(kOpenedAt);
  HttpRequest request;
  request.url = std::string(kSandboxApiBase) + "/repos/contoso/shop/actions/workflows/production-stage.yml/runs";
  EXPECT_EQ(twin.handle(request, kOpenedAt).body, repository_.handle(request, kOpenedAt).body);
  const WorkflowRun failed = productionRunFor(kFailedDeploy, "workflow_run", "failure");
  request.url =
      std::string(kSandboxApiBase) + "/repos/contoso/shop/actions/runs/" + std::to_string(failed.id) + "/artifacts";
  const Json artifacts = Json::parse(repository_.handle(request, kOpenedAt).body);
  request.url = std::string(kSandboxApiBase) + "/_storage/artifacts/" +
                std::to_string(artifacts["artifacts"][0]["id"].get<std::int64_t>()) + ".zip";
  EXPECT_EQ(twin.handle(request, kOpenedAt).body, repository_.handle(request, kOpenedAt).body);
}

TEST_F(SandboxTest, TransportAnswersLaterAndDropsAnswersOnceDestroyed) {
  bool answered = false;
  {
    SandboxTransport shortLived(repository_, scheduler_);
    HttpRequest request;
    request.url = std::string(kSandboxApiBase) + "/repos/contoso/shop";
    shortLived.send(request, [&](const TransportReply&) { answered = true; });
    EXPECT_FALSE(answered);  // never inside send()
  }
  scheduler_.runDue();
  EXPECT_FALSE(answered);
}

TEST_F(SandboxTest, TheStoryIsTheSameWheneverTheSandboxOpens) {
  const TimePoint later = kOpenedAt + std::chrono::days(37) + 5h + 13min + 7s;
  SandboxRepository reopened(later);
  const auto summary = [](SandboxRepository& repository, TimePoint at) {
    HttpRequest request;
    request.url = std::string(kSandboxApiBase) + "/repos/contoso/shop/actions/runs?per_page=100";
    std::vector<std::string> lines;
    const Json runs = Json::parse(repository.handle(request, at).body)["workflow_runs"];
    for (const Json& r : runs) {
      const auto age = at - *parseIsoTime(r["updated_at"].get<std::string>());
      lines.push_back(r["display_title"].get<std::string>() + " " + r["status"].get<std::string>() + " " +
                      r["conclusion"].dump() + " " + std::to_string(age.count()));
    }
    return lines;
  };
  EXPECT_EQ(summary(reopened, later), summary(repository_, kOpenedAt));
}

}  // namespace
}  // namespace releasedesk
