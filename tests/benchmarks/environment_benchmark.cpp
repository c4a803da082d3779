// The environment check's request economy and the non-commit guard's speed: an environment of
// 500 variables and 100 secrets behind a paginating, ETag-aware fake GitHub (requests must equal
// the pages needed; a repeated check with nothing changed must cost 0 rate-limit points), and
// `scan-repo` over a generated 10,000-file tree (must take under 2 s).
#include "core/environment/committed_values.h"
#include "core/environment/environment_check.h"
#include "tests/core/support/fake_network.h"
#include "tests/core/support/temp_folder.h"

#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include <functional>

namespace releasedesk {
namespace {

using Json = nlohmann::json;

// Answers GitHub's list endpoints from generated lists: per_page/page pagination with a Link
// header, a strong ETag per page, 304 when If-None-Match matches.
class PagedGitHub final : public Transport {
 public:
  PagedGitHub(Scheduler& scheduler, int environmentVariables, int environmentSecrets) : scheduler_(scheduler) {
    for (int i = 0; i < environmentVariables; ++i)
      lists_["/environments/production/variables"].push_back({{"name", "VAR_" + std::to_string(i)},
                                                              {"value", "value-" + std::to_string(i) + "-production"},
                                                              {"created_at", "2026-01-01T00:00:00Z"},
                                                              {"updated_at", "2026-01-02T00:00:00Z"}});
    for (int i = 0; i < environmentSecrets; ++i)
      lists_["/environments/production/secrets"].push_back({{"name", "SECRET_" + std::to_string(i)},
                                                            {"created_at", "2026-01-01T00:00:00Z"},
                                                            {"updated_at", "2026-01-02T00:00:00Z"}});
    lists_["/actions/variables"] = {{{"name", "REPO_VAR"}, {"value", "repository-value"}}};
    lists_["/actions/secrets"] = Json::array();
    lists_["/actions/organization-variables"] = Json::array();
    lists_["/actions/organization-secrets"] = Json::array();
  }

  void send(HttpRequest request, Completion done) override {
    TransportReply reply;
    reply.response = answer(request);
    scheduler_.post(std::chrono::milliseconds(0), [done = std::move(done), reply = std::move(reply)] { done(reply); });
  }

 private:
  static std::string query(const std::string& url, const std::string& key) {
    auto at = url.find("?" + key + "=");
    if (at == std::string::npos) at = url.find("&" + key + "=");
    if (at == std::string::npos) return {};
    at += key.size() + 2;
    const auto end = url.find('&', at);
    return url.substr(at, end == std::string::npos ? std::string::npos : end - at);
  }

  HttpResponse answer(const HttpRequest& request) {
    const std::string path = request.url.substr(0, request.url.find('?'));
    for (const auto& [suffix, items] : lists_) {
      if (!path.ends_with(suffix)) continue;
      const int perPage = std::stoi(query(request.url, "per_page").empty() ? "30" : query(request.url, "per_page"));
      const int page = query(request.url, "page").empty() ? 1 : std::stoi(query(request.url, "page"));
      const int pages = std::max<int>(1, (static_cast<int>(items.size()) + perPage - 1) / perPage);
      Json slice = Json::array();
      for (int i = (page - 1) * perPage; i < std::min<int>(page * perPage, static_cast<int>(items.size())); ++i)
        slice.push_back(items[static_cast<std::size_t>(i)]);
      const bool secrets = suffix.ends_with("secrets");
      HttpResponse response;
      response.status = 200;
      response.body = Json{{"total_count", items.size()}, {secrets ? "secrets" : "variables", slice}}.dump();
      const std::string etag = "\"" + std::to_string(std::hash<std::string>{}(response.body)) + "\"";
      setHeader(response.headers, "etag", etag);
      if (page < pages)
        setHeader(response.headers, "link",
                  "<" + path + "?per_page=" + std::to_string(perPage) + "&page=" + std::to_string(page + 1) +
                      ">; rel=\"next\"");
      if (headerValue(request.headers, "if-none-match") == etag) {
        response.status = 304;
        response.body.clear();
      }
      return response;
    }
    return {404, {}, R"({"message":"Not Found"})"};
  }

