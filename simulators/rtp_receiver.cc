#include "simulators/rtp_receiver.h"

#include <algorithm>
#include <cmath>

#include "sip/base/byte_order.h"
#include "sip/rtp/rtp_packet.h"
#include "sip/rtp/telephone_event.h"

namespace sipconf::simulators {
namespace {

constexpr std::uint16_t kMaxDropout = 3000;  // RFC 3550 A.1
constexpr std::uint16_t kMaxMisorder = 100;

}  // namespace

RtpReceiver::RtpReceiver(std::uint32_t clock_rate, int telephone_event)
    : clock_rate_(clock_rate == 0 ? 8000 : clock_rate), telephone_event_(telephone_event) {}

void RtpReceiver::on_datagram(std::string_view bytes, sip::SteadyTime at) {
  const auto packet = sip::parse_rtp(sip::byte_view(bytes));
  if (!packet) {
    ++report_.malformed;
    return;
  }
  const sip::RtpHeader& h = packet->header;
  if (!report_.ssrc) {
    report_.ssrc = h.ssrc;
    if (reference_ != sip::SteadyTime{}) {
      report_.first_packet = std::chrono::duration_cast<std::chrono::microseconds>(at - reference_);
    }
  } else if (started_ && h.ssrc != current_ssrc_) {
    // A new source (a re-INVITE, another fork's early media): account it separately.
    ++report_.ssrc_changes;
    expected_before_ = report_.expected;
    received_before_ = report_.packets;
    started_ = false;
    have_transit_ = false;
  }
  current_ssrc_ = h.ssrc;
  ++report_.packets;
  report_.octets += packet->payload.size();
  report_.payload_types.insert(h.payload_type);
  account_sequence(h.sequence);

  if (telephone_event_ != 0 && h.payload_type == telephone_event_) {
    if (!last_event_timestamp_ || *last_event_timestamp_ != h.timestamp) {
      last_event_timestamp_ = h.timestamp;
      if (const auto event = sip::parse_telephone_event(packet->payload)) {
        if (const auto digit = sip::dtmf_digit(event->event)) report_.dtmf_digits += *digit;
      }
    }
    return;
  }
  account_jitter(h.timestamp, at);
}

void RtpReceiver::account_sequence(std::uint16_t sequence) {
  if (!started_) {
    started_ = true;
    max_sequence_ = sequence;
    cycles_ = 0;
    base_extended_ = sequence;
    received_this_ssrc_ = 0;
  } else {
    const std::uint16_t delta = static_cast<std::uint16_t>(sequence - max_sequence_);
    if (delta == 0) {
      ++report_.duplicates;
    } else if (delta < kMaxDropout) {
      if (sequence < max_sequence_) cycles_ += 65536;
      max_sequence_ = sequence;
    } else if (delta > 65535 - kMaxMisorder) {
      ++report_.late;
    } else {
      // A jump far ahead: the sender restarted its sequence; start counting again.
      expected_before_ = report_.expected;
      received_before_ = report_.packets - 1;
      max_sequence_ = sequence;
      cycles_ = 0;
      base_extended_ = sequence;
      received_this_ssrc_ = 0;
    }
  }
  ++received_this_ssrc_;
  const std::int64_t extended_max = static_cast<std::int64_t>(cycles_) + max_sequence_;
  report_.expected = expected_before_ + (extended_max - base_extended_ + 1);
  const std::int64_t received = static_cast<std::int64_t>(received_before_ + received_this_ssrc_);
  report_.lost = std::max<std::int64_t>(
      0, report_.expected - received + static_cast<std::int64_t>(report_.duplicates));
}

void RtpReceiver::account_jitter(std::uint32_t timestamp, sip::SteadyTime at) {
  const double arrival = std::chrono::duration<double>(at.time_since_epoch()).count() * clock_rate_;
  const double transit = arrival - static_cast<double>(timestamp);
  if (have_transit_) {
    double d = transit - transit_;
    // The RTP timestamp wraps at 2^32; keep the difference in range.
    if (d > 2147483648.0) d -= 4294967296.0;
    if (d < -2147483648.0) d += 4294967296.0;
    jitter_ += (std::fabs(d) - jitter_) / 16.0;
  }
  transit_ = transit;
  have_transit_ = true;
  report_.jitter_ms = jitter_ * 1000.0 / clock_rate_;
  report_.max_jitter_ms = std::max(report_.max_jitter_ms, report_.jitter_ms);
}

}  // namespace sipconf::simulators
