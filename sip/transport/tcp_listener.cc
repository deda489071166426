#include "sip/transport/tcp_listener.h"

#include <boost/asio/socket_base.hpp>

namespace sipconf::sip {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

TcpListener::TcpListener(asio::io_context& io, TcpListenerOwner& owner, Transport transport)
    : acceptor_(io), backoff_(io), owner_(&owner) {
  local_.transport = transport;
}

std::error_code TcpListener::open(const tcp::endpoint& local) {
  boost::system::error_code ec;
  acceptor_.open(local.protocol(), ec);
  if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(local, ec);
  if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
  tcp::endpoint bound;
  if (!ec) bound = acceptor_.local_endpoint(ec);
  if (ec) return ec;
  local_.address = bound.address().to_string();
  local_.port = bound.port();
  return {};
}

void TcpListener::start() { accept(); }

void TcpListener::accept() {
  acceptor_.async_accept(
      [self = shared_from_this(), this](const boost::system::error_code& ec, tcp::socket socket) {
        if (!owner_ || ec == asio::error::operation_aborted) return;
        if (!ec) {
          owner_->on_accepted(*this, std::move(socket));
          if (owner_ && acceptor_.is_open()) accept();
          return;
        }
        // A failed accept (e.g. out of descriptors) would fail again at once: pause briefly
        // instead of spinning, then keep listening.
        backoff_.expires_after(std::chrono::milliseconds(50));
        backoff_.async_wait([self, this](const boost::system::error_code& wait_ec) {
          if (!wait_ec && owner_ && acceptor_.is_open()) accept();
        });
      });
}

void TcpListener::detach() {
  owner_ = nullptr;
  boost::system::error_code ignored;
  backoff_.cancel(ignored);
  acceptor_.close(ignored);
}

}  // namespace sipconf::sip
