// What acting from the desk costs in GitHub requests, on the in-process sandbox through the real
// GitHubClient: the decision context a confirmation shows (candidates against live, environment,
// inbox) cold and again unchanged, then one approval and one replay. The counters are the
// figures (requests, rate-limit points, 304s); the time is the in-process cost. Qt-free.
#include "core/actions/decision_context.h"
#include "core/actions/decision_sender.h"
#include "core/sandbox/sandbox_repository.h"
#include "tests/core/support/fake_network.h"
#include "tests/core/support/temp_folder.h"

#include <benchmark/benchmark.h>

namespace releasedesk {
namespace {

const TimePoint kOpenedAt = *parseIsoTime("2026-03-02T09:00:00Z");
constexpr std::string_view kReplaySha = "4bd780cba4864856691dedee9ca56d1ea87442c5";

struct Desk {
  SandboxRepository repository{kOpenedAt};
  testing::ManualScheduler scheduler{kOpenedAt};
  SandboxTransport transport{repository, scheduler};
  GitHubClient client{transport, scheduler, config()};
  testing::TempFolder folder;
  DecisionJournal journal{(folder / "decisions.jsonl").string()};
  DecisionContextReader reader{client, scheduler};

  static GitHubClientConfig config() {
    GitHubClientConfig c;
    c.apiBase = std::string(kSandboxApiBase);
    c.repo = {std::string(kSandboxOwner), std::string(kSandboxRepo)};
    return c;
  }
  DecisionContext read() {
    std::optional<DecisionContext> context;
    reader.read({}, [&](DecisionContext c) { context = std::move(c); });
    while (!context) scheduler.runDue();
    return std::move(*context);
  }
  DecisionOutcome send(Decision decision) {
    DecisionSenderConfig c;
    c.ref = "main";
    DecisionSender sender(client, scheduler, journal, std::move(decision), c);
    std::optional<DecisionOutcome> outcome;
    sender.execute([&](DecisionOutcome o) { outcome = std::move(o); });
    while (!outcome) scheduler.runDue();
    return std::move(*outcome);
  }
};

void report(benchmark::State& state, const char* name, const RequestCounters& cost) {
  state.counters[std::string(name) + "_requests"] = cost.requests;
  state.counters[std::string(name) + "_cost"] = cost.rateLimitCost;
  state.counters[std::string(name) + "_304"] = cost.notModified;
}

void BM_DecisionRequests(benchmark::State& state) {
  RequestCounters cold, warm, approve, replay;
  for (auto _ : state) {
    Desk desk;
    cold = desk.read().cost;
    DecisionContext context = desk.read();
    warm = context.cost;
    const InboxEntry& entry = context.inbox->waiting.at(0);
    const std::string sha = entry.sha.value_or("");
    DecisionGrounds grounds =
        groundsFor(context.candidates->find(sha), sha, &*context.environment, context.candidates->diff(sha));
    RequestCounters before = desk.client.counters();
    if (!desk.send(approveDecision(entry, grounds, "", "benchmark", "bench")).took())
      state.SkipWithError("the approval did not take");
    approve = desk.client.counters() - before;

    ReplayInputs inputs;
    inputs.sha = std::string(kReplaySha);
    inputs.candidate = context.candidates->find(kReplaySha);
    inputs.relations = &context.candidates->relations;
    inputs.candidates = &context.candidates->candidates;
    inputs.environment = &*context.environment;
    inputs.lock = &context.inbox->lock;
    before = desk.client.counters();
    if (!desk.send(replayDecision(planReplay(inputs, "benchmark"), "", "bench")).took())
      state.SkipWithError("the replay did not take");
    replay = desk.client.counters() - before;
  }
  report(state, "context_cold", cold);
  report(state, "context_unchanged", warm);
  report(state, "approve", approve);
  report(state, "replay", replay);
}
BENCHMARK(BM_DecisionRequests)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace releasedesk

BENCHMARK_MAIN();
