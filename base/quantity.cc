#include "base/quantity.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>
#include <utility>

namespace sipconf::base {

std::optional<std::chrono::microseconds> parse_duration(std::string_view text, std::string& error) {
  static constexpr std::array<std::pair<std::string_view, double>, 4> units{{
      {"us", 1.0},
      {"ms", 1e3},
      {"min", 60e6},
      {"s", 1e6},
  }};
  std::size_t digits = 0;
  while (digits < text.size() &&
         ((text[digits] >= '0' && text[digits] <= '9') || text[digits] == '.')) {
    ++digits;
  }
  const std::string_view number = text.substr(0, digits);
  const std::string_view unit = text.substr(digits);
  double value = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size()) {
    error = fmt::format("`{}` is not a duration (write e.g. 500us, 250ms, 3s)", text);
    return std::nullopt;
  }
  for (const auto& [name, scale] : units) {
    if (unit != name) continue;
    const double us = value * scale;
    if (us > 86400e6) {
      error = fmt::format("duration `{}` is longer than a day", text);
      return std::nullopt;
    }
    return std::chrono::microseconds(static_cast<std::int64_t>(std::llround(us)));
  }
  error = unit.empty()
              ? fmt::format("duration `{}` needs a unit: us, ms, s or min", text)
              : fmt::format("unknown unit `{}` in `{}` (use us, ms, s or min)", unit, text);
  return std::nullopt;
}

std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max,
                                          std::string& error) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    error = fmt::format("`{}` is not an integer", text);
    return std::nullopt;
  }
  if (value < min || value > max) {
    error = fmt::format("{} is out of range [{}, {}]", value, min, max);
    return std::nullopt;
  }
  return value;
}

std::optional<double> parse_number(std::string_view text, double min, double max,
                                   std::string& error) {
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    error = fmt::format("`{}` is not a number", text);
    return std::nullopt;
  }
  if (value < min || value > max) {
    error = fmt::format("{} is out of range [{}, {}]", text, min, max);
    return std::nullopt;
  }
  return value;
}

std::string format_duration(std::chrono::microseconds duration) {
  const auto us = duration.count();
  if (us < 1000) return fmt::format("{} us", us);
  if (us < 1000000) return fmt::format("{:g} ms", static_cast<double>(us) / 1e3);
  return fmt::format("{:g} s", static_cast<double>(us) / 1e6);
}

}  // namespace sipconf::base
