#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "harness/capture/ip_endpoint.h"
#include "harness/capture/payload_visitor.h"
#include "harness/capture/sip_flow_framer.h"
#include "harness/capture/sip_message_facts.h"
#include "sip/message/message.h"
#include "sip/message/parse_error.h"

namespace sipconf::harness {

/// kTls: a message of a TLS connection, which the capture only shows encrypted; it comes
/// from an endpoint's own log of what it sent and received (sipsim_message_log.h).
enum class SipTransport : uint8_t { kUdp, kTcp, kTls };
std::string_view to_string(SipTransport transport);

/// One SIP message seen in a capture, lenient-parsed, with what the parser objected to.
struct CapturedSipMessage {
  uint64_t timestamp_ns = 0;
  Endpoint src;
  Endpoint dst;
  SipTransport transport = SipTransport::kUdp;
  uint64_t tcp_flow_id = 0;  ///< 0 for UDP.
  std::string raw;           ///< The bytes as captured (for TCP: as framed).
  /// The lenient parse; absent only when the bytes could not be split into a start
  /// line and headers at all.
  std::optional<sip::Message> message;
  /// The deviation that made even the lenient parse reject the message (it is kept,
  /// with the best-effort view in `message`).
  std::error_code parse_error;
  std::vector<sip::Violation> violations;
  std::size_t trailing_bytes = 0;       ///< Datagram bytes after Content-Length ended the body.
  bool content_length_missing = false;  ///< On TCP, where framing needs it.
  SipMessageFacts facts;
};

/// Parses one message found in a capture (lenient mode, every header validated).
CapturedSipMessage parse_captured_message(std::string_view bytes, SipTransport transport,
                                          bool stream_without_length = false);

/// Receives the SIP messages of a capture in capture order. For TCP, a message is
/// delivered when the packet that completes it is decoded.
class SipMessageSink {
 public:
  virtual ~SipMessageSink() = default;
  virtual void on_sip_message(CapturedSipMessage&& message) = 0;
};

struct SipDecodeStats {
  uint64_t udp_messages = 0;
  uint64_t udp_keepalives = 0;
  /// Datagrams whose first line ends in ` SIP/2.0` but whose method is not a token:
  /// counted and dropped, like a server would drop them.
  uint64_t malformed_start_lines = 0;
  uint64_t tcp_messages = 0;
  uint64_t tcp_sip_connections = 0;  ///< Connections in which SIP was found.
  /// TCP framing, summed over every direction of every connection.
  uint64_t tcp_keepalives = 0;
  uint64_t tcp_resyncs = 0;
  uint64_t tcp_skipped_bytes = 0;
  uint64_t tcp_truncated = 0;
  uint64_t tcp_without_content_length = 0;
  uint64_t rejected_by_parser = 0;  ///< Kept, but even the lenient parse found them malformed.
};

/// Finds SIP in decoded capture payloads by its start line (any port, UDP or TCP),
/// frames TCP streams, parses leniently and hands every message to a sink. Datagrams
/// that are not SIP go on to `media` (the RTP analyser) untouched, so one pass over the
/// capture serves both.
class SipCaptureDecoder final : public PayloadVisitor {
 public:
  SipCaptureDecoder(SipMessageSink& sink, PayloadVisitor* media);

  void on_datagram(const Datagram& datagram) override;
  void on_tcp_chunk(const TcpChunk& chunk) override;
  void on_tcp_flow_end(const TcpFlowSummary& summary) override;

  /// Frames whatever is still buffered (connections the decoder never saw end).
  void finish();

  const SipDecodeStats& stats() const { return stats_; }

 private:
  struct Direction {
    SipFlowFramer framer;
    Endpoint src;
    Endpoint dst;
  };
  struct Flow {
    uint64_t id = 0;
    Direction directions[2];
    bool sip_seen = false;
  };

  void drain(Flow& flow, Direction& direction);
  void close(Flow& flow);

  SipMessageSink& sink_;
  PayloadVisitor* media_;
  std::unordered_map<uint64_t, Flow> flows_;
  SipDecodeStats stats_;
};

}  // namespace sipconf::harness
