#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipconf::sip::lex {

/// Character classes of the RFC 3261 §25.1 grammar, one bit each in a 256-entry table.
enum CharClass : std::uint16_t {
  kAlnum = 1 << 0,
  kToken = 1 << 1,           // alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"
  kWord = 1 << 2,            // token chars plus ( ) < > : \ " / [ ] ? { }
  kUnreserved = 1 << 3,      // alphanum / mark
  kUserUnreserved = 1 << 4,  // & = + $ , ; ? /
  kPassword = 1 << 5,        // unreserved-extra for password: & = + $ ,
  kParamUnreserved = 1 << 6,  // [ ] / : & + $
  kHnvUnreserved = 1 << 7,    // [ ] / ? : + $
  kReserved = 1 << 8,         // ; / ? : @ & = + $ ,
  kHex = 1 << 9,
  kDigit = 1 << 10,
  kAlpha = 1 << 11,
  kWsp = 1 << 12,  // SP / HTAB
};

namespace detail {
constexpr std::array<std::uint16_t, 256> make_table() {
  std::array<std::uint16_t, 256> t{};
  auto add = [&t](std::string_view chars, std::uint16_t bits) {
    for (char c : chars) t[static_cast<unsigned char>(c)] |= bits;
  };
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kAlnum | kAlpha;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] |= kAlnum | kAlpha;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kAlnum | kDigit | kHex;
  add("abcdefABCDEF", kHex);
  for (int c = 0; c < 256; ++c) {
    if (t[c] & kAlnum) t[c] |= kToken | kWord | kUnreserved;
  }
  add("-.!%*_+`'~", kToken | kWord);
  add("()<>:\\\"/[]?{}", kWord);
  add("-_.!~*'()", kUnreserved);
  add("&=+$,;?/", kUserUnreserved);
  add("&=+$,", kPassword);
  add("[]/:&+$", kParamUnreserved);
  add("[]/?:+$", kHnvUnreserved);
  add(";/?:@&=+$,", kReserved);
  add(" \t", kWsp);
  return t;
}
inline constexpr std::array<std::uint16_t, 256> kTable = make_table();
}  // namespace detail

inline bool is(char c, std::uint16_t classes) {
  return (detail::kTable[static_cast<unsigned char>(c)] & classes) != 0;
}
inline bool is_token_char(char c) { return is(c, kToken); }
inline bool is_digit(char c) { return is(c, kDigit); }
inline bool is_alpha(char c) { return is(c, kAlpha); }
inline bool is_hex(char c) { return is(c, kHex); }
inline bool is_wsp(char c) { return c == ' ' || c == '\t'; }
/// CTL other than HTAB (RFC 2234 CTL = %x00-1F / %x7F).
inline bool is_ctl(char c) {
  auto u = static_cast<unsigned char>(c);
  return (u < 0x20 && u != '\t') || u == 0x7F;
}
inline char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

/// True if every character of `s` is in one of `classes` (and s is non-empty).
inline bool all_of(std::string_view s, std::uint16_t classes) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!is(c, classes)) return false;
  }
  return true;
}
inline bool is_token(std::string_view s) { return all_of(s, kToken); }

/// Skips LWS = [*WSP CRLF] 1*WSP at `pos` (folded lines included; bare LF also folds).
/// Returns true if anything was skipped.
inline bool skip_lws(std::string_view s, std::size_t& pos) {
  std::size_t start = pos;
  for (;;) {
    while (pos < s.size() && is_wsp(s[pos])) ++pos;
    std::size_t p = pos;
    if (p < s.size() && s[p] == '\r') ++p;
    if (p < s.size() && s[p] == '\n' && p + 1 < s.size() && is_wsp(s[p + 1])) {
      pos = p + 1;
      continue;
    }
    break;
  }
  return pos != start;
}

/// `s` without leading and trailing LWS.
inline std::string_view trim_lws(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size() && (is_wsp(s[b]) || s[b] == '\r' || s[b] == '\n')) ++b;
  std::size_t e = s.size();
  while (e > b && (is_wsp(s[e - 1]) || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
  return s.substr(b, e - b);
}

/// True if `s` contains SP, HTAB, CR or LF.
inline bool has_whitespace(std::string_view s) {
  for (char c : s) {
    if (is_wsp(c) || c == '\r' || c == '\n') return true;
  }
  return false;
}

/// Scans 1*token-char at `pos`; returns the token (empty if none) and advances.
inline std::string_view scan_token(std::string_view s, std::size_t& pos) {
  std::size_t start = pos;
  while (pos < s.size() && is_token_char(s[pos])) ++pos;
  return s.substr(start, pos - start);
}

enum class QuotedStatus { ok, unterminated, bad_char };

/// Scans a quoted-string starting at the DQUOTE at `pos`. On ok, `pos` is after the closing
/// quote and the return value is the whole quoted text (quotes included). bad_char reports a
/// CTL (other than via quoted-pair) inside; scanning still finds the end.
QuotedStatus scan_quoted_string(std::string_view s, std::size_t& pos, std::string_view& quoted);

/// Removes the quotes of a quoted-string and resolves quoted-pairs. Text not starting with
/// a quote is returned unchanged.
std::string unquote(std::string_view quoted);

/// Index of the first comma at or after `pos` outside quoted strings and <...>, or s.size().
std::size_t list_element_end(std::string_view s, std::size_t pos);

/// The elements of a comma-separated header value (commas inside quoted strings and <...>
/// do not separate), each trimmed of LWS, without allocating. An empty value yields one
/// empty element, as does each `,,`.
class CommaList {
 public:
  explicit CommaList(std::string_view s) : s_(s) {}

  class iterator {
   public:
    iterator(std::string_view s, std::size_t pos) : s_(s), pos_(pos) {
      if (pos_ != kEnd) advance();
    }
    std::string_view operator*() const { return current_; }
    iterator& operator++() {
      if (end_ >= s_.size()) {
        pos_ = kEnd;
      } else {
        pos_ = end_ + 1;
        advance();
      }
      return *this;
    }
    bool operator!=(const iterator& other) const { return pos_ != other.pos_; }

   private:
    static constexpr std::size_t kEnd = static_cast<std::size_t>(-1);
    void advance() {
      end_ = list_element_end(s_, pos_);
      current_ = trim_lws(s_.substr(pos_, end_ - pos_));
    }
    std::string_view s_;
    std::size_t pos_;
    std::size_t end_ = 0;
    std::string_view current_;
  };

  iterator begin() const { return iterator(s_, 0); }
  iterator end() const { return iterator(s_, static_cast<std::size_t>(-1)); }
  /// The first element (the whole value if there is no separating comma).
  std::string_view front() const { return *begin(); }

 private:
  std::string_view s_;
};

/// The elements of CommaList as a vector.
std::vector<std::string_view> split_comma_list(std::string_view value);

}  // namespace sipconf::sip::lex
