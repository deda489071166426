#include "harness/manifest/expectation.h"

#include <fmt/format.h>

#include <array>

namespace sipconf::manifest {
namespace {

constexpr std::array<std::string_view, 10> kKindNames{"message", "absent",   "order",   "header",
                                                      "sdp",     "response", "latency", "count",
                                                      "media",   "process"};

}  // namespace

std::string_view to_string(ExpectationKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

std::optional<ExpectationKind> expectation_kind_from(std::string_view text) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == text) return static_cast<ExpectationKind>(i);
  }
  return std::nullopt;
}

std::string_view to_string(LatencyMetric metric) {
  switch (metric) {
    case LatencyMetric::transit:
      return "transit";
    case LatencyMetric::post_dial_delay:
      return "post-dial-delay";
    case LatencyMetric::setup_time:
      return "setup-time";
  }
  return "?";
}

std::string_view to_string(CountedThing thing) {
  switch (thing) {
    case CountedThing::messages:
      return "messages";
    case CountedThing::requests:
      return "requests";
    case CountedThing::responses:
      return "responses";
    case CountedThing::retransmissions:
      return "retransmissions";
    case CountedThing::calls_completed:
      return "calls-completed";
    case CountedThing::findings:
      return "findings";
    case CountedThing::early_dialogs:
      return "early-dialogs";
  }
  return "?";
}

bool Bounds::contains(std::int64_t value) const {
  if (equals && value != *equals) return false;
  if (min && value < *min) return false;
  if (max && value > *max) return false;
  return true;
}

std::string Bounds::describe() const {
  if (equals) return fmt::format("== {}", *equals);
  if (min && max) return fmt::format("in [{}, {}]", *min, *max);
  if (min) return fmt::format(">= {}", *min);
  if (max) return fmt::format("<= {}", *max);
  return "any";
}

bool is_status_pattern(std::string_view pattern) {
  if (pattern.size() != 3 || pattern[0] < '1' || pattern[0] > '6') return false;
  const bool tens_wild = pattern[1] == 'x';
  if (!tens_wild && (pattern[1] < '0' || pattern[1] > '9')) return false;
  if (pattern[2] == 'x') return true;
  return !tens_wild && pattern[2] >= '0' && pattern[2] <= '9';
}

bool status_matches(std::string_view pattern, int status) {
  if (!is_status_pattern(pattern) || status < 100 || status > 699) return false;
  const std::string digits = fmt::format("{}", status);
  for (std::size_t i = 0; i < 3; ++i) {
    if (pattern[i] != 'x' && pattern[i] != digits[i]) return false;
  }
  return true;
}

}  // namespace sipconf::manifest
