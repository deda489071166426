#include "base/boolean.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <string>
#include <utility>

#include "base/input_error.h"

namespace sipconf::base {
namespace {

bool same_word(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

/// Other tools' spellings of a boolean, each with its meaning.
constexpr std::array<std::pair<std::string_view, bool>, 6> kHabitualBooleans{{
    {"yes", true},
    {"on", true},
    {"1", true},
    {"no", false},
    {"off", false},
    {"0", false},
}};

}  // namespace

Result<bool> parse_boolean(std::string_view text, std::string_view subject,
                           const SourceLocation& where, Diagnostics& diags) {
  if (same_word(text, "true")) return true;
  if (same_word(text, "false")) return false;
  std::string reason = fmt::format("`{}` is not a boolean: write true or false", text);
  for (const auto& [habit, meaning] : kHabitualBooleans) {
    if (same_word(text, habit)) {
      reason = fmt::format("`{}`: write {}", text, meaning ? "true" : "false");
    }
  }
  report(diags, where,
         subject.empty() ? std::move(reason) : fmt::format("{}: {}", subject, reason));
  return std::error_code(InputErrc::kMalformed);
}

}  // namespace sipconf::base
