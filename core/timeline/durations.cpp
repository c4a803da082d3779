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
  switch (text.back()) {
    case 's': return seconds(value);
    case 'm': return seconds(value * 60);
    case 'h': return seconds(value * 3600);
    case 'd': return seconds(value * 86400);
    case 'w': return seconds(value * 7 * 86400);
    default: return std::nullopt;
  }
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
