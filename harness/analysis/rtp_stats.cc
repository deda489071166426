#include "harness/analysis/rtp_stats.h"

#include <algorithm>
#include <cmath>

namespace sipconf::harness {
namespace {

/// RFC 3550 A.1: how far ahead a sequence number may jump and still be the same
/// stream, and how far back it may be and still count as a late packet.
constexpr uint32_t kMaxDropout = 3000;
constexpr uint32_t kMaxMisorder = 100;

}  // namespace

void RtpStats::add(const RtpPacketInfo& p) {
  if (stats_.packets == 0) {
    stats_.first_arrival_ns = p.arrival_ns;
    stats_.first_rtp_timestamp = p.rtp_timestamp;
    stats_.first_sequence = p.sequence;
  } else if (!p.marker && !p.is_comfort_noise && !previous_comfort_noise_ &&
             p.arrival_ns >= stats_.last_arrival_ns) {
    const double delta_ms = static_cast<double>(p.arrival_ns - stats_.last_arrival_ns) / 1e6;
    stats_.max_delta_ms = std::max(stats_.max_delta_ms, delta_ms);
  }
  previous_comfort_noise_ = p.is_comfort_noise;
  ++stats_.packets;
  stats_.bytes += p.datagram_bytes;
  stats_.payload_bytes += p.payload_bytes;
  stats_.last_arrival_ns = p.arrival_ns;
  stats_.last_rtp_timestamp = p.rtp_timestamp;
  stats_.payload_types.set(p.payload_type & 0x7F);
  if (p.marker) ++stats_.marker_packets;

  update_sequence(p);
  if (p.is_telephone_event) {
    update_events(p);
  } else {
    update_jitter(p);
  }

  stats_.highest_extended_sequence = static_cast<uint32_t>(max_extended_);
  stats_.expected =
      expected_before_restarts_ + static_cast<int64_t>(max_extended_ - base_extended_ + 1);
  stats_.lost = stats_.expected - received_before_restarts_ - received_since_restart_;
}

void RtpStats::start_sequence(uint16_t sequence) {
  base_extended_ = sequence;
  max_extended_ = sequence;
  window_.reset();
  window_.set(max_extended_ % kWindow);
  bad_sequence_ = UINT32_MAX;
}

void RtpStats::update_sequence(const RtpPacketInfo& p) {
  const uint16_t s = p.sequence;
  if (!started_) {
    started_ = true;
    start_sequence(s);
    received_since_restart_ = 1;
    return;
  }
  const uint16_t max16 = static_cast<uint16_t>(max_extended_);
  const uint16_t ahead = static_cast<uint16_t>(s - max16);
  if (ahead == 0) {
    ++stats_.duplicates;
    ++received_since_restart_;
    return;
  }
  if (ahead < kMaxDropout) {
    // In order, perhaps after lost packets: slide the duplicate window forward.
    if (ahead >= kWindow) {
      window_.reset();
    } else {
      for (uint32_t k = 1; k <= ahead; ++k) window_.reset((max_extended_ + k) % kWindow);
    }
    max_extended_ += ahead;
    window_.set(max_extended_ % kWindow);
    ++received_since_restart_;
    bad_sequence_ = UINT32_MAX;
    return;
  }
  if (ahead <= 65536 - kMaxMisorder) {
    // A large jump: a restart only if the next packet continues from here.
    if (s == bad_sequence_) {
      ++stats_.sequence_restarts;
      expected_before_restarts_ += static_cast<int64_t>(max_extended_ - base_extended_ + 1);
      received_before_restarts_ += received_since_restart_;
      start_sequence(static_cast<uint16_t>(s - 1));
      max_extended_ = base_extended_ + 1;
      window_.set(max_extended_ % kWindow);
      received_since_restart_ = 2;  // this packet and the one that announced the jump
    } else {
      bad_sequence_ = static_cast<uint16_t>(s + 1);
    }
    return;
  }
  // Behind the highest sequence: late or duplicated.
  ++received_since_restart_;
  const uint64_t behind = 65536u - ahead;
  if (behind > max_extended_) {
    ++stats_.out_of_order;
    return;
  }
  const uint64_t extended = max_extended_ - behind;
  if (behind < kWindow && seen(extended)) {
    ++stats_.duplicates;
    return;
  }
  if (behind < kWindow) window_.set(extended % kWindow);
  ++stats_.out_of_order;
}

void RtpStats::update_jitter(const RtpPacketInfo& p) {
  if (p.clock_rate == 0) return;
  if (have_transit_ && jitter_clock_rate_ != p.clock_rate) {
    jitter_ = jitter_ * p.clock_rate / jitter_clock_rate_;  // keep the value, change units
  } else if (have_transit_) {
    // D(i-1,i) = (R_i - R_{i-1}) - (S_i - S_{i-1}) in timestamp units (RFC 3550 A.8).
    const double arrival_delta =
        static_cast<double>(static_cast<int64_t>(p.arrival_ns - last_jitter_arrival_ns_)) *
        p.clock_rate / 1e9;
    const double timestamp_delta =
        static_cast<double>(static_cast<int32_t>(p.rtp_timestamp - last_jitter_rtp_timestamp_));
    const double d = std::fabs(arrival_delta - timestamp_delta);
    jitter_ += (d - jitter_) / 16.0;
    const double jitter_ms = jitter_ * 1000.0 / p.clock_rate;
    stats_.jitter_ms = jitter_ms;
    stats_.max_jitter_ms = std::max(stats_.max_jitter_ms, jitter_ms);
    jitter_sum_ms_ += jitter_ms;
    ++stats_.jitter_samples;
    stats_.mean_jitter_ms = jitter_sum_ms_ / static_cast<double>(stats_.jitter_samples);
  }
  have_transit_ = true;
  last_jitter_arrival_ns_ = p.arrival_ns;
  last_jitter_rtp_timestamp_ = p.rtp_timestamp;
  jitter_clock_rate_ = p.clock_rate;
  stats_.clock_rate = p.clock_rate;
}

void RtpStats::update_events(const RtpPacketInfo& p) {
  ++stats_.telephone_event_packets;
  auto& events = stats_.telephone_events;
  if (events.empty() || events.back().rtp_timestamp != p.rtp_timestamp ||
      events.back().event != p.event.event) {
    TelephoneEventRecord record;
    record.event = p.event.event;
    record.rtp_timestamp = p.rtp_timestamp;
    record.first_arrival_ns = p.arrival_ns;
    events.push_back(record);
  }
  TelephoneEventRecord& record = events.back();
  ++record.packets;
  record.duration = std::max(record.duration, p.event.duration);
  record.volume = p.event.volume;
  if (p.event.end && !record.ended) {
    record.ended = true;
    record.end_arrival_ns = p.arrival_ns;
  }
}

}  // namespace sipconf::harness
