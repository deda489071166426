#include "sip/udp_socket.h"

#include <boost/asio/buffer.hpp>

namespace sipconf::sip {

namespace asio = boost::asio;
using udp = asio::ip::udp;

UdpSocket::UdpSocket(asio::io_context& io, UdpOwner& owner) : socket_(io), owner_(&owner) {}

std::error_code UdpSocket::open(const udp::endpoint& local) {
  boost::system::error_code ec;
  socket_.open(local.protocol(), ec);
  if (!ec) socket_.bind(local, ec);
  if (!ec) bound_ = socket_.local_endpoint(ec);
  if (ec) return ec;
  local_ = Endpoint{bound_.address().to_string(), bound_.port(), Transport::udp};
  return {};
}

void UdpSocket::start() { receive(); }

void UdpSocket::receive() {
  socket_.async_receive_from(
      asio::buffer(buffer_), from_,
      [self = shared_from_this(), this](const boost::system::error_code& ec, std::size_t n) {
        if (!owner_ || ec == asio::error::operation_aborted) return;
        // Other errors (an ICMP report surfacing here) concern one datagram; keep going.
        if (!ec && n > 0) owner_->on_datagram(*this, from_, std::string(buffer_.data(), n));
        if (owner_ && socket_.is_open()) receive();
      });
}

void UdpSocket::send(SendId id, const udp::endpoint& to, std::string bytes) {
  auto data = std::make_shared<std::string>(std::move(bytes));
  socket_.async_send_to(asio::buffer(*data), to,
                        [self = shared_from_this(), this, id, to, data](
                            const boost::system::error_code& ec, std::size_t n) {
                          if (!owner_) return;
                          if (ec) {
                            owner_->on_datagram_failed(*this, id, to, ec);
                          } else {
                            owner_->on_datagram_sent(*this, n);
                          }
                        });
}

void UdpSocket::detach() {
  owner_ = nullptr;
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace sipconf::sip
