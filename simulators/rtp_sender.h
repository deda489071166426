#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

/// The sending half of an RTP stream: one packet per packet time, G.711 tone as audio and
/// RFC 4733 telephone-events for DTMF, with a random SSRC, sequence and timestamp origin
/// (RFC 3550 §5.1) that then advance exactly.
namespace sipconf::simulators {

enum class G711Law : std::uint8_t { ulaw, alaw };

/// One second of a tone, encoded: packets copy from it, so a call costs no trigonometry.
class ToneTable {
 public:
  ToneTable(G711Law law, std::uint32_t frequency_hz, std::uint32_t sample_rate = 8000);
  /// `count` encoded samples starting at sample `position` (wrapping around the second).
  void append(std::uint64_t position, std::size_t count, std::string& out) const;
  G711Law law() const { return law_; }
  std::uint32_t frequency() const { return frequency_; }

 private:
  G711Law law_;
  std::uint32_t frequency_;
  std::string samples_;
};

struct RtpSenderConfig {
  std::uint8_t payload_type = 0;
  std::uint32_t clock_rate = 8000;
  std::uint32_t ptime_ms = 20;
  int telephone_event = 0;  ///< payload type for events; 0: DTMF cannot be sent
  std::uint32_t ssrc = 0;
  std::uint16_t first_sequence = 0;
  std::uint32_t first_timestamp = 0;
};

struct RtpSendReport {
  std::uint32_t ssrc = 0;
  std::uint8_t payload_type = 0;
  std::uint64_t packets = 0;  ///< every packet, audio and events
  std::uint64_t octets = 0;   ///< payload octets
  std::uint64_t dtmf_events = 0;
  std::uint64_t dtmf_packets = 0;
  std::uint16_t first_sequence = 0;
  std::uint32_t first_timestamp = 0;
};

class RtpSender {
 public:
  RtpSender(RtpSenderConfig config, std::shared_ptr<const ToneTable> tone);

  /// Appends the packet of the next packet-time interval to `out`. The media clock
  /// (timestamp) advances by one interval per call whether audio or an event goes out.
  void next_packet(std::string& out);
  /// Queues digits: each is sent as an event of `duration_ms` (updates every packet time, the
  /// end packet three times, RFC 4733 §2.5.1.4), then a pause of `gap_ms` of audio. Digits
  /// that are not DTMF are skipped. False if no event payload type was negotiated.
  bool queue_dtmf(std::string_view digits, std::uint32_t duration_ms, std::uint32_t gap_ms = 60);
  bool dtmf_pending() const { return !digits_.empty() || event_active_; }

  const RtpSendReport& report() const { return report_; }
  std::uint32_t samples_per_packet() const { return samples_per_packet_; }

 private:
  void write_event_packet(std::string& out);

  RtpSenderConfig config_;
  std::shared_ptr<const ToneTable> tone_;
  std::uint32_t samples_per_packet_;
  std::uint16_t sequence_;
  std::uint32_t timestamp_;         ///< media clock at the next interval
  std::uint64_t samples_sent_ = 0;  ///< position in the tone
  bool next_marker_ = true;         ///< first packet of a talkspurt (RFC 3551 §4.1)
  RtpSendReport report_;

  struct Digit {
    std::uint8_t event;
    std::uint32_t duration_samples;
    std::uint32_t gap_packets;
  };
  std::deque<Digit> digits_;
  bool event_active_ = false;
  Digit current_{};
  std::uint32_t event_timestamp_ = 0;
  std::uint32_t event_duration_ = 0;
  int end_packets_left_ = 0;
  std::uint32_t gap_left_ = 0;
  bool event_started_ = false;
};

}  // namespace sipconf::simulators
