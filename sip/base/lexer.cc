#include "sip/base/lexer.h"

#include <array>

namespace sipconf::sip::lex {

QuotedStatus scan_quoted_string(std::string_view s, std::size_t& pos, std::string_view& quoted) {
  std::size_t start = pos;
  std::size_t p = pos + 1;  // past the opening DQUOTE
  bool bad = false;
  while (p < s.size()) {
    char c = s[p];
    if (c == '"') {
      quoted = s.substr(start, p + 1 - start);
      pos = p + 1;
      return bad ? QuotedStatus::bad_char : QuotedStatus::ok;
    }
    if (c == '\\') {
      // quoted-pair: "\" followed by %x00-09 / %x0B-0C / %x0E-7F.
      if (p + 1 >= s.size()) break;
      char n = s[p + 1];
      if (n == '\r' || n == '\n') bad = true;
      p += 2;
      continue;
    }
    if (c == '\r' || c == '\n') {
      // Only a fold (CRLF WSP) may continue a quoted string.
      std::size_t q = p;
      if (skip_lws(s, q)) {
        p = q;
        continue;
      }
      break;
    }
    if (is_ctl(c)) bad = true;
    ++p;
  }
  quoted = s.substr(start, p - start);
  pos = p;
  return QuotedStatus::unterminated;
}

std::string unquote(std::string_view quoted) {
  if (quoted.empty() || quoted.front() != '"') return std::string(quoted);
  std::size_t end = quoted.size();
  if (end >= 2 && quoted.back() == '"') --end;
  std::string_view inner = quoted.substr(1, end - 1);
  if (inner.find_first_of("\\\r\n") == std::string_view::npos) return std::string(inner);
  std::string out;
  out.reserve(quoted.size());
  for (std::size_t i = 1; i < end; ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 1 < end) {
      out.push_back(quoted[++i]);
    } else if (c == '\r' || c == '\n') {
      // A fold inside a quoted string reads as the whitespace after it.
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::size_t list_element_end(std::string_view s, std::size_t pos) {
  // Jump between the only characters that matter: , " < > and, inside quotes, the backslash.
  static constexpr auto kSpecial = [] {
    std::array<bool, 256> t{};
    t[','] = t['"'] = t['<'] = t['>'] = t['\\'] = true;
    return t;
  }();
  bool in_quotes = false;
  bool in_angle = false;
  const std::size_t n = s.size();
  for (std::size_t i = pos; i < n; ++i) {
    while (i < n && !kSpecial[static_cast<unsigned char>(s[i])]) ++i;
    if (i == n) break;
    char c = s[i];
    if (in_quotes) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      }
    } else if (c == '"') {
      in_quotes = true;
    } else if (c == '<') {
      in_angle = true;
    } else if (c == '>') {
      in_angle = false;
    } else if (c == ',' && !in_angle) {
      return i;
    }
  }
  return n;
}

std::vector<std::string_view> split_comma_list(std::string_view value) {
  std::vector<std::string_view> out;
  for (std::string_view element : CommaList(value)) out.push_back(element);
  return out;
}

}  // namespace sipconf::sip::lex
