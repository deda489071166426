#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "sip/base/clock.h"

namespace sipconf::simulators {

/// What arrived on one RTP port: the receiver half of RFC 3550 (sequence accounting of A.1
/// and A.3, interarrival jitter of A.8) plus RFC 4733 events decoded back into digits.
struct RtpReceiveReport {
  std::uint64_t packets = 0;
  std::uint64_t octets = 0;           ///< payload octets
  std::optional<std::uint32_t> ssrc;  ///< of the first packet
  std::uint32_t ssrc_changes = 0;
  std::int64_t expected = 0;  ///< highest extended sequence - first + 1, over all SSRCs
  std::int64_t lost = 0;      ///< expected - received, never negative
  std::uint64_t duplicates = 0;
  std::uint64_t late = 0;    ///< arrived after a higher sequence number
  double jitter_ms = 0;      ///< RFC 3550 estimate at the end
  double max_jitter_ms = 0;  ///< largest estimate seen
  /// First packet, from the reference point (the moment media was expected).
  std::optional<std::chrono::microseconds> first_packet;
  std::set<int> payload_types;
  std::string dtmf_digits;      ///< one character per RFC 4733 event received
  std::uint64_t malformed = 0;  ///< datagrams that were not RTP
  std::uint64_t unprotect_failures = 0;
};

/// Accounts packets as they arrive. `clock_rate` is the audio codec's (8000 for G.711);
/// `telephone_event` the negotiated event payload type (0: none).
class RtpReceiver {
 public:
  explicit RtpReceiver(std::uint32_t clock_rate = 8000, int telephone_event = 0);

  /// Where first_packet is measured from; normally when the SDP exchange made media possible.
  void set_reference(sip::SteadyTime reference) { reference_ = reference; }
  void set_telephone_event(int payload_type) { telephone_event_ = payload_type; }

  void on_datagram(std::string_view bytes, sip::SteadyTime at);
  void on_unprotect_failure() { ++report_.unprotect_failures; }
  const RtpReceiveReport& report() const { return report_; }

 private:
  void account_sequence(std::uint16_t sequence);
  void account_jitter(std::uint32_t timestamp, sip::SteadyTime at);

  std::uint32_t clock_rate_;
  int telephone_event_;
  sip::SteadyTime reference_{};
  RtpReceiveReport report_;
  // Sequence state of the current SSRC (A.1, without probation: a lab stream is trusted).
  bool started_ = false;
  std::uint32_t current_ssrc_ = 0;
  std::uint16_t max_sequence_ = 0;
  std::uint32_t base_extended_ = 0;
  std::uint32_t cycles_ = 0;
  std::uint64_t received_this_ssrc_ = 0;
  std::int64_t expected_before_ = 0;  ///< expected of earlier SSRCs
  std::uint64_t received_before_ = 0;
  // Jitter state (A.8), over audio packets only: events repeat their timestamp.
  bool have_transit_ = false;
  double transit_ = 0;
  double jitter_ = 0;  ///< in timestamp units
  // Events: a new event starts with a new timestamp.
  std::optional<std::uint32_t> last_event_timestamp_;
};

}  // namespace sipconf::simulators
