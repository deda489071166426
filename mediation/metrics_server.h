#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <system_error>

#include <boost/asio/io_context.hpp>

namespace sipconf::mediation {

/// A tiny HTTP/1.1 responder for Prometheus scrapes: `GET /metrics` gets 200 with the text
/// `render()` returns, other paths 404, other methods 405; one request per connection, then
/// close. Hand-written on Boost.Asio because Boost.Beast would be a heavy dependency for one
/// fixed GET. Requests over 8 KiB, or slower than 5 s, are dropped.
class MetricsServer {
 public:
  using Render = std::function<std::string()>;

  MetricsServer(boost::asio::io_context& io, Render render);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  /// Binds and listens on `address`:`port` (0 picks a free port).
  std::error_code start(const std::string& address, std::uint16_t port);
  void stop();
  std::uint16_t port() const;
  std::uint64_t requests_served() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace sipconf::mediation
