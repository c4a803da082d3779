// libFuzzer target: the desktop's timeline cache file is read back with timelineFromJson; a
// damaged or hand-edited cache must read as "no cache", and what it reads must write back.
#include "core/timeline/deployment_timeline.h"
#include "core/timeline/timeline_json.h"
#include "tests/fuzz/fuzz_support.h"

#include <nlohmann/json.hpp>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const auto timeline = timelineFromJson(fuzz::bytesOf(data, size));
  if (!timeline) return 0;
  const std::string written = toJson(*timeline, std::nullopt, TimelineJsonForm::Cache);
  fuzz::require(nlohmann::json::accept(written), "a read cache writes back as JSON");
  (void)toJson(*timeline, std::nullopt, TimelineJsonForm::Report);
  return 0;
}
