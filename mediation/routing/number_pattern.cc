#include "mediation/routing/number_pattern.h"

#include <cstring>
#include <regex>
#include <vector>

#include "mediation/routing/routing_error.h"

namespace sipconf::mediation {

struct NumberPattern::Compiled {
  std::regex regex;
};

namespace {

/// Calls `visit(i, depth)` for each character of `pattern` from `from` on that is syntax, not
/// an escaped character or part of a bracket expression, with the group depth it stands at
/// (a group's `(` and `)` at the depth outside it); stops when `visit` returns true.
template <class Visit>
void walk_syntax(std::string_view pattern, std::size_t from, Visit&& visit) {
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = from; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
    } else if (c == '[') {
      in_class = true;
    } else if (visit(i, c == ')' ? --depth : depth)) {
      return;
    } else if (c == '(') {
      ++depth;
    }
  }
}

/// A `|` outside every group and bracket expression: the anchor then binds one branch only.
bool has_top_level_alternation(std::string_view pattern) {
  bool found = false;
  walk_syntax(pattern, 0, [&](std::size_t i, int depth) {
    found = pattern[i] == '|' && depth <= 0;
    return found;
  });
  return found;
}

/// The `)` that closes the group opened at `open`, or npos.
std::size_t group_end(std::string_view pattern, std::size_t open) {
  std::size_t end = std::string_view::npos;
  walk_syntax(pattern, open, [&](std::size_t i, int depth) {
    if (pattern[i] == ')' && depth == 0) end = i;
    return end != std::string_view::npos;
  });
  return end;
}

/// match_continuous for an anchored pattern, so that a failing search tries the number's
/// first position only instead of every one.
std::regex_constants::match_flag_type match_flags(bool anchored) {
  return anchored ? std::regex_constants::match_continuous : std::regex_constants::match_default;
}

bool is_alphanumeric(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::string required_prefix(std::string_view pattern) {
  if (pattern.empty() || pattern.front() != '^' || has_top_level_alternation(pattern)) return {};
  std::string prefix;
  std::vector<std::size_t> open_groups;  ///< where the groups we went into end
  std::size_t i = 1;
  while (i < pattern.size()) {
    const char c = pattern[i];
    if (!open_groups.empty() && i == open_groups.back()) {
      open_groups.pop_back();
      ++i;
      continue;
    }
    if (c == '(') {
      // A group taken exactly once with one branch is part of the sequence: go into it
      // (`^\+(1\d{10})$` requires `+1`). Lookaheads, optional or repeated groups and
      // alternatives end the prefix.
      const std::size_t end = group_end(pattern, i);
      const bool non_capturing = pattern.substr(i, 3) == "(?:";
      if (end == std::string_view::npos || (pattern.substr(i, 2) == "(?" && !non_capturing) ||
          (end + 1 < pattern.size() && std::strchr("?*+{", pattern[end + 1]) != nullptr) ||
          has_top_level_alternation(pattern.substr(i + 1, end - i - 1))) {
        break;
      }
      open_groups.push_back(end);
      i += non_capturing ? 3 : 1;
      continue;
    }
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
    : text_(std::move(text)),
      prefix_(required_prefix(text_)),
      anchored_(!text_.empty() && text_.front() == '^' && !has_top_level_alternation(text_)),
      digits_(DigitPattern::parse(text_)),
      compiled_(std::move(compiled)) {}

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
  if (digits_) return digits_->search(number);
  return std::regex_search(number.begin(), number.end(), compiled_->regex, match_flags(anchored_));
}

std::optional<std::string> NumberPattern::replace(std::string_view number,
                                                  const TranslationTemplate& translation) const {
  const char* const begin = number.data();
  const char* const end = begin + number.size();
  std::string out;
  const char* kept = begin;
  const auto append = [&](const std::cmatch& m) {
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
  };
  if (digits_ && digits_->anchored()) {
    DigitPattern::Match m;
    if (!digits_->search(number, &m)) return std::nullopt;
    out.append(begin, m.begin);
    translation.expand(
        m.group_begin.size(),
        [&](std::size_t n) {
          return number.substr(m.group_begin[n - 1], m.group_end[n - 1] - m.group_begin[n - 1]);
        },
        out);
    out.append(number.substr(m.end));
    return out;
  }
  if (anchored_) {
    // One match at most, at the start: no scan along the number, no second search.
    std::cmatch m;
    if (!std::regex_search(begin, end, m, compiled_->regex, match_flags(anchored_)))
      return std::nullopt;
    append(m);
  } else {
    using Matches = std::regex_iterator<const char*>;
    Matches it(begin, end, compiled_->regex);
    if (it == Matches()) return std::nullopt;
    for (; it != Matches(); ++it) append(*it);
  }
  out.append(kept, end);
  return out;
}

std::size_t NumberPattern::group_count() const { return compiled_->regex.mark_count(); }

}  // namespace sipconf::mediation
