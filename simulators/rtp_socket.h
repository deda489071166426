#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>

#include "sip/base/clock.h"

/// The UDP port a media stream sends from and listens on, behind an interface so that the
/// stream logic runs on a fake in unit tests and on Boost.Asio (rtp_socket_asio.h) for real.
namespace sipconf::simulators {

class RtpSocket {
 public:
  using Receiver = std::function<void(std::string_view datagram, sip::SteadyTime at)>;

  virtual ~RtpSocket() = default;
  virtual const std::string& address() const = 0;
  virtual std::uint16_t port() const = 0;
  /// Sends one datagram without blocking; false if it was dropped (full buffer, bad address).
  virtual bool send_to(std::string_view datagram, const std::string& address,
                       std::uint16_t port) = 0;
  /// Every datagram received from now on goes to `receiver` (on the event-loop thread).
  virtual void set_receiver(Receiver receiver) = 0;
};

class RtpSocketFactory {
 public:
  virtual ~RtpSocketFactory() = default;
  /// Binds an even port (RFC 3550 §11) on `address`, chosen by the system.
  virtual std::unique_ptr<RtpSocket> open(const std::string& address, std::error_code& ec) = 0;
};

}  // namespace sipconf::simulators
