#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipconf::reports {

/// How durations are spelled: the report writes "µs" and U+2212 MINUS SIGN; a terminal
/// that may not speak UTF-8 gets "us" and "-".
enum class Glyphs { kUnicode, kAscii };

/// A duration in the unit a person reads best: "412 µs", "10.2 ms", "1.51 s", "3 min 05 s".
std::string format_duration_us(std::int64_t us, Glyphs glyphs = Glyphs::kUnicode);

/// A signed difference in the same units: "+412 µs", "−1.20 ms".
std::string format_delta_us(std::int64_t us);

/// Microseconds since the Unix epoch for an RFC 3339 timestamp such as
/// "2026-11-21T17:00:00.123456Z" or "...+01:00"; nullopt when it is not one.
std::optional<std::int64_t> parse_timestamp_us(std::string_view text);

/// "2026-11-21 17:00:00 UTC" for an RFC 3339 UTC timestamp; other text is returned as is.
std::string format_timestamp(std::string_view text);

/// The results.json spelling of a time: "2026-11-21T17:00:00.123456Z".
std::string format_utc_timestamp(std::chrono::system_clock::time_point time);

}  // namespace sipconf::reports
