// Throughput of the candidate contract: verifying manifests in memory and scanning a tree on disk.
//
// Run (Release build):
//   cmake --preset release -B build/release -DRELEASEDESK_CORE_ONLY=ON -DCMAKE_DISABLE_FIND_PACKAGE_Qt6=ON
//   cmake --build build/release -j2 --target releasedesk_evidence_benchmark
//   taskset -c 0 build/release/tests/benchmarks/releasedesk_evidence_benchmark
#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_manifest.h"
#include "tests/core/support/manifests.h"
#include "tests/core/support/temp_folder.h"

#include <benchmark/benchmark.h>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace {

using namespace releasedesk;
using releasedesk::testing::digestFor;

struct GeneratedManifest {
  std::string sha;
  std::string bytes;
};

// A mix like a busy repository's acceptance folder: mostly accepted runtime candidates, some
// identity-only, some rejected, a few invalid, some carrying extra fields. Every SHA and digest
// differs so nothing is accidentally cached.
std::vector<GeneratedManifest> realisticManifests(std::size_t count) {
  std::vector<GeneratedManifest> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string seed = "candidate-" + std::to_string(i);
    const std::string sha = digestFor(seed).substr(0, 40);
    const bool identityOnly = i % 5 == 0;
    const std::string gate = i % 10 == 3 ? "failure" : "success";
    std::string apiRef = "contosoprod.azurecr.io/shop/api@sha256:" + digestFor(seed + "api");
    const std::string webRef = i % 17 == 0 ? "contosoprod.azurecr.io/shop/web:latest"  // a tag: invalid
                                           : "contosoprod.azurecr.io/shop/web@sha256:" + digestFor(seed + "web");
    std::string doc = "{\n  \"headSha\": \"" + sha + "\",\n  \"kind\": \"" + (identityOnly ? "config" : "runtime") +
                      "\",\n  \"scope\": {\"identity\": " + (identityOnly ? "true" : "false") +
                      ", \"infra\": " + (i % 7 == 0 ? "true" : "false") +
                      ", \"runtime\": " + (identityOnly ? "false" : "true") +
                      (i % 4 == 0 ? ", \"migrations\": true" : "") + "},\n";
    if (!identityOnly) {
      doc += "  \"candidate\": {\n    \"apiRef\": \"" + apiRef + "\",\n    \"webRef\": \"" + webRef + "\"\n  },\n";
    }
    doc += "  \"checks\": {\"acceptanceStageGate\": \"" + gate + "\"}";
    if (i % 3 == 0) {
      doc += ",\n  \"build\": {\"workflowRun\": " + std::to_string(4000 + i) +
             ", \"attempt\": 1, \"notes\": \"Checkout redesign behind flag\"}";
    }
    doc += "\n}\n";
    out.push_back({sha, std::move(doc)});
  }
  return out;
}

void BM_VerifyEvidence10k(benchmark::State& state) {
  const std::vector<GeneratedManifest> manifests = realisticManifests(10'000);
  std::size_t bytes = 0;
  std::size_t accepted = 0;
  for (const auto& m : manifests) {
    bytes += m.bytes.size();
    accepted += verifyEvidence(m.bytes).verdict == Verdict::Accepted ? 1 : 0;
  }
  for (auto _ : state) {
    for (const auto& m : manifests) {
      // As a tree scan calls it: with the folder SHA, so the folder rule runs too.
      EvidenceReport report = verifyEvidence(m.bytes, VerifyOptions{m.sha});
      benchmark::DoNotOptimize(report);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * manifests.size()));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["accepted_share"] = static_cast<double>(accepted) / static_cast<double>(manifests.size());
}
BENCHMARK(BM_VerifyEvidence10k)->Unit(benchmark::kMillisecond);

void BM_ScanArtifactTree1k(benchmark::State& state) {
  const releasedesk::testing::TempFolder folder;
  const std::vector<GeneratedManifest> manifests = realisticManifests(1'000);
  for (const auto& m : manifests) {
    folder.write(std::filesystem::path("acceptance") / m.sha / "evidence-manifest.json", m.bytes);
  }
  std::size_t found = 0;
  for (auto _ : state) {
    CandidateCatalog catalog = scanArtifactTree(folder.root());
    found = catalog.candidates.size();
    benchmark::DoNotOptimize(catalog);
  }
  if (found != manifests.size()) state.SkipWithError("the scan did not find every generated candidate");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * manifests.size()));
}
BENCHMARK(BM_ScanArtifactTree1k)->Unit(benchmark::kMillisecond);

}  // namespace
