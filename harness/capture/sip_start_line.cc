#include "harness/capture/sip_start_line.h"

#include <cstring>

namespace sipconf::harness {
namespace {

/// RFC 3261 token characters: alphanumerics and `-.!%*_+`'~`.
bool is_token_char(unsigned char c) {
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  if (c >= '0' && c <= '9') return true;
  switch (c) {
    case '-':
    case '.':
    case '!':
    case '%':
    case '*':
    case '_':
    case '+':
    case '`':
    case '\'':
    case '~':
      return true;
    default:
      return false;
  }
}

bool is_sip_version(std::string_view text) {
  static constexpr std::string_view kVersion = "SIP/2.0";
  if (text.size() != kVersion.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c != kVersion[i]) return false;
  }
  return true;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

StartLineKind classify_start_line(std::string_view bytes, std::size_t* line_length) {
  if (bytes.empty()) return StartLineKind::kNone;
  const auto first = static_cast<unsigned char>(bytes[0]);
  // A request starts with a token character (or garbage where the method belongs, which
  // is still printable or high-bit text); RTP/RTCP start with 0x80-0xbf, DNS and most
  // binary protocols with control bytes.
  if (first < 0x20 && first != '\t') return StartLineKind::kNone;
  if (first >= 0x80 && first < 0xc0) return StartLineKind::kNone;

  const std::size_t limit = bytes.size() < kMaxStartLineBytes ? bytes.size() : kMaxStartLineBytes;
  const void* lf = std::memchr(bytes.data(), '\n', limit);
  if (lf == nullptr) return StartLineKind::kNone;
  const std::size_t newline = static_cast<const char*>(lf) - bytes.data();
  std::string_view line = bytes.substr(0, newline);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);

  StartLineKind kind = StartLineKind::kNone;
  if (line.size() >= 11 && is_sip_version(line.substr(0, 7)) && line[7] == ' ' &&
      is_digit(line[8]) && is_digit(line[9]) && is_digit(line[10]) &&
      (line.size() == 11 || line[11] == ' ')) {
    kind = StartLineKind::kResponse;
  } else if (line.size() > 8 && is_sip_version(line.substr(line.size() - 7)) &&
             line[line.size() - 8] == ' ') {
    const std::size_t method_end = line.find(' ');
    // Method, Request-URI and version: at least two separators.
    if (method_end == line.size() - 8) return StartLineKind::kNone;
    bool token = method_end != 0;
    for (std::size_t i = 0; token && i < method_end; ++i) {
      token = is_token_char(static_cast<unsigned char>(line[i]));
    }
    kind = token ? StartLineKind::kRequest : StartLineKind::kMalformedRequest;
  }
  if (kind != StartLineKind::kNone && line_length != nullptr) *line_length = newline + 1;
  return kind;
}

bool is_crlf_only(std::string_view bytes) {
  if (bytes.empty()) return false;
  for (char c : bytes) {
    if (c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace sipconf::harness
