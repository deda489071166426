#include "mediation/metrics_server.h"

#include <chrono>
#include <string_view>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

namespace sipconf::mediation {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

constexpr std::size_t kMaxRequest = 8 * 1024;
constexpr auto kDeadline = std::chrono::seconds(5);

std::string http_response(int status, std::string_view reason, std::string_view content_type,
                          std::string_view body) {
  return fmt::format(
      "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
      status, reason, content_type, body.size(), body);
}

/// The response to a request head (request line and headers).
std::string answer(std::string_view head, const MetricsServer::Render& render) {
  const std::size_t line_end = head.find("\r\n");
  const std::string_view line = head.substr(0, line_end);
  const std::size_t sp1 = line.find(' ');
  const std::size_t sp2 = line.find(' ', sp1 == std::string_view::npos ? 0 : sp1 + 1);
  if (sp1 == std::string_view::npos || sp2 == std::string_view::npos) {
    return http_response(400, "Bad Request", "text/plain", "bad request line\n");
  }
  const std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  target = target.substr(0, target.find('?'));
  if (method != "GET" && method != "HEAD") {
    return http_response(405, "Method Not Allowed", "text/plain", "GET /metrics only\n");
  }
  if (target != "/metrics") return http_response(404, "Not Found", "text/plain", "see /metrics\n");
  const std::string body = render();
  constexpr std::string_view kType = "text/plain; version=0.0.4; charset=utf-8";
  if (method == "HEAD") {
    return fmt::format(
        "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n"
        "Connection: close\r\n\r\n",
        kType, body.size());
  }
  return http_response(200, "OK", kType, body);
}

}  // namespace

struct MetricsServer::Impl : std::enable_shared_from_this<MetricsServer::Impl> {
  Impl(asio::io_context& io_context, Render render_fn)
      : io(io_context), acceptor(io_context), render(std::move(render_fn)) {}

  struct Session : std::enable_shared_from_this<Session> {
    Session(tcp::socket s, std::shared_ptr<Impl> owner)
        : socket(std::move(s)),
          deadline(socket.get_executor()),
          impl(std::move(owner)),
          buffer(kMaxRequest) {}

    void start() {
      deadline.expires_after(kDeadline);
      deadline.async_wait([self = shared_from_this()](boost::system::error_code ec) {
        if (!ec) self->socket.close();
      });
      asio::async_read_until(socket, buffer, "\r\n\r\n",
                             [self = shared_from_this()](boost::system::error_code ec,
                                                         std::size_t n) { self->on_read(ec, n); });
    }

    void on_read(boost::system::error_code ec, std::size_t n) {
      if (ec) {
        deadline.cancel();
        socket.close();
        return;
      }
      const std::string_view head(static_cast<const char*>(buffer.data().data()), n);
      reply = answer(head, impl->render);
      ++impl->served;
      asio::async_write(socket, asio::buffer(reply),
                        [self = shared_from_this()](boost::system::error_code, std::size_t) {
                          boost::system::error_code ignored;
                          self->socket.shutdown(tcp::socket::shutdown_both, ignored);
                          self->socket.close(ignored);
                          self->deadline.cancel();
                        });
    }

    tcp::socket socket;
    asio::steady_timer deadline;
    std::shared_ptr<Impl> impl;
    asio::streambuf buffer;
    std::string reply;
  };

  void accept() {
    acceptor.async_accept(
        [self = shared_from_this()](boost::system::error_code ec, tcp::socket socket) {
          if (ec == asio::error::operation_aborted || !self->acceptor.is_open()) return;
          if (!ec) std::make_shared<Session>(std::move(socket), self)->start();
          self->accept();
        });
  }

  asio::io_context& io;
  tcp::acceptor acceptor;
  Render render;
  std::uint64_t served = 0;
};

MetricsServer::MetricsServer(asio::io_context& io, Render render)
    : impl_(std::make_shared<Impl>(io, std::move(render))) {}

MetricsServer::~MetricsServer() { stop(); }

std::error_code MetricsServer::start(const std::string& address, std::uint16_t port) {
  boost::system::error_code ec;
  const auto ip = asio::ip::make_address(address, ec);
  if (ec) return ec;
  const tcp::endpoint endpoint(ip, port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (ec) return ec;
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
    return ec;
  }
  impl_->accept();
  return {};
}

void MetricsServer::stop() {
  boost::system::error_code ignored;
  impl_->acceptor.close(ignored);
}

std::uint16_t MetricsServer::port() const {
  boost::system::error_code ec;
  auto endpoint = impl_->acceptor.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

std::uint64_t MetricsServer::requests_served() const { return impl_->served; }

}  // namespace sipconf::mediation
