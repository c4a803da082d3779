// The GitHub client's request economy over real loopback HTTP: the environment check batch
// (variables and secrets at three levels, plus the environment) against an in-process
// SandboxServer, cold and repeated. Prints requests, pages needed and rate-limit cost, then times
// both batches with Google Benchmark.
//
// Run (Release build):
//   cmake --preset release -B build/release
//   cmake --build build/release -j2 --target releasedesk_sandbox_batch_benchmark
//   build/release/tests/benchmarks/releasedesk_sandbox_batch_benchmark
#include "app/adapter/qt_scheduler.h"
#include "app/adapter/qt_transport.h"
#include "app/sandbox_server/sandbox_server.h"
#include "core/github/github_client.h"

#include "core/sandbox/sandbox_repository.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace {

using namespace releasedesk;

// Per-page sizes the client asks for (github_client.cpp): they decide how many pages a list needs.
constexpr int kVariablesPerPage = 30;
constexpr int kSecretsPerPage = 100;
constexpr int kOperations = 7;
// The sandbox keeps GitHub's 5000 requests an hour, and its pinned clock never starts a new hour:
// fixed iteration counts keep the whole run well inside the limit.
constexpr int kFirstIterations = 150;
constexpr int kRepeatedIterations = 300;

struct BatchOutcome {
  bool finished = false;
  int pages = 0;  // the fewest pages that hold every item: a failed list still costs its one page
  QStringList failures;
};

template <typename T>
ResultCallback<std::vector<T>> countPages(const std::shared_ptr<BatchOutcome>& outcome, int perPage, std::string what,
                                          std::function<void()> finished) {
  return [outcome, perPage, what = std::move(what), finished = std::move(finished)](Result<std::vector<T>> result) {
    if (result) {
      outcome->pages += std::max(1, static_cast<int>((result.value().size() + perPage - 1) / perPage));
    } else {
      outcome->pages += 1;
      outcome->failures << QString::fromStdString(what + ": " + std::string(toString(result.error().kind)) + " (" +
                                                  std::to_string(result.error().httpStatus) + ")");
    }
    finished();
  };
}

// The desk's environment check, all operations at once as the desk sends them; waits for all.
BatchOutcome runEnvironmentCheck(GitHubClient& client) {
  auto outcome = std::make_shared<BatchOutcome>();
  auto pending = std::make_shared<int>(kOperations);
  QEventLoop loop;
  QPointer<QEventLoop> guard(&loop);
  const auto finished = [outcome, pending, guard] {
    if (--*pending > 0) return;
    outcome->finished = true;
    if (guard) guard->quit();
  };
  const std::string environment = "production";
  for (const ConfigLevel level : {ConfigLevel::Environment, ConfigLevel::Repository, ConfigLevel::Organization}) {
    const std::string name(toString(level));
    client.listVariables(level, environment,
                         countPages<Variable>(outcome, kVariablesPerPage, name + " variables", finished));
    client.listSecrets(level, environment, countPages<Secret>(outcome, kSecretsPerPage, name + " secrets", finished));
  }
  client.getEnvironment(environment, [outcome, finished](Result<GitHubEnvironment> result) {
    outcome->pages += 1;
    if (!result) outcome->failures << QStringLiteral("environment: ") + QString::fromStdString(result.error().message);
    finished();
  });
  QTimer::singleShot(std::chrono::seconds(30), &loop, &QEventLoop::quit);
  if (!outcome->finished) loop.exec();
  return *outcome;
}

// The sandbox behind a real server on 127.0.0.1, with its clock pinned so that every batch sees
// the same repository.
struct SandboxRig {
  SandboxRig()
      : at(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())),
        repository(at),
        server(repository) {
    server.setClock([at = at] { return at; });
    server.listen();
  }

  std::unique_ptr<GitHubClient> makeClient() {
    GitHubClientConfig config;
    config.apiBase = server.url().toStdString();
    config.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    config.token = "benchmark-dummy-token";
    return std::make_unique<GitHubClient>(transport, scheduler, std::move(config));
  }

  TimePoint at;
  SandboxRepository repository;
  SandboxServer server;
  QtScheduler scheduler;
  QtTransport transport;
};

void printRow(const char* batch, const RequestCounters& counters, const BatchOutcome& outcome) {
  std::printf("%-10s %9d %6d %13d %16d  %s\n", batch, counters.requests, outcome.pages, counters.notModified,
              counters.rateLimitCost,
              outcome.failures.isEmpty() ? "-" : outcome.failures.join(QStringLiteral("; ")).toUtf8().constData());
}

