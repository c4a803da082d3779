// The text rule for times, runs and counts shared by the console and the desktop.
#include "core/text/time_format.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace releasedesk {
namespace {

using namespace std::chrono;

TimePoint at(const char* iso) {
  return *parseIsoTime(iso);
}

TEST(TimeFormat, ShowsTheZoneBesideTheLocalTime) {
  const TimePoint t = at("2026-11-30T13:05:42Z");
  EXPECT_EQ(formatDisplayTime(t, seconds(0)), "2026-11-30 13:05 UTC");
  EXPECT_EQ(formatDisplayTime(t, hours(1)), "2026-11-30 14:05 UTC+01:00");
  EXPECT_EQ(formatDisplayTime(t, -(hours(9) + minutes(30))), "2026-11-30 03:35 UTC-09:30");
  // Across midnight the date follows the zone.
  EXPECT_EQ(formatDisplayTime(at("2026-12-31T23:30:00Z"), hours(5) + minutes(45)), "2027-01-01 05:15 UTC+05:45");
}

TEST(TimeFormat, LocalTimeFollowsTheTimeZoneVariable) {
  const char* saved = std::getenv("TZ");
  const std::string before = saved ? saved : "";
  ::setenv("TZ", "Europe/Berlin", 1);
  ::tzset();
  EXPECT_EQ(formatLocalTime(at("2026-11-30T13:05:00Z")), "2026-11-30 14:05 UTC+01:00");
  EXPECT_EQ(formatLocalTime(at("2026-07-01T13:05:00Z")), "2026-07-01 15:05 UTC+02:00");  // summer time
  ::setenv("TZ", "UTC", 1);
  ::tzset();
  EXPECT_EQ(formatLocalTime(at("2026-11-30T13:05:00Z")), "2026-11-30 13:05 UTC");
  if (saved)
    ::setenv("TZ", before.c_str(), 1);
  else
    ::unsetenv("TZ");
  ::tzset();
}

TEST(TimeFormat, RunsAreNamedByNumberWithTheIdWhereItHelps) {
  EXPECT_EQ(runName(412, 9876543210), "#412");
  EXPECT_EQ(runNameWithId(412, 9876543210), "#412 (id 9876543210)");
  EXPECT_EQ(runName(0, 9876543210), "run 9876543210");
  EXPECT_EQ(runNameWithId(0, 9876543210), "run 9876543210");
}

TEST(TimeFormat, CountsAgreeWithTheirNoun) {
  EXPECT_EQ(countOf(0, "error"), "0 errors");
  EXPECT_EQ(countOf(1, "error"), "1 error");
  EXPECT_EQ(countOf(2, "warning"), "2 warnings");
  EXPECT_EQ(countOf(1, "secret name", "secret names"), "1 secret name");
  EXPECT_EQ(countOf(3, "value", "values"), "3 values");
}

}  // namespace
}  // namespace releasedesk
