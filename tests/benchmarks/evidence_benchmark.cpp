// Throughput of the candidate contract: verifying manifests in memory and scanning a tree on disk;
// `evidence list --json` and `evidence verify --artifacts --sha` over 100,000 candidates on disk
// (RELEASEDESK_BENCH_CANDIDATES overrides the count), with the process's peak memory.
//
// Run (Release build):
//   cmake --preset release -B build/release -DRELEASEDESK_CORE_ONLY=ON -DCMAKE_DISABLE_FIND_PACKAGE_Qt6=ON
//   cmake --build build/release -j2 --target releasedesk_evidence_benchmark
//   taskset -c 0 build/release/tests/benchmarks/releasedesk_evidence_benchmark
#include "core/evidence/artifact_tree.h"
#include "core/evidence/evidence_json.h"
#include "core/evidence/evidence_manifest.h"
#include "tests/core/support/manifests.h"
#include "tests/core/support/temp_folder.h"

#include <benchmark/benchmark.h>

#include <sys/resource.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <ostream>
#include <streambuf>
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
std::vector<GeneratedManifest> realisticManifests(std::size_t count, std::size_t first = 0) {
  std::vector<GeneratedManifest> out;
  out.reserve(count);
  for (std::size_t i = first; i < first + count; ++i) {
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

// A generated tree of `count` candidates, written one manifest at a time (never all in memory),
// shared by the benchmarks below and removed at exit.
const std::filesystem::path& largeTree(std::size_t count) {
  static std::unique_ptr<releasedesk::testing::TempFolder> folder;
  static std::size_t written = 0;
  if (!folder || written != count) {
    folder = std::make_unique<releasedesk::testing::TempFolder>();
    for (std::size_t i = 0; i < count; ++i) {
      const GeneratedManifest m = realisticManifests(1, i).front();
      folder->write(std::filesystem::path("acceptance") / m.sha / "evidence-manifest.json", m.bytes);
    }
    written = count;
  }
  return folder->root();
}

std::size_t candidateCount() {
  const char* text = std::getenv("RELEASEDESK_BENCH_CANDIDATES");
  return text ? static_cast<std::size_t>(std::strtoull(text, nullptr, 10)) : 100'000;
}

// The process's peak resident memory so far, in MiB.
double peakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Counts what is written and keeps nothing, like a pipe into `jq`.
class CountingBuffer : public std::streambuf {
 public:
  std::size_t count = 0;

 protected:
  int_type overflow(int_type c) override {
    ++count;
    return c;
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    count += static_cast<std::size_t>(n);
    return n;
  }
};

// `evidence list --json` as the console runs it: scan and print streamed.
void BM_ListJsonStreamed(benchmark::State& state) {
  const std::filesystem::path& root = largeTree(candidateCount());
  const double before = peakRssMiB();
  std::size_t bytes = 0;
  std::size_t found = 0;
  for (auto _ : state) {
    CountingBuffer buffer;
    std::ostream out(&buffer);
    CatalogJsonWriter writer(out, root.string());
    found = 0;
    const CandidateCatalog rest = scanArtifactTree(root, [&](const CandidateEntry& entry) {
      writer.add(entry);
      ++found;
    });
    writer.finish(rest.skipped, rest.error);
    bytes = buffer.count;
  }
  if (found != candidateCount()) state.SkipWithError("the scan did not find every generated candidate");
  state.counters["candidates"] = static_cast<double>(found);
  state.counters["json_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB_before"] = before;
  state.counters["peak_rss_MiB"] = peakRssMiB();
}
BENCHMARK(BM_ListJsonStreamed)->Unit(benchmark::kMillisecond)->Iterations(1);

// `evidence verify --artifacts --sha` on the same tree: one folder read, whatever the tree's size.
void BM_VerifyOneCandidateOfTheLargeTree(benchmark::State& state) {
  const std::filesystem::path& root = largeTree(candidateCount());
  const std::string sha = realisticManifests(1, candidateCount() / 2).front().sha;
  std::size_t found = 0;
  for (auto _ : state) {
    CandidateCatalog catalog = readCandidate(root, sha);
    found = catalog.candidates.size();
    benchmark::DoNotOptimize(catalog);
  }
  if (found != 1) state.SkipWithError("the candidate was not found");
}
BENCHMARK(BM_VerifyOneCandidateOfTheLargeTree)->Unit(benchmark::kMicrosecond);

// For comparison, last (peak memory only grows): the whole catalogue, then one JSON document, as
// `evidence list --json` did before it streamed.
void BM_ListJsonWhole(benchmark::State& state) {
  const std::filesystem::path& root = largeTree(candidateCount());
  std::size_t bytes = 0;
  for (auto _ : state) {
    const CandidateCatalog catalog = scanArtifactTree(root);
    const std::string json = toJson(catalog);
    bytes = json.size();
    benchmark::DoNotOptimize(json);
  }
  state.counters["json_MiB"] = static_cast<double>(bytes) / (1024.0 * 1024.0);
  state.counters["peak_rss_MiB"] = peakRssMiB();
}
BENCHMARK(BM_ListJsonWhole)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
