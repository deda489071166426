#include <utility>

#include "simulators/rtp_socket_asio.h"

#include <array>
#include <chrono>
#include <vector>

#include <boost/asio/ip/udp.hpp>

namespace sipconf::simulators {
namespace {

namespace asio = boost::asio;
using asio::ip::udp;

/// Shared with the pending receive, so that a handler that runs after the socket object is
/// gone finds `open` false and stops.
struct SocketState {
  explicit SocketState(asio::io_context& io) : socket(io) {}
  udp::socket socket;
  udp::endpoint from;
  std::array<char, 2048> buffer{};
  RtpSocket::Receiver receiver;
  bool open = true;
};

void receive_loop(const std::shared_ptr<SocketState>& state) {
  state->socket.async_receive_from(
      asio::buffer(state->buffer), state->from,
      [state](const boost::system::error_code& error, std::size_t size) {
        if (!state->open || error == asio::error::operation_aborted) return;
        if (!error && state->receiver) {
          state->receiver(std::string_view(state->buffer.data(), size),
                          std::chrono::steady_clock::now());
        }
        // ICMP errors reported on the socket (e.g. the peer's port closed) do not end it.
        receive_loop(state);
      });
}

class AsioRtpSocket final : public RtpSocket {
 public:
  AsioRtpSocket(std::shared_ptr<SocketState> state, std::string address, std::uint16_t port)
      : state_(std::move(state)), address_(std::move(address)), port_(port) {
    receive_loop(state_);
  }
  ~AsioRtpSocket() override {
    state_->open = false;
    state_->receiver = nullptr;
    boost::system::error_code ignored;
    state_->socket.close(ignored);
  }

  const std::string& address() const override { return address_; }
  std::uint16_t port() const override { return port_; }

  bool send_to(std::string_view datagram, const std::string& address, std::uint16_t port) override {
    boost::system::error_code error;
    const asio::ip::address ip = asio::ip::make_address(address, error);
    if (error) return false;
    state_->socket.send_to(asio::buffer(datagram.data(), datagram.size()), udp::endpoint(ip, port),
                           0, error);
    return !error;
  }

  void set_receiver(Receiver receiver) override { state_->receiver = std::move(receiver); }

 private:
  std::shared_ptr<SocketState> state_;
  std::string address_;
  std::uint16_t port_;
};

}  // namespace

std::unique_ptr<RtpSocket> AsioRtpSocketFactory::open(const std::string& address,
                                                      std::error_code& ec) {
  boost::system::error_code error;
  const asio::ip::address ip = asio::ip::make_address(address, error);
  if (error) {
    ec = std::make_error_code(std::errc::invalid_argument);
    return nullptr;
  }
  // RTP ports are even (RFC 3550 §11). The system picks a free port; when it is odd, the even
  // one below is tried, then another pick (the odd ones stay bound meanwhile, so that the
  // next pick differs).
  auto bind = [&](std::uint16_t port) -> std::shared_ptr<SocketState> {
    auto state = std::make_shared<SocketState>(io_);
    state->socket.open(ip.is_v6() ? udp::v6() : udp::v4(), error);
    if (!error) state->socket.bind(udp::endpoint(ip, port), error);
    if (!error) state->socket.non_blocking(true, error);
    return error ? nullptr : state;
  };
  std::vector<std::shared_ptr<SocketState>> odd;
  for (int attempt = 0; attempt < 64; ++attempt) {
    std::shared_ptr<SocketState> state = bind(0);
    if (!state) {
      ec = std::error_code(error.value(), std::system_category());
      return nullptr;
    }
    const std::uint16_t port = state->socket.local_endpoint().port();
    if (port % 2 == 0) return std::make_unique<AsioRtpSocket>(state, address, port);
    if (std::shared_ptr<SocketState> even = bind(static_cast<std::uint16_t>(port - 1))) {
      return std::make_unique<AsioRtpSocket>(even, address, static_cast<std::uint16_t>(port - 1));
    }
    odd.push_back(std::move(state));
  }
  ec = std::make_error_code(std::errc::address_in_use);
  return nullptr;
}

}  // namespace sipconf::simulators
