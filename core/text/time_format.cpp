#include "core/text/time_format.h"

#include <cstdio>
#include <ctime>

namespace releasedesk {

std::chrono::seconds localUtcOffset(TimePoint time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm local{};
  if (localtime_r(&seconds, &local) == nullptr) return std::chrono::seconds(0);
  return std::chrono::seconds(local.tm_gmtoff);
}

std::string zoneLabel(std::chrono::seconds offset) {
  using namespace std::chrono;
  if (offset == seconds(0)) return "UTC";
  const long total = static_cast<long>(duration_cast<minutes>(offset < seconds(0) ? -offset : offset).count());
  char text[16];
  std::snprintf(text, sizeof text, "UTC%c%02ld:%02ld", offset < seconds(0) ? '-' : '+', total / 60, total % 60);
  return text;
}

std::string formatDisplayTime(TimePoint time, std::chrono::seconds offset) {
  using namespace std::chrono;
  const auto shifted = floor<minutes>(time + offset);
  const auto day = floor<days>(shifted);
  const year_month_day date{day};
  const hh_mm_ss clock{shifted - day};
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02ld:%02ld ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()));
  return text + zoneLabel(offset);
}

std::string formatLocalTime(TimePoint time) {
  return formatDisplayTime(time, localUtcOffset(time));
}

std::string runName(int runNumber, std::int64_t id) {
  if (runNumber <= 0) return "run " + std::to_string(id);
  return "#" + std::to_string(runNumber);
}

std::string runNameWithId(int runNumber, std::int64_t id) {
  if (runNumber <= 0) return "run " + std::to_string(id);
  return "#" + std::to_string(runNumber) + " (id " + std::to_string(id) + ")";
}

std::string countOf(std::size_t count, std::string_view singular, std::string_view plural) {
  std::string noun(count == 1 ? singular : (plural.empty() ? std::string(singular) + "s" : std::string(plural)));
  return std::to_string(count) + " " + noun;
}

}  // namespace releasedesk
