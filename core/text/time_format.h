// How times, runs and counts read in text, one rule for the console and the desktop: local time
// with its zone shown ("2026-11-30 14:05 UTC+01:00"), runs by their number with the id beside it
// where it helps ("#412 (id 9876543210)"), and counts with their noun agreeing ("1 error").
// JSON documents do not use this: they carry UTC ISO-8601 times and both run_number and id.
#pragma once

#include "core/github/github_types.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace releasedesk {

// The local zone's offset from UTC at `time` (the TZ environment variable, else the system zone).
std::chrono::seconds localUtcOffset(TimePoint time);

// "UTC+01:00", "UTC-03:30"; "UTC" at offset 0: how a zone is named, the same in the console and
// the desk (an offset is never ambiguous, unlike abbreviations such as IST).
std::string zoneLabel(std::chrono::seconds offset);

// "2026-11-30 14:05 UTC+01:00" for `time` shown at `offset` from UTC; "2026-11-30 13:05 UTC"
// at offset 0. Minutes precision: seconds never matter to a release manager reading a list.
std::string formatDisplayTime(TimePoint time, std::chrono::seconds offset);

// formatDisplayTime at the local zone's offset.
std::string formatLocalTime(TimePoint time);

// "#412"; a run whose number is unknown (0) is "run 9876543210".
std::string runName(int runNumber, std::int64_t id);
// "#412 (id 9876543210)": where the id is what a user types next (approve --run ID) or looks up.
std::string runNameWithId(int runNumber, std::int64_t id);

// "1 error", "2 errors", "0 errors"; `plural` defaults to `singular` + "s".
std::string countOf(std::size_t count, std::string_view singular, std::string_view plural = {});

}  // namespace releasedesk
