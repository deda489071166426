#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "sip/transport.h"

/// A bound UDP socket of AsioTransport: one datagram is one message (RFC 3261 §18.3).
namespace sipconf::sip {

class UdpSocket;

class UdpOwner {
 public:
  virtual ~UdpOwner() = default;
  virtual void on_datagram(UdpSocket& socket, const boost::asio::ip::udp::endpoint& from,
                           std::string&& bytes) = 0;
  virtual void on_datagram_sent(UdpSocket& socket, std::size_t bytes) = 0;
  virtual void on_datagram_failed(UdpSocket& socket, SendId id,
                                  const boost::asio::ip::udp::endpoint& to,
                                  std::error_code error) = 0;
};

class UdpSocket : public std::enable_shared_from_this<UdpSocket> {
 public:
  UdpSocket(boost::asio::io_context& io, UdpOwner& owner);

  /// Binds `local` (port 0: any free port).
  std::error_code open(const boost::asio::ip::udp::endpoint& local);
  /// Starts the receive loop.
  void start();
  void send(SendId id, const boost::asio::ip::udp::endpoint& to, std::string bytes);
  /// The owner is going away: no further callbacks; the socket is closed.
  void detach();

  const Endpoint& local() const { return local_; }
  const boost::asio::ip::udp::endpoint& local_endpoint() const { return bound_; }

 private:
  void receive();

  boost::asio::ip::udp::socket socket_;
  UdpOwner* owner_;
  Endpoint local_;
  boost::asio::ip::udp::endpoint bound_;
  boost::asio::ip::udp::endpoint from_;
  std::array<char, 65536> buffer_{};
};

}  // namespace sipconf::sip
