#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipconf::base {

/// Parses a duration with a mandatory unit: `500us`, `250ms`, `3s`, `1.5s`, `2min`.
/// A bare number is refused on purpose: "timeout=5" is ambiguous to a reader.
/// On failure returns nullopt and sets `error` to a sentence for the user.
std::optional<std::chrono::microseconds> parse_duration(std::string_view text, std::string& error);

/// Parses a decimal integer within [min, max].
std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max,
                                          std::string& error);

/// Parses a non-negative decimal number such as `0.5` or `10`.
std::optional<double> parse_number(std::string_view text, double min, double max,
                                   std::string& error);

/// Formats microseconds for people: `850 us`, `12.5 ms`, `3 s`.
std::string format_duration(std::chrono::microseconds duration);

}  // namespace sipconf::base
