// `--since` durations: what parses, what does not, and the cap that keeps a window on the clock.
#include "core/timeline/durations.h"

#include <gtest/gtest.h>

#include <chrono>

namespace releasedesk {
namespace {

TEST(Durations, ParsesEachUnit) {
  EXPECT_EQ(parseDuration("45s")->count(), 45);
  EXPECT_EQ(parseDuration("90m")->count(), 90 * 60);
  EXPECT_EQ(parseDuration("2w")->count(), 2 * 7 * 86400);
  EXPECT_FALSE(parseDuration("0d"));
  EXPECT_FALSE(parseDuration("-1d"));
  EXPECT_FALSE(parseDuration("+1d"));
  EXPECT_FALSE(parseDuration("1 d"));
}

TEST(Durations, LongerThanACenturyIsRefused) {
  EXPECT_EQ(parseDuration("36525d")->count(), kMaxDurationSeconds);
  EXPECT_FALSE(parseDuration("36526d"));
  // Once accepted, and then overflowed the clock when the window was taken from now.
  EXPECT_FALSE(parseDuration("33111111111d"));
  EXPECT_FALSE(parseDuration("9223372036854775807w"));
  EXPECT_FALSE(parseDuration("5218w"));
  const auto longest = parseDuration("5217w");
  ASSERT_TRUE(longest);
  const auto now = std::chrono::system_clock::now();
  EXPECT_LT(now - *longest, now);  // the window still fits the clock
}

TEST(Durations, FormatsAnyCount) {
  EXPECT_EQ(formatDuration(-5), "0s");
  EXPECT_EQ(formatDuration(90061), "1d 1h");
  EXPECT_EQ(formatDuration(INT64_MAX), "106751991167300d 15h");
}

}  // namespace
}  // namespace releasedesk
