#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/udp.hpp>

#include "sip/transport/transport.h"

/// A bound UDP socket of AsioTransport: one datagram is one message (RFC 3261 §18.3).
///
/// Datagrams move in batches to save system calls, which dominate a loaded element's CPU
/// time on loopback: reads take up to kBatch datagrams per recvmmsg once the socket is
/// readable, and sends made while a handler runs go out together in one sendmmsg right
/// after it (or as soon as the owner asks, see UdpOwner::on_datagrams_handled), in the
/// order they were made.
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
  /// A batch of received datagrams has been handed over: a good moment to flush() what
  /// handling them queued, on whichever socket, without waiting for the next loop turn.
  virtual void on_datagrams_handled(UdpSocket&) {}
};

class UdpSocket : public std::enable_shared_from_this<UdpSocket> {
 public:
  /// Datagrams per recvmmsg/sendmmsg call.
  static constexpr std::size_t kBatch = 16;
  /// Datagrams handled per turn of the event loop before timers and other sockets get theirs.
  static constexpr std::size_t kReadsPerTurn = 4 * kBatch;

  /// `receive_buffer` > 0 asks the kernel for that socket receive buffer (SO_RCVBUF, capped
  /// by net.core.rmem_max), so a burst waits in the kernel instead of being dropped there.
  UdpSocket(boost::asio::io_context& io, UdpOwner& owner, std::size_t receive_buffer = 0);

  /// Binds `local` (port 0: any free port).
  std::error_code open(const boost::asio::ip::udp::endpoint& local);
  /// Starts the receive loop.
  void start();
  /// Queues one datagram; it leaves after the running handler (failures reach the owner).
  void send(SendId id, const boost::asio::ip::udp::endpoint& to, std::string bytes);
  /// Sends what is queued now instead of after the running handler.
  void flush_now();
  /// The owner is going away: no further callbacks; the socket is closed.
  void detach();

  const Endpoint& local() const { return local_; }
  const boost::asio::ip::udp::endpoint& local_endpoint() const { return bound_; }
  /// The receive buffer the kernel granted (bytes; what was asked for, or the kernel's cap).
  std::size_t receive_buffer() const { return granted_receive_buffer_; }

 private:
  struct Outgoing {
    SendId id = 0;
    boost::asio::ip::udp::endpoint to;
    std::string bytes;
  };

  void wait_readable();
  void read_some();
  void flush();
  void wait_writable();

  boost::asio::io_context& io_;
  boost::asio::ip::udp::socket socket_;
  UdpOwner* owner_;
  std::size_t receive_buffer_;
  std::size_t granted_receive_buffer_ = 0;
  Endpoint local_;
  boost::asio::ip::udp::endpoint bound_;
  /// kBatch receive slots of the largest datagram; allocated at start, pages touched on use.
  std::unique_ptr<char[]> slots_;
  std::vector<Outgoing> outgoing_;
  bool flush_posted_ = false;
  bool waiting_writable_ = false;
};

}  // namespace sipconf::sip
