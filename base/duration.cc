#include "base/duration.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <limits>
#include <utility>

#include "base/input_error.h"

namespace sipconf::base {
namespace {

struct DurationUnit {
  std::string_view name;
  std::int64_t micros;
};

/// The units, largest first (duration_spelling picks the first that fits); `m` is read but
/// never written.
constexpr std::array<DurationUnit, 6> kDurationUnits{{
    {"h", 3'600'000'000},
    {"min", 60'000'000},
    {"m", 60'000'000},
    {"s", 1'000'000},
    {"ms", 1'000},
    {"us", 1},
}};

/// Spellings people write from habit, each with the unit to write instead.
constexpr std::array<std::pair<std::string_view, std::string_view>, 19> kHabitualUnits{{
    {"sec", "s"},    {"secs", "s"},     {"second", "s"},       {"seconds", "s"},
    {"msec", "ms"},  {"msecs", "ms"},   {"millisecond", "ms"}, {"milliseconds", "ms"},
    {"usec", "us"},  {"\u00b5s", "us"}, {"microsecond", "us"}, {"microseconds", "us"},
    {"mins", "min"}, {"minute", "min"}, {"minutes", "min"},    {"hr", "h"},
    {"hrs", "h"},    {"hour", "h"},     {"hours", "h"},
}};

constexpr std::string_view kUnitList = "us, ms, s, min or h";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The unit to write for a spelling that is not one, or empty when none comes to mind.
std::string_view habitual_unit(std::string_view unit) {
  while (!unit.empty() && (unit.front() == ' ' || unit.front() == '\t')) unit.remove_prefix(1);
  for (const auto& [habit, canonical] : kHabitualUnits) {
    if (unit == habit) return canonical;
  }
  const std::string folded = lower(unit);
  for (const DurationUnit& known : kDurationUnits) {
    if (folded == known.name) return known.name;
  }
  for (const auto& [habit, canonical] : kHabitualUnits) {
    if (folded == habit) return canonical;
  }
  return {};
}

const DurationUnit* find_unit(std::string_view unit) {
  for (const DurationUnit& known : kDurationUnits) {
    if (unit == known.name) return &known;
  }
  return nullptr;
}

}  // namespace

Result<std::chrono::microseconds> parse_duration(std::string_view text, std::string_view subject,
                                                 const SourceLocation& where, Diagnostics& diags,
                                                 const DurationRules& rules) {
  auto refuse = [&](InputErrc kind, std::string reason) -> std::error_code {
    report(diags, where,
           subject.empty() ? std::move(reason) : fmt::format("{}: {}", subject, reason));
    return kind;
  };
  std::size_t at = 0;
  while (at < text.size() && is_digit(text[at])) ++at;
  const std::string_view whole = text.substr(0, at);
  std::string_view fraction;
  if (at < text.size() && text[at] == '.') {
    const std::size_t start = ++at;
    while (at < text.size() && is_digit(text[at])) ++at;
    fraction = text.substr(start, at - start);
    if (fraction.empty()) at = text.size() + 1;  // `5.s`: malformed below
  }
  if (whole.empty() || at > text.size()) {
    if (text.starts_with('-')) {
      return refuse(InputErrc::kOutOfRange, fmt::format("`{}` is negative", text));
    }
    return refuse(InputErrc::kMalformed,
                  fmt::format("`{}` is not a duration (write e.g. 500ms, 3s, 2min)", text));
  }
  const std::string_view number = text.substr(0, at);
  const std::string_view unit_text = text.substr(at);
  if (unit_text.empty()) {
    if (!rules.former_bare_unit.empty()) {
      return refuse(InputErrc::kMissingUnit,
                    fmt::format("`{0}` has no unit (a bare number no longer means {1}): write "
                                "{0}{1}",
                                text, rules.former_bare_unit));
    }
    return refuse(InputErrc::kMissingUnit,
                  fmt::format("`{0}` has no unit: write it with one of {1}, e.g. {0}s or {0}ms",
                              text, kUnitList));
  }
  const DurationUnit* unit = find_unit(unit_text);
  if (unit == nullptr) {
    const std::string_view instead = habitual_unit(unit_text);
    if (!instead.empty()) {
      return refuse(InputErrc::kUnknownUnit,
                    fmt::format("`{}`: write {}{}", text, number, instead));
    }
    return refuse(InputErrc::kUnknownUnit,
                  fmt::format("`{}`: unknown unit `{}` (use {})", text, unit_text, kUnitList));
  }

  // Exact decimal arithmetic: 0.1s is 100000us, not 99999.
  constexpr std::int64_t kMaxMicros = std::numeric_limits<std::int64_t>::max() / 4;
  constexpr std::size_t kMaxFractionDigits = 9;
  std::string_view digits = fraction;
  while (!digits.empty() && digits.back() == '0') digits.remove_suffix(1);
  std::int64_t value = 0;
  bool too_long = whole.size() > 18;
  for (char c : whole) {
    if (too_long) break;
    value = value * 10 + (c - '0');
    too_long = value > kMaxMicros / unit->micros;
  }
  std::int64_t micros = too_long ? kMaxMicros : value * unit->micros;
  if (!too_long && !digits.empty()) {
    std::int64_t numerator = 0;
    std::int64_t denominator = 1;
    for (char c : digits.substr(0, kMaxFractionDigits)) {
      numerator = numerator * 10 + (c - '0');
      denominator *= 10;
    }
    // One unit is at most 3.6e9 us and the numerator below 1e9: split to stay in range.
    const std::int64_t scaled_whole = (unit->micros / denominator) * numerator;
    const std::int64_t rest = unit->micros % denominator;
    const bool exact = digits.size() <= kMaxFractionDigits && (rest * numerator) % denominator == 0;
    if (!exact) {
      return refuse(InputErrc::kTooFine,
                    fmt::format("`{}` is finer than a microsecond, the finest step", text));
    }
    micros += scaled_whole + rest * numerator / denominator;
  }
  const std::chrono::microseconds duration(micros);
  if (too_long || duration > rules.max) {
    return refuse(InputErrc::kOutOfRange,
                  fmt::format("`{}` is longer than {}", text, duration_spelling(rules.max)));
  }
  if (rules.step.count() > 1 && duration.count() % rules.step.count() != 0) {
    return refuse(InputErrc::kTooFine,
                  fmt::format("`{}` is not a whole number of {}, the step this counts in", text,
                              duration_spelling(rules.step)));
  }
  return duration;
}

std::string duration_spelling(std::chrono::microseconds duration) {
  const std::int64_t micros = duration.count();
  if (micros == 0) return "0s";
  for (const DurationUnit& unit : kDurationUnits) {
    if (unit.name == "m") continue;
    if (micros % unit.micros == 0) return fmt::format("{}{}", micros / unit.micros, unit.name);
  }
  return fmt::format("{}us", micros);
}

std::string format_duration(std::chrono::microseconds duration) {
  const auto us = duration.count();
  if (us < 1000) return fmt::format("{} us", us);
  if (us < 1000000) return fmt::format("{:g} ms", static_cast<double>(us) / 1e3);
  return fmt::format("{:g} s", static_cast<double>(us) / 1e6);
}

}  // namespace sipconf::base
