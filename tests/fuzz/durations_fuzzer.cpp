// libFuzzer target: `--since` durations ("30d", "2w") come from the command line and settings.
#include "core/timeline/durations.h"
#include "tests/fuzz/fuzz_support.h"

#include <chrono>
#include <cstring>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace releasedesk;
  const auto text = fuzz::bytesOf(data, size);
  if (const auto parsed = parseDuration(text)) {
    fuzz::require(parsed->count() > 0, "a parsed duration is positive");
    // The window is subtracted from now: it must fit a system_clock time point.
    const auto window = std::chrono::duration_cast<std::chrono::system_clock::duration>(*parsed);
    fuzz::require(window.count() > 0, "a parsed duration fits the clock");
    fuzz::require(!formatDuration(parsed->count()).empty(), "a duration formats");
  }
  if (size >= sizeof(std::int64_t)) {
    std::int64_t seconds = 0;
    std::memcpy(&seconds, data, sizeof seconds);
    const std::string shown = formatDuration(seconds);
    fuzz::require(!shown.empty() && shown.size() < 32, "formatDuration fits its buffer");
  }
  return 0;
}
