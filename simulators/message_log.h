#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "sip/transport/transport.h"

/// Every SIP message the simulator sends or receives, as one JSON object per line:
///
///   {"time":"2026-01-02T03:04:05.678901Z","epoch_us":...,"direction":"out",
///    "transport":"TLS","local":"127.0.0.5:5061","remote":"127.0.0.9:5070",
///    "connection":3,"raw":"INVITE sip:..."}
///
/// so that TLS legs, opaque in a capture, can still be judged by the harness. `local` is the
/// socket's own address and `remote` the peer's: for a TCP/TLS connection the ends its
/// messages arrived on; a message sent before anything arrived on its connection (a new
/// outbound connection, UDP) shows the listener of that transport and the destination.
namespace sipconf::simulators {

using WallClock = std::function<std::chrono::system_clock::time_point()>;

class MessageLog {
 public:
  /// Writes to `out` (which must outlive the log), reading the time from `now`.
  MessageLog(std::ostream& out, WallClock now);

  void record(std::string_view direction, sip::Transport transport, const sip::Endpoint& local,
              const sip::Endpoint& remote, sip::ConnectionId connection, std::string_view raw);
  std::uint64_t lines() const { return lines_; }

  /// The two ends of `connection` as seen on a message received on it, if any.
  struct Ends {
    sip::Endpoint local;
    sip::Endpoint remote;
  };
  const Ends* connection_ends(sip::ConnectionId connection) const;
  void forget_connection(sip::ConnectionId connection) { connections_.erase(connection); }

 private:
  std::unordered_map<sip::ConnectionId, Ends> connections_;
  std::ostream& out_;
  WallClock now_;
  std::uint64_t lines_ = 0;
};

/// `address:port`, IPv6 in brackets.
std::string host_port(const sip::Endpoint& endpoint);

/// A TransportLayer that logs every send before handing it to the real transport.
class LoggingTransport final : public sip::TransportLayer {
 public:
  LoggingTransport(sip::TransportLayer& inner, MessageLog& log) : inner_(inner), log_(log) {}

  sip::SendId send(const sip::Endpoint& to, std::string bytes, const sip::SendOptions& options,
                   std::error_code& ec) override;
  void add_alias(sip::ConnectionId connection, const sip::Endpoint& alias) override {
    inner_.add_alias(connection, alias);
  }
  void close(sip::ConnectionId connection) override { inner_.close(connection); }
  std::vector<sip::Endpoint> local_endpoints() const override { return inner_.local_endpoints(); }
  const sip::TransportCounters& counters() const override { return inner_.counters(); }

 private:
  sip::TransportLayer& inner_;
  MessageLog& log_;
};

/// A MessageSink that logs every message received before passing it on.
class LoggingSink final : public sip::MessageSink {
 public:
  LoggingSink(sip::MessageSink& inner, MessageLog& log) : inner_(inner), log_(log) {}

  void on_message(sip::InboundMessage&& message) override;
  void on_send_failed(const sip::SendFailure& failure) override { inner_.on_send_failed(failure); }
  void on_connection_closed(const sip::ConnectionClosed& closed) override {
    log_.forget_connection(closed.connection);
    inner_.on_connection_closed(closed);
  }

 private:
  sip::MessageSink& inner_;
  MessageLog& log_;
};

}  // namespace sipconf::simulators
