#pragma once

#include <algorithm>
#include <charconv>
#include <string_view>
#include <vector>

/// Small text helpers shared by the SDP units (not a public API).
namespace sipconf::sip::sdp_text {

inline bool is_blank(char c) { return c == ' ' || c == '\t'; }

/// Whole-string unsigned/signed decimal; rejects empty text, signs and trailing junk.
template <typename Int>
bool parse_number(std::string_view text, Int& out) {
  if (text.empty() || text.front() == '-' || text.front() == '+') return false;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

inline std::string_view trim(std::string_view text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  return text;
}

/// Splits on runs of SP/HTAB; sets *sloppy if separators were anything but single spaces
/// between fields (leading/trailing blanks included).
inline std::vector<std::string_view> split_fields(std::string_view text, bool* sloppy) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t start = i;
    while (i < text.size() && is_blank(text[i])) ++i;
    std::size_t gap = i - start;
    bool inner = start != 0 && i < text.size();
    if ((inner && (gap != 1 || text[start] != ' ')) || (!inner && gap != 0)) *sloppy = true;
    if (i >= text.size()) break;
    start = i;
    while (i < text.size() && !is_blank(text[i])) ++i;
    fields.push_back(text.substr(start, i - start));
  }
  return fields;
}

}  // namespace sipconf::sip::sdp_text
