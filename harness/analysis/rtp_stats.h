#pragma once

#include <bitset>
#include <cstdint>
#include <vector>

#include "sip/rtp/telephone_event.h"

namespace sipconf::harness {

/// What RtpStats needs to know about one packet of a stream.
struct RtpPacketInfo {
  uint64_t arrival_ns = 0;
  uint16_t sequence = 0;
  uint32_t rtp_timestamp = 0;
  uint8_t payload_type = 0;
  bool marker = false;
  uint32_t datagram_bytes = 0;  ///< RTP header + payload (the UDP payload).
  uint32_t payload_bytes = 0;
  uint32_t clock_rate = 0;        ///< Of this payload type; 0 when unknown (no jitter then).
  bool is_comfort_noise = false;  ///< CN (RFC 3389): sent during silence, sparsely.
  bool is_telephone_event = false;
  sip::TelephoneEvent event;
};

/// One RFC 4733 event (a DTMF digit): all packets that share an RTP timestamp.
struct TelephoneEventRecord {
  uint8_t event = 0;
  uint32_t rtp_timestamp = 0;
  uint64_t first_arrival_ns = 0;
  uint64_t end_arrival_ns = 0;  ///< First packet with the E bit; 0 if none was seen.
  uint16_t duration = 0;        ///< Largest duration field seen (timestamp units).
  uint8_t volume = 0;
  uint32_t packets = 0;
  bool ended = false;
};

/// Statistics of one RTP stream, as RFC 3550 defines them where it does.
struct RtpStreamStats {
  uint64_t packets = 0;  ///< Received, duplicates included (RFC 3550 A.3).
  uint64_t bytes = 0;    ///< UDP payload bytes (RTP headers included).
  uint64_t payload_bytes = 0;
  uint64_t first_arrival_ns = 0;
  uint64_t last_arrival_ns = 0;
  uint32_t first_rtp_timestamp = 0;
  uint32_t last_rtp_timestamp = 0;
  uint16_t first_sequence = 0;
  uint32_t highest_extended_sequence = 0;
  /// Expected minus received, per RFC 3550 A.3 (negative with duplicates).
  int64_t expected = 0;
  int64_t lost = 0;
  uint64_t duplicates = 0;
  uint64_t out_of_order = 0;       ///< Older than the highest sequence seen, not duplicates.
  uint64_t sequence_restarts = 0;  ///< Jumps the sender made on purpose (RFC 3550 A.1).
  uint64_t marker_packets = 0;
  /// Interarrival jitter (RFC 3550 §6.4.1 / A.8) after the last packet, and the
  /// largest and mean value it took; in milliseconds; 0 without a known clock rate.
  double jitter_ms = 0;
  double max_jitter_ms = 0;
  double mean_jitter_ms = 0;
  uint64_t jitter_samples = 0;
  /// Largest arrival gap between consecutive packets, silence excluded: gaps before a
  /// talkspurt start (marker), before comfort noise, or after it are not delays.
  double max_delta_ms = 0;
  uint32_t clock_rate = 0;  ///< Of the last packet with a known rate.
  std::bitset<128> payload_types;
  uint64_t telephone_event_packets = 0;
  std::vector<TelephoneEventRecord> telephone_events;
};

/// Accumulates RtpStreamStats packet by packet, in capture order: extended sequence
/// numbers with 16-bit wraparound and RFC 3550 A.1 dropout/misorder limits, loss,
/// duplicates (a sliding 1024-packet window), reordering, jitter, and RFC 4733 events.
/// Allocation-free except for a new telephone event.
class RtpStats {
 public:
  void add(const RtpPacketInfo& packet);
  const RtpStreamStats& stats() const { return stats_; }

 private:
  static constexpr uint32_t kWindow = 1024;

  void start_sequence(uint16_t sequence);
  void update_sequence(const RtpPacketInfo& packet);
  void update_jitter(const RtpPacketInfo& packet);
  void update_events(const RtpPacketInfo& packet);
  bool seen(uint64_t extended) const { return window_[extended % kWindow]; }

  RtpStreamStats stats_;
  bool started_ = false;
  bool previous_comfort_noise_ = false;
  uint64_t base_extended_ = 0;  ///< Extended sequence of the first packet (after restarts).
  uint64_t max_extended_ = 0;   ///< Highest extended sequence (64-bit internally).
  int64_t expected_before_restarts_ = 0;
  int64_t received_since_restart_ = 0;
  int64_t received_before_restarts_ = 0;
  uint32_t bad_sequence_ = UINT32_MAX;  ///< RFC 3550 A.1 bad_seq: candidate restart.
  std::bitset<kWindow> window_;         ///< Bit per extended sequence in (max-kWindow, max].
  bool have_transit_ = false;
  uint64_t last_jitter_arrival_ns_ = 0;
  uint32_t last_jitter_rtp_timestamp_ = 0;
  uint32_t jitter_clock_rate_ = 0;
  double jitter_ = 0;  ///< In timestamp units, as RFC 3550 keeps it.
  double jitter_sum_ms_ = 0;
};

}  // namespace sipconf::harness
