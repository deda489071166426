#include "base/quantity.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace sipconf::base {

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

}  // namespace sipconf::base
