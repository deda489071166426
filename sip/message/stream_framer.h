#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

namespace sipconf::sip {

struct FramerLimits {
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
};

enum class FrameStatus { need_more, message, keepalive, error };

/// Counters for metrics.
struct FramerStats {
  std::uint64_t messages = 0;
  std::uint64_t keepalives = 0;    ///< CRLFCRLF pings (RFC 5626 §4.4.1)
  std::uint64_t ignored_crlf = 0;  ///< single CRLFs between messages (RFC 3261 §7.5)
  std::uint64_t bytes_fed = 0;
};

/// Cuts SIP messages out of a TCP/TLS byte stream by Content-Length (RFC 3261 §18.3).
/// A message without a valid Content-Length, with several differing ones, or over the limits
/// is an unrecoverable framing error: the connection must be closed (RFC 4475 ncl, mcl01).
/// The framer does not validate messages beyond that; parse what it returns with
/// parse_message(..., {.framing = Framing::stream}).
class StreamFramer {
 public:
  explicit StreamFramer(FramerLimits limits = {});

  /// Bytes received on the connection.
  void feed(std::string_view bytes);
  /// message: `out` holds one whole message (start line to end of body);
  /// keepalive: a CRLFCRLF ping arrived (answer with CRLF);
  /// need_more: nothing complete yet;
  /// error: unrecoverable, close the connection (`ec` says why; stays in error afterwards).
  FrameStatus next(std::string& out, std::error_code& ec);
  /// Bytes received and not yet returned.
  std::size_t buffered() const { return buffer_.size() - start_; }

  const FramerStats& stats() const { return stats_; }
  const FramerLimits& limits() const { return limits_; }

 private:
  FrameStatus fail(std::error_code& ec, std::error_code why);

  FramerLimits limits_;
  std::string buffer_;
  std::size_t start_ = 0;        // first unconsumed byte
  std::size_t scanned_ = 0;      // header-end search resumes here (relative to start_)
  std::size_t header_end_ = 0;   // bytes of the current header section once found, else 0
  std::size_t body_length_ = 0;  // Content-Length of the current message once known
  std::error_code error_;
  FramerStats stats_;
};

}  // namespace sipconf::sip
