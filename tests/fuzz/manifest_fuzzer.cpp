// libFuzzer target: verifyEvidence, the catalogue and every renderer must take any bytes.
//
// Build and run; the first folder is libFuzzer's writable corpus, the second the committed
// assets as read-only seeds (libFuzzer writes new inputs only into the first):
//   cmake --preset fuzz -B build/fuzz && cmake --build build/fuzz -j2
//   mkdir -p build/fuzz/corpus
//   build/fuzz/tests/fuzz/releasedesk_fuzz_manifest -max_total_time=60 -dict=tests/fuzz/manifest.dict \
//       build/fuzz/corpus tests/core/evidence/assets/manifests
#include "core/ci/workflow_commands.h"
#include "core/evidence/artifact_tree.h"
#include "core/evidence/digest_ref.h"
#include "core/evidence/evidence_json.h"
#include "core/evidence/evidence_manifest.h"
#include "core/evidence/evidence_markdown.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

using namespace releasedesk;

// The headSha of the seed manifests, so mutated seeds reach the folder-match rule both ways.
constexpr std::string_view kFolderSha = "bf923bc309c95a5f876a2d159756c7298c6b5d72";

// A broken invariant is a bug even without a crash: abort so libFuzzer saves the input.
void require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

void checkReport(const EvidenceReport& report) {
  require((report.verdict == Verdict::Accepted) == !report.hasErrors(), "accepted exactly when there is no error");
  if (report.verdict == Verdict::Accepted) {
    require(isLowerHex(report.manifest.headSha, 40), "an accepted manifest has a commit SHA");
    require(report.manifest.acceptanceStageGate == "success", "an accepted manifest passed its gate");
  }
  for (const Finding& finding : report.findings) {
    require(!finding.message.empty(), "every finding has a message");
    require(finding.pointer.empty() || finding.pointer.front() == '/', "pointers are RFC 6901");
    const std::string line = annotationFor(finding, "acceptance/x/evidence-manifest.json");
    require(line.find_first_of("\r\n") == std::string::npos, "an annotation is one line");
  }
  // The --json output must always be JSON that parses back.
  require(nlohmann::json::accept(toJson(report, "fuzz.json")), "toJson(report) emits valid JSON");
  (void)reportToMarkdown(report, "fuzz.json");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  // Odd sizes come "from a folder" so the headSha-vs-folder rule is explored as well.
  VerifyOptions options;
  if (size % 2 == 1) options.folderSha = std::string(kFolderSha);
  checkReport(verifyEvidence(bytes, options));

  const CandidateCatalog catalog =
      catalogFromFiles({{"acceptance/" + std::string(kFolderSha) + "/evidence-manifest.json", bytes}});
  require(catalog.candidates.size() == 1, "one file, one candidate");
  require(nlohmann::json::accept(toJson(catalog)), "toJson(catalog) emits valid JSON");
  (void)catalogToMarkdown(catalog);

  // Image refs come straight from the manifest; the splitter must take any text too.
  if (size <= 4096) {
    (void)splitImageRef(bytes);
    (void)digestRefProblems(bytes, "The fuzzed image");
  }
  return 0;
}
