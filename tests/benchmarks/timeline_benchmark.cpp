// DeploymentTimeline build cost: 10,000 production runs (five jobs each) and 10,000 deployments
// with 50,000 statuses, plus the DORA figures over ninety days. Target: ≤ 50 ms (Release).
#include "core/timeline/deployment_timeline.h"
#include "tests/benchmarks/synthetic_history.h"

#include <benchmark/benchmark.h>

namespace releasedesk {
namespace {

using namespace std::chrono_literals;

using benchmarks::syntheticHistory;

void BM_BuildTimeline(benchmark::State& state) {
  const TimelineInputs inputs = syntheticHistory(static_cast<int>(state.range(0)), 5);
  for (auto _ : state) {
    DeploymentTimeline timeline = buildDeploymentTimeline(inputs);
    DoraFigures dora = computeDora(timeline, inputs.now - std::chrono::days(90), inputs.now);
    benchmark::DoNotOptimize(timeline);
    benchmark::DoNotOptimize(dora);
  }
  state.counters["runs"] = static_cast<double>(inputs.runs.size());
  state.counters["statuses"] = static_cast<double>(inputs.deployments.size() * 5);
}
BENCHMARK(BM_BuildTimeline)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace releasedesk
