#include "core/timeline/durations.h"

#include <charconv>
#include <cstdio>

namespace releasedesk {

using std::chrono::seconds;

std::optional<std::chrono::seconds> parseDuration(std::string_view text) {
  if (text.size() < 2) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size() - 1, value);
  if (ec != std::errc() || end != text.data() + text.size() - 1 || value <= 0) return std::nullopt;
  std::int64_t unit = 0;
  switch (text.back()) {
    case 's': unit = 1; break;
    case 'm': unit = 60; break;
    case 'h': unit = 3600; break;
    case 'd': unit = 86400; break;
    case 'w': unit = 7 * 86400; break;
    default: return std::nullopt;
  }
  // A window reaches back from now: longer than a century is a typo, and would overflow the clock.
  if (value > kMaxDurationSeconds / unit) return std::nullopt;
  return seconds(value * unit);
}

std::string formatDuration(std::int64_t total) {
  char buffer[32];
  if (total < 0) total = 0;
  const std::int64_t d = total / 86400, h = total % 86400 / 3600, m = total % 3600 / 60, s = total % 60;
  if (d > 0) {
    std::snprintf(buffer, sizeof buffer, "%lldd %lldh", static_cast<long long>(d), static_cast<long long>(h));
  } else if (h > 0) {
    std::snprintf(buffer, sizeof buffer, "%lldh %02lldm", static_cast<long long>(h), static_cast<long long>(m));
  } else if (m > 0) {
    std::snprintf(buffer, sizeof buffer, "%lldm %02llds", static_cast<long long>(m), static_cast<long long>(s));
  } else {
    std::snprintf(buffer, sizeof buffer, "%llds", static_cast<long long>(s));
  }
  return buffer;
}

}  // namespace releasedesk