// The numbers the benchmark exists for, once, before the timings. Returns the failures of the
// first batch, which every later batch must repeat exactly; std::nullopt when it did not finish.
std::optional<QStringList> printRequestEconomy(SandboxRig& rig) {
  auto client = rig.makeClient();
  const BatchOutcome first = runEnvironmentCheck(*client);
  const RequestCounters afterFirst = client->counters();
  const BatchOutcome repeated = runEnvironmentCheck(*client);
  const RequestCounters second = client->counters() - afterFirst;
  if (!first.finished || !repeated.finished) {
    std::fprintf(stderr, "the batch did not finish within 30 s\n");
    return std::nullopt;
  }
  std::printf("Environment check batch (%d operations) against SandboxServer at %s\n", kOperations,
              rig.server.url().toUtf8().constData());
  std::printf("%-10s %9s %6s %13s %16s  %s\n", "batch", "requests", "pages", "not-modified", "rate-limit cost",
              "failed operations");
  printRow("first", afterFirst, first);
  printRow("repeated", second, repeated);
  std::printf("\n");
  std::fflush(stdout);
  return first.failures;
}

// Only the failures the sandbox is built to give (its organization secrets are unreadable) are
// expected; anything else, a rate limit above all, would make the numbers meaningless.
bool unexpected(const BatchOutcome& outcome, const QStringList& expectedFailures) {
  return !outcome.finished || outcome.failures != expectedFailures;
}

void firstBatch(benchmark::State& state, SandboxRig& rig, const QStringList& expectedFailures) {
  RequestCounters total;
  int pages = 0;
  for (auto _ : state) {
    auto client = rig.makeClient();  // a cold client: no ETags yet
    const BatchOutcome outcome = runEnvironmentCheck(*client);
    if (unexpected(outcome, expectedFailures)) {
      state.SkipWithError(("unexpected outcome: " + outcome.failures.join(QStringLiteral("; ")).toStdString()).c_str());
      break;
    }
    const RequestCounters& counters = client->counters();
    total = {total.requests + counters.requests, total.notModified + counters.notModified,
             total.rateLimitCost + counters.rateLimitCost, total.retries + counters.retries, 0};
    pages += outcome.pages;
  }
  state.counters["requests"] = benchmark::Counter(total.requests, benchmark::Counter::kAvgIterations);
  state.counters["pages"] = benchmark::Counter(pages, benchmark::Counter::kAvgIterations);
  state.counters["notModified"] = benchmark::Counter(total.notModified, benchmark::Counter::kAvgIterations);
  state.counters["rateLimitCost"] = benchmark::Counter(total.rateLimitCost, benchmark::Counter::kAvgIterations);
}

void repeatedBatch(benchmark::State& state, SandboxRig& rig, const QStringList& expectedFailures) {
  auto client = rig.makeClient();
  runEnvironmentCheck(*client);  // warms the ETag cache; not measured
  const RequestCounters start = client->counters();
  int pages = 0;
  for (auto _ : state) {
    const BatchOutcome outcome = runEnvironmentCheck(*client);
    if (unexpected(outcome, expectedFailures)) {
      state.SkipWithError(("unexpected outcome: " + outcome.failures.join(QStringLiteral("; ")).toStdString()).c_str());
      break;
    }
    pages += outcome.pages;
  }
  const RequestCounters total = client->counters() - start;
  state.counters["requests"] = benchmark::Counter(total.requests, benchmark::Counter::kAvgIterations);
  state.counters["pages"] = benchmark::Counter(pages, benchmark::Counter::kAvgIterations);
  state.counters["notModified"] = benchmark::Counter(total.notModified, benchmark::Counter::kAvgIterations);
  state.counters["rateLimitCost"] = benchmark::Counter(total.rateLimitCost, benchmark::Counter::kAvgIterations);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);  // the server and Qt Network need an event loop's application
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  SandboxRig rig;
  if (!rig.server.isListening()) {
    std::fprintf(stderr, "cannot listen on 127.0.0.1: %s\n", rig.server.errorString().toUtf8().constData());
    return 1;
  }
  const std::optional<QStringList> expectedFailures = printRequestEconomy(rig);
  if (!expectedFailures) return 1;

  benchmark::RegisterBenchmark("EnvironmentCheck/first",
                               [&](benchmark::State& state) { firstBatch(state, rig, *expectedFailures); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(kFirstIterations);
  benchmark::RegisterBenchmark("EnvironmentCheck/repeated",
                               [&](benchmark::State& state) { repeatedBatch(state, rig, *expectedFailures); })
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime()
      ->Iterations(kRepeatedIterations);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