  Scheduler& scheduler_;
  std::map<std::string, Json> lists_;
};

constexpr int kVariables = 500;
constexpr int kSecrets = 100;
// Environment variables: 30 a page; environment secrets: 100 a page; four one-page lists.
constexpr int kPagesNeeded = (kVariables + 29) / 30 + (kSecrets + 99) / 100 + 4;

void runCheck(GitHubClient& client, testing::ManualScheduler& scheduler) {
  EnvironmentCheckRequest request;
  request.fetchDocuments = false;
  request.workflowText = "";
  bool finished = false;
  EnvironmentCheck(client).run(request, [&finished](EnvironmentCheckOutcome outcome) {
    finished = true;
    benchmark::DoNotOptimize(outcome.report.items.size());
  });
  scheduler.runAll();
  if (!finished) throw std::runtime_error("the check did not finish");
}

GitHubClientConfig clientConfig() {
  GitHubClientConfig config;
  config.apiBase = "https://api.example.test";
  config.repo = {"contoso", "shop"};
  config.maxPages = 100;
  return config;
}

void BM_EnvironmentCheckCold(benchmark::State& state) {
  RequestCounters cost;
  for (auto _ : state) {
    testing::ManualScheduler scheduler;
    PagedGitHub github(scheduler, kVariables, kSecrets);
    GitHubClient client(github, scheduler, clientConfig());
    runCheck(client, scheduler);
    cost = client.counters();
  }
  state.counters["requests"] = cost.requests;
  state.counters["pagesNeeded"] = kPagesNeeded;
  state.counters["rateLimitCost"] = cost.rateLimitCost;
  if (cost.requests != kPagesNeeded) state.SkipWithError("requests differ from the pages needed");
}
BENCHMARK(BM_EnvironmentCheckCold)->Unit(benchmark::kMillisecond);

void BM_EnvironmentCheckRepeated(benchmark::State& state) {
  testing::ManualScheduler scheduler;
  PagedGitHub github(scheduler, kVariables, kSecrets);
  GitHubClient client(github, scheduler, clientConfig());
  runCheck(client, scheduler);
  RequestCounters cost;
  for (auto _ : state) {
    const RequestCounters before = client.counters();
    runCheck(client, scheduler);
    cost = client.counters() - before;
  }
  state.counters["requests"] = cost.requests;
  state.counters["notModified"] = cost.notModified;
  state.counters["rateLimitCost"] = cost.rateLimitCost;
  if (cost.rateLimitCost != 0) state.SkipWithError("a repeated check with nothing changed cost rate limit");
}
BENCHMARK(BM_EnvironmentCheckRepeated)->Unit(benchmark::kMillisecond);

// A 10,000-file tree: 100 folders of 100 source-like files of ~2 KB, one of which commits a
// production value; plus a .git folder that must be skipped.
void BM_ScanRepository10000Files(benchmark::State& state) {
  testing::TempFolder repo;
  std::string filler;
  for (int line = 0; line < 40; ++line)
    filler += "const value_" + std::to_string(line) + " = compute(input, 42); // text\n";
  for (int folder = 0; folder < 100; ++folder) {
    for (int file = 0; file < 100; ++file) {
      std::string bytes = filler;
      if (folder == 57 && file == 3) bytes += "resourceGroup: rg-shop-prod\n";
      repo.write("src/m" + std::to_string(folder) + "/f" + std::to_string(file) + ".ts", bytes);
    }
  }
  repo.write(".git/objects/pack", "rg-shop-prod");
  std::vector<GuardedValue> values;
  for (int i = 0; i < 20; ++i)
    values.push_back({"VAR_" + std::to_string(i), "value-" + std::to_string(i) + "-production"});
  values.push_back({"AZURE_RESOURCE_GROUP", "rg-shop-prod"});
  values.push_back({"AZURE_SUBSCRIPTION_ID", "9a1b2c3d-1111-2222-3333-444455556666"});
  RepositoryScan scan;
  for (auto _ : state) scan = scanRepository(repo.root(), values);
  state.counters["files"] = static_cast<double>(scan.filesScanned);
  state.counters["hits"] = static_cast<double>(scan.hits.size());
  if (scan.filesScanned != 10000 || scan.hits.size() != 1) state.SkipWithError("unexpected scan result");
}
BENCHMARK(BM_ScanRepository10000Files)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace releasedesk

BENCHMARK_MAIN();
