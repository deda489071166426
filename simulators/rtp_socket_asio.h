#pragma once

#include <memory>
#include <string>
#include <system_error>

#include <boost/asio/io_context.hpp>

#include "simulators/rtp_socket.h"

namespace sipconf::simulators {

/// RtpSocket on a Boost.Asio UDP socket: non-blocking sends, a receive loop on the
/// io_context thread. Ports come from the system (bind to port 0), retried until even.
class AsioRtpSocketFactory final : public RtpSocketFactory {
 public:
  explicit AsioRtpSocketFactory(boost::asio::io_context& io) : io_(io) {}
  std::unique_ptr<RtpSocket> open(const std::string& address, std::error_code& ec) override;

 private:
  boost::asio::io_context& io_;
};

}  // namespace sipconf::simulators
