// libFuzzer target: a production run's artifact files come from CI output the desk does not
// control. Any bytes, read as a file of the run (summarizeJson) or as a whole archive
// (readProductionArchive), must give fields or a reason, never a crash or a hang.
//
//   cmake --preset fuzz -B build/fuzz && cmake --build build/fuzz --target releasedesk_fuzz_production_artifact
//   build/fuzz/tests/fuzz/releasedesk_fuzz_production_artifact -max_total_time=60 \
//       build/fuzz/production-corpus tests/core/evidence/assets/manifests
#include "core/timeline/production_artifacts.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);

  std::vector<std::pair<std::string, std::string>> fields;
  bool truncated = false;
  std::string error;
  const bool read = summarizeJson(bytes, 40, fields, truncated, error);
  // Either fields within the cap, or a reason; never both empty-handed and silent.
  if (read ? fields.size() > 40 || !error.empty() : error.empty()) std::abort();
  for (const auto& [key, value] : fields) {
    if (value.size() > 120 + 3) std::abort();  // cut at 120 characters plus the ellipsis
  }

  ProductionArtifact artifact;
  artifact.name = "production-record-fuzz";
  readProductionArchive(bytes, {}, artifact);
  for (const ProductionFile& file : artifact.files) {
    if (!file.error.empty() && !file.fields.empty()) std::abort();  // a failed file shows no half-read fields
    if (file.fields.size() > ProductionArtifactLimits{}.maxFields) std::abort();
  }
  return 0;
}
