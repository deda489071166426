#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "simulators/rtp_receiver.h"
#include "simulators/rtp_sender.h"
#include "simulators/rtp_socket.h"
#include "sip/base/clock.h"

namespace sipconf::simulators {

class MediaEngine;

/// Rewrites packets on their way out and in. Plain RTP needs none; SRTP (RFC 3711) plugs in
/// here without touching the stream: protect() encrypts and appends the tag, unprotect()
/// checks and decrypts. Returning false drops the packet.
class PacketTransform {
 public:
  virtual ~PacketTransform() = default;
  virtual bool protect(std::string& packet) = 0;
  virtual bool unprotect(std::string& packet) = 0;
};

/// What the offer/answer exchange decided for the stream.
struct StreamTarget {
  std::string address;
  std::uint16_t port = 0;
  std::uint8_t payload_type = 0;
  G711Law law = G711Law::ulaw;
  std::string codec = "PCMU";
  int telephone_event = 0;  ///< 0: none negotiated

  friend bool operator==(const StreamTarget&, const StreamTarget&) = default;
};

struct RtpStreamReport {
  std::string local_address;
  std::uint16_t local_port = 0;
  std::optional<StreamTarget> remote;
  RtpSendReport sent;
  RtpReceiveReport received;
  std::uint64_t send_failures = 0;
};

/// One audio stream of a call: a local port, a sender paced by the engine's media clock and a
/// receiver measuring what arrives. Created by MediaEngine::open_stream; must not outlive it.
class RtpStream {
 public:
  RtpStream(MediaEngine& engine, std::unique_ptr<RtpSocket> socket);
  ~RtpStream();
  RtpStream(const RtpStream&) = delete;
  RtpStream& operator=(const RtpStream&) = delete;

  const std::string& local_address() const { return socket_->address(); }
  std::uint16_t local_port() const { return socket_->port(); }

  /// Where to send and with which codec. A new payload type starts a new sender (new SSRC);
  /// a new address keeps the sender. Also tells the receiver the event payload type.
  void set_target(const StreamTarget& target);
  /// Sending follows the negotiated direction (hold) and the call state (early media).
  void set_sending(bool sending);
  bool sending() const { return sending_; }
  /// Where the receiver measures the first packet from.
  void set_reference(sip::SteadyTime reference) { receiver_.set_reference(reference); }
  /// Queues RFC 4733 digits; false if no event payload type was negotiated or no target yet.
  bool send_dtmf(std::string_view digits, std::uint32_t duration_ms);
  void set_transform(std::shared_ptr<PacketTransform> transform) {
    transform_ = std::move(transform);
  }

  RtpStreamReport report() const;

  /// One packet time elapsed (called by the engine's media clock).
  void tick();

 private:
  void on_datagram(std::string_view datagram, sip::SteadyTime at);

  MediaEngine& engine_;
  std::unique_ptr<RtpSocket> socket_;
  std::optional<StreamTarget> target_;
  std::unique_ptr<RtpSender> sender_;
  RtpReceiver receiver_;
  std::shared_ptr<PacketTransform> transform_;
  bool sending_ = false;
  std::uint64_t send_failures_ = 0;
  RtpSendReport earlier_sent_;  ///< totals of senders replaced by a codec change
  std::string packet_;          ///< reused buffer
};

}  // namespace sipconf::simulators
