#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace sipconf::harness {

/// One SIP message cut out of a captured TCP stream.
struct FramedSipMessage {
  std::string_view bytes;     ///< Start line to the end of the body.
  uint64_t timestamp_ns = 0;  ///< Capture time of the bytes that completed it.
  /// No Content-Length: the message was cut at the end of its header section, as a
  /// lenient reader must (RFC 3261 §18.3 makes the header mandatory on streams).
  bool content_length_missing = false;
};

struct SipFlowFramerStats {
  uint64_t messages = 0;
  uint64_t keepalives = 0;     ///< CRLF runs between messages (RFC 5626 pings, stray line ends).
  uint64_t resyncs = 0;        ///< Start lines found again after a gap or garbage.
  uint64_t skipped_bytes = 0;  ///< Bytes that belonged to no complete message.
  uint64_t truncated = 0;      ///< Partial messages dropped at a gap or the end of the stream.
};

struct SipFlowFramerLimits {
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 4 * 1024 * 1024;
};

/// Cuts SIP messages out of one direction of a reassembled TCP connection, the way an
/// analyser must rather than the way an endpoint does (sip::StreamFramer closes the
/// connection on the first framing error): it finds the first start line wherever the
/// capture began, frames by Content-Length, and after a gap in the capture or bytes that
/// are not SIP it drops the partial message and looks for the next start line.
class SipFlowFramer {
 public:
  explicit SipFlowFramer(SipFlowFramerLimits limits = {});

  /// Appends the next bytes of the stream. `gap_before`: bytes were lost before these.
  /// Invalidates the views of earlier messages.
  void feed(std::span<const uint8_t> bytes, uint64_t timestamp_ns, bool gap_before);
  /// The next complete message; false when more bytes are needed.
  bool next(FramedSipMessage& out);
  /// The stream ended: whatever is still buffered is counted as dropped.
  void finish();

  const SipFlowFramerStats& stats() const { return stats_; }
  /// Bytes held while waiting for the rest of a message (or of a line).
  std::size_t buffered() const { return buffer_.size() - start_; }

 private:
  std::string_view pending() const { return std::string_view(buffer_).substr(start_); }
  void skip(std::size_t bytes);
  /// Moves start_ to the next start line; false when more bytes are needed.
  bool resynchronise();
  /// Drops everything buffered, counting a partial message.
  void drop_pending();

  SipFlowFramerLimits limits_;
  std::string buffer_;
  std::size_t start_ = 0;
  bool synced_ = true;           ///< start_ is at a message boundary.
  bool lost_sync_ = false;       ///< A gap or garbage happened: the next start line is a resync.
  std::size_t header_scan_ = 0;  ///< Header-end search resumes here (relative to start_).
  uint64_t timestamp_ns_ = 0;
  SipFlowFramerStats stats_;
};

}  // namespace sipconf::harness
