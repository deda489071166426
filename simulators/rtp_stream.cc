#include "simulators/rtp_stream.h"

#include "simulators/media_engine.h"

namespace sipconf::simulators {
namespace {

void add_totals(RtpSendReport& into, const RtpSendReport& from) {
  into.packets += from.packets;
  into.octets += from.octets;
  into.dtmf_events += from.dtmf_events;
  into.dtmf_packets += from.dtmf_packets;
}

}  // namespace

RtpStream::RtpStream(MediaEngine& engine, std::unique_ptr<RtpSocket> socket)
    : engine_(engine), socket_(std::move(socket)) {
  socket_->set_receiver(
      [this](std::string_view datagram, sip::SteadyTime at) { on_datagram(datagram, at); });
}

RtpStream::~RtpStream() {
  socket_->set_receiver({});
  if (sending_) engine_.remove(this);
}

void RtpStream::set_target(const StreamTarget& target) {
  const bool new_codec = !target_ || target_->payload_type != target.payload_type ||
                         target_->telephone_event != target.telephone_event;
  target_ = target;
  receiver_.set_telephone_event(target.telephone_event);
  if (!new_codec && sender_) return;
  if (sender_) add_totals(earlier_sent_, sender_->report());
  sip::IdGenerator& random = engine_.random();
  RtpSenderConfig config;
  config.payload_type = target.payload_type;
  config.ptime_ms = engine_.settings().ptime_ms;
  config.telephone_event = target.telephone_event;
  config.ssrc = static_cast<std::uint32_t>(random.below(0xFFFFFFFFull) + 1);
  config.first_sequence = static_cast<std::uint16_t>(random.below(0x8000));  // room before wrap
  config.first_timestamp = static_cast<std::uint32_t>(random.below(0x80000000ull));
  sender_ = std::make_unique<RtpSender>(config, engine_.tone(target.law));
}

void RtpStream::set_sending(bool sending) {
  if (sending == sending_) return;
  sending_ = sending;
  if (sending_) {
    engine_.add(this);
  } else {
    engine_.remove(this);
  }
}

bool RtpStream::send_dtmf(std::string_view digits, std::uint32_t duration_ms) {
  if (!sender_) return false;
  return sender_->queue_dtmf(digits, duration_ms);
}

void RtpStream::tick() {
  if (!sender_ || !target_ || target_->port == 0) return;
  packet_.clear();
  sender_->next_packet(packet_);
  if (transform_ && !transform_->protect(packet_)) {
    ++send_failures_;
    return;
  }
  if (!socket_->send_to(packet_, target_->address, target_->port)) ++send_failures_;
}

void RtpStream::on_datagram(std::string_view datagram, sip::SteadyTime at) {
  if (transform_) {
    std::string packet(datagram);
    if (!transform_->unprotect(packet)) {
      receiver_.on_unprotect_failure();
      return;
    }
    receiver_.on_datagram(packet, at);
    return;
  }
  receiver_.on_datagram(datagram, at);
}

RtpStreamReport RtpStream::report() const {
  RtpStreamReport report;
  report.local_address = socket_->address();
  report.local_port = socket_->port();
  report.remote = target_;
  report.sent = sender_ ? sender_->report() : RtpSendReport{};
  add_totals(report.sent, earlier_sent_);
  report.received = receiver_.report();
  report.send_failures = send_failures_;
  return report;
}

}  // namespace sipconf::simulators
