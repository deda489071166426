#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include "sip/message/stream_framer.h"
#include "sip/transport/transport.h"

/// One TCP or TLS connection of AsioTransport: connect or accept, TLS handshake, framing of
/// the byte stream into messages, and a write queue (Asio allows one write at a time).
namespace sipconf::sip {

class Connection;

/// A message queued on a connection, remembered so that a failure can name it.
struct PendingSend {
  SendId id = 0;
  std::string bytes;
};

/// The transport's side of a connection. Calls arrive on the io_context thread.
class ConnectionOwner {
 public:
  virtual ~ConnectionOwner() = default;
  /// Connected (and TLS handshake done): queued messages start flowing.
  virtual void on_connection_ready(Connection& connection) = 0;
  virtual void on_connection_message(Connection& connection, std::string&& bytes) = 0;
  virtual void on_connection_keepalive(Connection& connection) = 0;
  virtual void on_connection_sent(Connection& connection, std::size_t messages,
                                  std::size_t bytes) = 0;
  /// Exactly once per connection. `unsent` holds messages that were not (fully) written.
  virtual void on_connection_closed(Connection& connection, std::error_code reason,
                                    std::vector<PendingSend>&& unsent) = 0;
};

struct ConnectionSettings {
  ConnectionId id = 0;
  Transport transport = Transport::tcp;
  Endpoint local;
  Endpoint remote;
  FramerLimits framer;
  std::size_t max_queued_bytes = 4 * 1024 * 1024;
  /// Deadline for connect + handshake (outbound) or handshake (inbound TLS); zero: none.
  std::chrono::milliseconds setup_timeout{0};
  /// TLS client: SNI and the name the server certificate must carry (empty: chain only).
  std::string server_name;
  /// TLS server: accepted client names (empty: any certificate from the CA).
  std::vector<std::string> allowed_peer_names;
};

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  enum class State { connecting, handshaking, open, closed };

  virtual ~Connection() = default;

  ConnectionId id() const { return settings_.id; }
  Transport transport() const { return settings_.transport; }
  const Endpoint& local() const { return settings_.local; }
  const Endpoint& remote() const { return settings_.remote; }
  bool inbound() const { return inbound_; }
  State state() const { return state_; }
  /// Whether it ever reached State::open (a close before that is a connect/handshake failure).
  bool established() const { return established_; }
  std::chrono::steady_clock::time_point last_activity() const { return last_activity_; }
  std::shared_ptr<const TlsPeer> tls_peer() const { return tls_peer_; }
  std::size_t queued_bytes() const { return queued_bytes_; }

  /// Starts an accepted connection (TLS: server handshake first).
  virtual void start_accepted() = 0;
  /// Connects to remote() from `bind_address` (unspecified: any), then TLS client handshake.
  virtual void start_connect(const boost::asio::ip::address& bind_address) = 0;
  /// Queues a message; send_queue_full if over the byte limit; connection_closed if closed.
  virtual std::error_code enqueue(SendId id, std::string bytes) = 0;
  /// Closes now; the owner hears on_connection_closed once (if still attached).
  virtual void close(std::error_code reason) = 0;

  /// The owner is going away: no further callbacks; the socket is closed.
  void detach() {
    owner_ = nullptr;
    close(std::error_code());
  }

 protected:
  Connection(ConnectionSettings settings, ConnectionOwner& owner, bool inbound)
      : settings_(std::move(settings)), owner_(&owner), inbound_(inbound) {}

  ConnectionSettings settings_;
  ConnectionOwner* owner_;
  bool inbound_;
  State state_ = State::connecting;
  bool established_ = false;
  std::chrono::steady_clock::time_point last_activity_ = std::chrono::steady_clock::now();
  std::shared_ptr<const TlsPeer> tls_peer_;
  std::size_t queued_bytes_ = 0;
};

/// An accepted plain TCP connection.
std::shared_ptr<Connection> make_tcp_connection(boost::asio::ip::tcp::socket socket,
                                                ConnectionSettings settings,
                                                ConnectionOwner& owner);
/// An outbound plain TCP connection (call start_connect).
std::shared_ptr<Connection> make_tcp_connection(boost::asio::io_context& io,
                                                ConnectionSettings settings,
                                                ConnectionOwner& owner);
/// An accepted TLS connection.
std::shared_ptr<Connection> make_tls_connection(boost::asio::ip::tcp::socket socket,
                                                std::shared_ptr<boost::asio::ssl::context> context,
                                                ConnectionSettings settings,
                                                ConnectionOwner& owner);
/// An outbound TLS connection.
std::shared_ptr<Connection> make_tls_connection(boost::asio::io_context& io,
                                                std::shared_ptr<boost::asio::ssl::context> context,
                                                ConnectionSettings settings,
                                                ConnectionOwner& owner);

}  // namespace sipconf::sip
