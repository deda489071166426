#include "simulators/rtp_sender.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "simulators/g711.h"
#include "sip/base/byte_order.h"
#include "sip/rtp/rtp_packet.h"
#include "sip/rtp/telephone_event.h"

namespace sipconf::simulators {
namespace {

/// About -10 dBm0: loud enough to see in a capture, far from clipping.
constexpr double kToneAmplitude = 7000.0;

}  // namespace

ToneTable::ToneTable(G711Law law, std::uint32_t frequency_hz, std::uint32_t sample_rate)
    : law_(law), frequency_(frequency_hz) {
  samples_.resize(sample_rate);
  for (std::uint32_t i = 0; i < sample_rate; ++i) {
    const double phase = 2.0 * std::numbers::pi * frequency_hz * i / sample_rate;
    const auto linear = static_cast<std::int16_t>(std::lround(kToneAmplitude * std::sin(phase)));
    samples_[i] =
        static_cast<char>(law == G711Law::ulaw ? linear_to_ulaw(linear) : linear_to_alaw(linear));
  }
}

void ToneTable::append(std::uint64_t position, std::size_t count, std::string& out) const {
  const std::size_t size = samples_.size();
  std::size_t at = static_cast<std::size_t>(position % size);
  while (count > 0) {
    const std::size_t chunk = std::min(count, size - at);
    out.append(samples_, at, chunk);
    count -= chunk;
    at = 0;
  }
}

RtpSender::RtpSender(RtpSenderConfig config, std::shared_ptr<const ToneTable> tone)
    : config_(config),
      tone_(std::move(tone)),
      samples_per_packet_(config.clock_rate * config.ptime_ms / 1000),
      sequence_(config.first_sequence),
      timestamp_(config.first_timestamp) {
  report_.ssrc = config.ssrc;
  report_.payload_type = config.payload_type;
  report_.first_sequence = config.first_sequence;
  report_.first_timestamp = config.first_timestamp;
}

bool RtpSender::queue_dtmf(std::string_view digits, std::uint32_t duration_ms,
                           std::uint32_t gap_ms) {
  if (config_.telephone_event == 0) return false;
  const std::uint32_t duration =
      std::max(config_.clock_rate * duration_ms / 1000, samples_per_packet_);
  const std::uint32_t gap = std::max<std::uint32_t>(1, gap_ms / std::max(1u, config_.ptime_ms));
  for (char c : digits) {
    if (const auto code = sip::dtmf_event_code(c)) digits_.push_back({*code, duration, gap});
  }
  return true;
}

void RtpSender::next_packet(std::string& out) {
  if (!event_active_ && gap_left_ == 0 && !digits_.empty()) {
    current_ = digits_.front();
    digits_.pop_front();
    event_active_ = true;
    event_started_ = false;
    event_timestamp_ = timestamp_;
    event_duration_ = 0;
    end_packets_left_ = 3;
  }
  if (event_active_) {
    write_event_packet(out);
  } else {
    if (gap_left_ > 0) --gap_left_;
    std::string payload;
    payload.reserve(samples_per_packet_);
    if (tone_) {
      tone_->append(samples_sent_, samples_per_packet_, payload);
    } else {
      payload.assign(samples_per_packet_, static_cast<char>(0xFF));  // µ-law silence
    }
    const sip::RtpHeader header{next_marker_, config_.payload_type, sequence_, timestamp_,
                                config_.ssrc};
    sip::write_rtp(header, sip::byte_view(payload), out);
    next_marker_ = false;
    ++report_.packets;
    report_.octets += payload.size();
  }
  ++sequence_;
  timestamp_ += samples_per_packet_;
  samples_sent_ += samples_per_packet_;
}

void RtpSender::write_event_packet(std::string& out) {
  // Duration grows by one packet time per update until the digit's length, then the end
  // packet goes out three times with the final duration.
  const bool first = !event_started_;
  event_started_ = true;
  bool end = false;
  if (event_duration_ + samples_per_packet_ >= current_.duration_samples) {
    event_duration_ = current_.duration_samples;
    end = true;
  } else {
    event_duration_ += samples_per_packet_;
  }
  sip::TelephoneEvent event;
  event.event = current_.event;
  event.end = end;
  event.volume = 10;
  event.duration = static_cast<std::uint16_t>(std::min<std::uint32_t>(event_duration_, 0xFFFF));
  std::string payload;
  sip::write_telephone_event(event, payload);
  const sip::RtpHeader header{first, static_cast<std::uint8_t>(config_.telephone_event), sequence_,
                              event_timestamp_, config_.ssrc};
  sip::write_rtp(header, sip::byte_view(payload), out);
  ++report_.packets;
  ++report_.dtmf_packets;
  report_.octets += payload.size();
  if (first) ++report_.dtmf_events;
  if (end && --end_packets_left_ == 0) {
    event_active_ = false;
    gap_left_ = current_.gap_packets;
    next_marker_ = true;  // audio after the event starts a new talkspurt
  }
}

}  // namespace sipconf::simulators
