#include "core/github/github_types.h"

#include <cctype>
#include <cstdio>

namespace releasedesk {
namespace {

bool readNumber(std::string_view text, std::size_t pos, std::size_t length, int& out) {
  if (pos + length > text.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + length; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    out = out * 10 + (text[i] - '0');
  }
  return true;
}

bool isValidOwnerOrName(std::string_view part) {
  if (part.empty() || part.size() > 100) return false;
  for (char c : part) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return part != "." && part != "..";
}

}  // namespace

OptionalTime parseIsoTime(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.fff](Z|+00:00)
  int year, month, day, hour, minute, second;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  if (!readNumber(text, 0, 4, year) || !readNumber(text, 5, 2, month) || !readNumber(text, 8, 2, day) ||
      !readNumber(text, 11, 2, hour) || !readNumber(text, 14, 2, minute) || !readNumber(text, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  std::chrono::seconds offset{0};
  const std::string_view zone = text.substr(pos);
  if (zone == "Z") {
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int zh, zm;
    if (!readNumber(zone, 1, 2, zh) || !readNumber(zone, 4, 2, zm)) return std::nullopt;
    offset = std::chrono::hours(zh) + std::chrono::minutes(zm);
    if (zone[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  using namespace std::chrono;
  const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                            std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return sys_days(date) + hours(hour) + minutes(minute) + seconds(second) - offset;
}

std::string formatIsoTime(TimePoint time) {
  using namespace std::chrono;
  const auto days = floor<std::chrono::days>(time);
  const year_month_day date(days);
  const hh_mm_ss clock(time - days);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02ld:%02ld:%02ldZ", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<long>(clock.hours().count()), static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()));
  return buffer;
}

std::optional<RepoRef> RepoRef::parse(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view owner = text.substr(0, slash);
  const std::string_view name = text.substr(slash + 1);
  if (!isValidOwnerOrName(owner) || !isValidOwnerOrName(name)) return std::nullopt;
  return RepoRef{std::string(owner), std::string(name)};
}

std::string_view toString(ConfigLevel level) {
  switch (level) {
    case ConfigLevel::Environment: return "environment";
    case ConfigLevel::Repository: return "repository";
    case ConfigLevel::Organization: return "organization";
  }
  return "environment";
}

}  // namespace releasedesk
