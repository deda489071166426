#include "sip/message/stream_framer.h"

#include <cstring>

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/parse_error.h"

namespace sipconf::sip {
namespace {

// Offset just past the empty line ending the header section in `s`, searching from `from`;
// 0 if not there yet. Lines end in CRLF (bare LF is tolerated; the parser reports it).
std::size_t find_header_end(std::string_view s, std::size_t from) {
  std::size_t pos = from;
  while (pos < s.size()) {
    const void* hit = std::memchr(s.data() + pos, '\n', s.size() - pos);
    if (hit == nullptr) return 0;
    std::size_t nl = static_cast<std::size_t>(static_cast<const char*>(hit) - s.data());
    if (nl + 1 < s.size() && s[nl + 1] == '\n') return nl + 2;
    if (nl + 2 < s.size() && s[nl + 1] == '\r' && s[nl + 2] == '\n') return nl + 3;
    if (nl + 2 >= s.size() && (nl + 1 == s.size() || s[nl + 1] == '\r')) return 0;
    pos = nl + 1;
  }
  return 0;
}

// Finds the Content-Length of the header section `h` (start line excluded). Sets `ec` for a
// missing, malformed or conflicting value.
std::size_t find_content_length(std::string_view h, std::error_code& ec) {
  bool found = false;
  std::uint64_t length = 0;
  std::size_t pos = h.find('\n');
  while (pos != std::string_view::npos && pos + 1 < h.size()) {
    std::size_t line = pos + 1;
    pos = h.find('\n', line);
    if (line >= h.size() || lex::is_wsp(h[line])) continue;  // folded continuation
    std::size_t p = line;
    std::string_view name = lex::scan_token(h, p);
    if (name.empty() || lookup_header(name) != HeaderId::content_length) continue;
    while (p < h.size() && lex::is_wsp(h[p])) ++p;
    if (p >= h.size() || h[p] != ':') continue;
    ++p;
    lex::skip_lws(h, p);
    std::size_t digits = p;
    std::uint64_t value = 0;
    while (p < h.size() && lex::is_digit(h[p]) && p - digits < 19) {
      value = value * 10 + static_cast<std::uint64_t>(h[p] - '0');
      ++p;
    }
    lex::skip_lws(h, p);
    bool at_end = p >= h.size() || h[p] == '\r' || h[p] == '\n';
    if (p == digits || !at_end) {
      ec = make_error_code(ParseError::content_length_invalid);
      return 0;
    }
    if (found && value != length) {
      ec = make_error_code(ParseError::content_length_conflict);
      return 0;
    }
    found = true;
    length = value;
  }
  if (!found) {
    ec = make_error_code(ParseError::content_length_missing);
    return 0;
  }
  if (length > static_cast<std::uint64_t>(SIZE_MAX / 2)) {
    ec = make_error_code(ParseError::body_too_large);
    return 0;
  }
  return static_cast<std::size_t>(length);
}

}  // namespace

StreamFramer::StreamFramer(FramerLimits limits) : limits_(limits) {}

void StreamFramer::feed(std::string_view bytes) {
  stats_.bytes_fed += bytes.size();
  if (error_) return;
  if (start_ != 0 &&
      (start_ == buffer_.size() || start_ >= 64 * 1024 || start_ >= buffer_.size() / 2)) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  buffer_.append(bytes);
}

FrameStatus StreamFramer::fail(std::error_code& ec, std::error_code why) {
  error_ = why;
  ec = why;
  return FrameStatus::error;
}

FrameStatus StreamFramer::next(std::string& out, std::error_code& ec) {
  ec.clear();
  if (error_) {
    ec = error_;
    return FrameStatus::error;
  }
  for (;;) {
    std::string_view avail = std::string_view(buffer_).substr(start_);
    if (header_end_ == 0) {
      if (scanned_ == 0 && !avail.empty() && (avail[0] == '\r' || avail[0] == '\n')) {
        // Between messages: CRLFCRLF is a keep-alive ping, a lone CRLF is ignored.
        if (avail.substr(0, 4) == "\r\n\r\n") {
          start_ += 4;
          ++stats_.keepalives;
          return FrameStatus::keepalive;
        }
        if (std::string_view("\r\n\r\n").substr(0, avail.size()) == avail) {
          return FrameStatus::need_more;
        }
        start_ += (avail.substr(0, 2) == "\r\n") ? 2 : 1;
        ++stats_.ignored_crlf;
        continue;
      }
      std::size_t end = find_header_end(avail, scanned_);
      if (end == 0) {
        scanned_ = avail.size() > 3 ? avail.size() - 3 : 0;
        if (avail.size() > limits_.max_header_bytes) {
          return fail(ec, make_error_code(ParseError::header_section_too_large));
        }
        return FrameStatus::need_more;
      }
      if (end > limits_.max_header_bytes) {
        return fail(ec, make_error_code(ParseError::header_section_too_large));
      }
      std::error_code why;
      std::size_t length = find_content_length(avail.substr(0, end), why);
      if (why) return fail(ec, why);
      if (length > limits_.max_body_bytes) {
        return fail(ec, make_error_code(ParseError::body_too_large));
      }
      header_end_ = end;
      body_length_ = length;
    }
    std::size_t total = header_end_ + body_length_;
    if (avail.size() < total) return FrameStatus::need_more;
    out.assign(avail.data(), total);
    start_ += total;
    header_end_ = 0;
    body_length_ = 0;
    scanned_ = 0;
    ++stats_.messages;
    return FrameStatus::message;
  }
}

}  // namespace sipconf::sip
