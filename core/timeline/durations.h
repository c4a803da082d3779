// Durations as the console reads them ("30d") and as the desk and console write them ("1h 02m").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace releasedesk {

// The longest duration parseDuration accepts: 100 years (36525d).
inline constexpr std::int64_t kMaxDurationSeconds = std::int64_t{36525} * 86400;

// Parses "30d", "12h", "90m", "2w" into seconds; std::nullopt when malformed or longer than
// kMaxDurationSeconds.
std::optional<std::chrono::seconds> parseDuration(std::string_view text);

// "1h 02m", "45s", "3d 4h".
std::string formatDuration(std::int64_t seconds);

}  // namespace releasedesk
