#pragma once

#include <memory>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "sip/transport/transport.h"

/// A listening TCP socket of AsioTransport (plain TCP or the TCP under TLS); hands every
/// accepted socket to its owner, which applies the connection limits.
namespace sipconf::sip {

class TcpListener;

class TcpListenerOwner {
 public:
  virtual ~TcpListenerOwner() = default;
  virtual void on_accepted(TcpListener& listener, boost::asio::ip::tcp::socket socket) = 0;
};

class TcpListener : public std::enable_shared_from_this<TcpListener> {
 public:
  TcpListener(boost::asio::io_context& io, TcpListenerOwner& owner, Transport transport);

  /// Binds and listens on `local` (port 0: any free port).
  std::error_code open(const boost::asio::ip::tcp::endpoint& local);
  void start();
  /// The owner is going away: no further callbacks; the socket is closed.
  void detach();

  const Endpoint& local() const { return local_; }
  /// Index of the listener's configuration in TransportConfig::listeners.
  std::size_t config_index = 0;

 private:
  void accept();

  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;  ///< pause after a failed accept (e.g. EMFILE)
  TcpListenerOwner* owner_;
  Endpoint local_;
};

}  // namespace sipconf::sip
