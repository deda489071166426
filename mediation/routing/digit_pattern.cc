#include "mediation/routing/digit_pattern.h"

#include <cstring>
#include <limits>

namespace sipconf::mediation {
namespace {

constexpr std::size_t kUnbounded = std::numeric_limits<std::size_t>::max();

bool is_digit(char c) { return c >= '0' && c <= '9'; }

/// Reads a decimal number at `i`; nullopt if there is none (or it is absurdly long).
std::optional<std::size_t> read_count(std::string_view p, std::size_t& i) {
  const std::size_t start = i;
  std::size_t n = 0;
  while (i < p.size() && is_digit(p[i]) && i - start < 6) n = n * 10 + (p[i++] - '0');
  if (i == start || (i < p.size() && is_digit(p[i]))) return std::nullopt;
  return n;
}

}  // namespace

std::optional<DigitPattern> DigitPattern::parse(std::string_view p) {
  DigitPattern out;
  std::size_t i = 0;
  if (!p.empty() && p.front() == '^') {
    out.anchored_ = true;
    i = 1;
  }
  std::vector<std::size_t> open;
  while (i < p.size()) {
    const char c = p[i];
    Token t;
    if (c == '(') {
      if (i + 1 < p.size() && p[i + 1] == '?') return std::nullopt;
      t.kind = Kind::open;
      t.group = ++out.groups_;
      open.push_back(t.group);
      out.tokens_.push_back(t);
      ++i;
      continue;
    }
    if (c == ')') {
      if (open.empty()) return std::nullopt;
      t.kind = Kind::close;
      t.group = open.back();
      open.pop_back();
      out.tokens_.push_back(t);
      ++i;
      if (i < p.size() && std::strchr("?*+{", p[i]) != nullptr) return std::nullopt;
      continue;
    }
    if (c == '$') {
      if (i + 1 != p.size()) return std::nullopt;
      out.to_end_ = true;
      ++i;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= p.size()) return std::nullopt;
      const char e = p[i + 1];
      if (e == 'd') {
        t.kind = Kind::digits;
      } else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') || is_digit(e)) {
        return std::nullopt;  // \w, \s, \b, \x41, \1 ...
      } else {
        t.literal = e;
      }
      i += 2;
    } else if (c == '[') {
      // `[0-9]` or another range of digits, nothing else.
      if (i + 4 >= p.size() || !is_digit(p[i + 1]) || p[i + 2] != '-' || !is_digit(p[i + 3]) ||
          p[i + 4] != ']' || p[i + 1] > p[i + 3]) {
        return std::nullopt;
      }
      t.kind = Kind::digits;
      t.low = p[i + 1];
      t.high = p[i + 3];
      i += 5;
    } else if (std::strchr("^.|?*+{}]", c) != nullptr) {
      return std::nullopt;
    } else {
      t.literal = c;
      i += 1;
    }
    if (i < p.size() && std::strchr("?*+{", p[i]) != nullptr) {
      if (t.kind != Kind::digits) return std::nullopt;
      const char q = p[i++];
      if (q == '?') {
        t.min = 0;
        t.max = 1;
      } else if (q == '*') {
        t.min = 0;
        t.max = kUnbounded;
      } else if (q == '+') {
        t.min = 1;
        t.max = kUnbounded;
      } else {
        const auto low = read_count(p, i);
        if (!low || i >= p.size()) return std::nullopt;
        t.min = t.max = *low;
        if (p[i] == ',') {
          ++i;
          if (i < p.size() && p[i] == '}') {
            t.max = kUnbounded;
          } else {
            const auto high = read_count(p, i);
            if (!high || *high < *low) return std::nullopt;
            t.max = *high;
          }
        }
        if (i >= p.size() || p[i] != '}') return std::nullopt;
        ++i;
      }
      if (i < p.size() && (p[i] == '?' || p[i] == '+')) return std::nullopt;  // lazy
    }
    out.tokens_.push_back(t);
  }
  if (!open.empty()) return std::nullopt;
  return out;
}

bool DigitPattern::match_from(std::string_view s, std::size_t token, std::size_t pos,
                              Match& m) const {
  if (token == tokens_.size()) {
    if (to_end_ && pos != s.size()) return false;
    m.end = pos;
    return true;
  }
  const Token& t = tokens_[token];
  switch (t.kind) {
    case Kind::open:
      m.group_begin[t.group - 1] = pos;
      return match_from(s, token + 1, pos, m);
    case Kind::close:
      m.group_end[t.group - 1] = pos;
      return match_from(s, token + 1, pos, m);
    case Kind::literal:
      return pos < s.size() && s[pos] == t.literal && match_from(s, token + 1, pos + 1, m);
    case Kind::digits: {
      std::size_t run = 0;
      while (run < t.max && pos + run < s.size() && s[pos + run] >= t.low &&
             s[pos + run] <= t.high) {
        ++run;
      }
      // Greedy: the longest run first, then shorter ones, as ECMAScript backtracks.
      for (std::size_t n = run + 1; n-- > t.min;) {
        if (match_from(s, token + 1, pos + n, m)) return true;
      }
      return false;
    }
  }
  return false;
}

bool DigitPattern::search(std::string_view number, Match* match) const {
  Match local;
  Match& m = match != nullptr ? *match : local;
  m.group_begin.assign(groups_, 0);
  m.group_end.assign(groups_, 0);
  const std::size_t last = anchored_ ? 0 : number.size();
  for (std::size_t start = 0; start <= last; ++start) {
    if (match_from(number, 0, start, m)) {
      m.begin = start;
      return true;
    }
  }
  return false;
}

}  // namespace sipconf::mediation
