#include "mediation/routing/number_pattern.h"

#include <cstring>
#include <regex>

#include "mediation/routing/routing_error.h"

namespace sipconf::mediation {

struct NumberPattern::Compiled {
  std::regex regex;
};

namespace {

/// A `|` outside every group and bracket expression: the anchor then binds one branch only.
bool has_top_level_alternation(std::string_view pattern) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth <= 0) {
      return true;
    }
  }
  return false;
}

bool is_alphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string required_prefix(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '^' || has_top_level_alternation(pattern)) return {};
  std::string prefix;
  std::size_t i = 1;
  while (i < pattern.size()) {
    const char c = pattern[i];
    char literal = c;
    std::size_t next = i + 1;
    if (c == '\\') {
      // `\+` is a `+`; `\d`, `\x2B`, `\0`, `\b` are classes, codes or assertions.
      if (next >= pattern.size() || is_alphanumeric(pattern[next])) break;
      literal = pattern[next];
      next += 1;
    } else if (std::strchr("^$.|?*+()[]{}", c) != nullptr) {
      break;
    }
    if (next < pattern.size() && std::strchr("?*+{", pattern[next]) != nullptr) break;
    prefix += literal;
    i = next;
  }
  return prefix;
}

NumberPattern::NumberPattern(std::string text, std::shared_ptr<const Compiled> compiled)
    : text_(std::move(text)), prefix_(required_prefix(text_)), compiled_(std::move(compiled)) {}

sip::Result<NumberPattern> NumberPattern::compile(std::string_view pattern) {
  try {
    auto compiled = std::make_shared<const Compiled>(
        Compiled{std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript)});
    return NumberPattern(std::string(pattern), std::move(compiled));
  } catch (const std::regex_error&) {
    return make_error_code(RoutingErrc::kPatternDoesNotCompile);
  }
}

bool NumberPattern::search(std::string_view number) const {
  return std::regex_search(number.begin(), number.end(), compiled_->regex);
}

std::optional<std::string> NumberPattern::replace(std::string_view number,
                                                  const TranslationTemplate& translation) const {
  using Matches = std::regex_iterator<const char*>;
  const char* const begin = number.data();
  const char* const end = begin + number.size();
  Matches it(begin, end, compiled_->regex);
  if (it == Matches()) return std::nullopt;
  std::string out;
  const char* kept = begin;
  for (; it != Matches(); ++it) {
    const std::cmatch& m = *it;
    out.append(kept, m[0].first);
    translation.expand(
        m.size() - 1,
        [&m](std::size_t n) {
          return m[n].matched
                     ? std::string_view(m[n].first, static_cast<std::size_t>(m[n].length()))
                     : std::string_view();
        },
        out);
    kept = m[0].second;
  }
  out.append(kept, end);
  return out;
}

std::size_t NumberPattern::group_count() const { return compiled_->regex.mark_count(); }

}  // namespace sipconf::mediation
