#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

/// Numbers in the files users write (durations: base/duration.h, booleans: base/boolean.h).
namespace sipconf::base {

/// Parses a decimal integer within [min, max]; nullopt with `error` set otherwise.
std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max,
                                          std::string& error);

/// Parses a non-negative decimal number such as `0.5` or `10`.
std::optional<double> parse_number(std::string_view text, double min, double max,
                                   std::string& error);

}  // namespace sipconf::base
