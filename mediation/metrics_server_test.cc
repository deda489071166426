#include "mediation/metrics_server.h"

#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include "sip/transport/transport_test_support.h"

namespace sipconf::mediation {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;

/// Sends `request` to the server from a client thread and returns the whole reply.
std::string exchange(asio::io_context& io, const std::string& address, std::uint16_t port,
                     const std::string& request) {
  std::string reply;
  bool done = false;
  std::thread client([&] {
    asio::io_context client_io;
    tcp::socket socket(client_io);
    boost::system::error_code ec;
    socket.connect(tcp::endpoint(asio::ip::make_address(address), port), ec);
    if (!ec) asio::write(socket, asio::buffer(request), ec);
    char buffer[4096];
    while (!ec) {
      const std::size_t n = socket.read_some(asio::buffer(buffer), ec);
      reply.append(buffer, n);
    }
    done = true;
  });
  sip::testing::run_until(io, [&] { return done; });
  client.join();
  return reply;
}

TEST(MetricsServer, ServesMetricsAndRefusesEverythingElse) {
  asio::io_context io;
  int renders = 0;
  MetricsServer server(io, [&] {
    ++renders;
    return std::string("sipconf_mediation_active_calls 0\n");
  });
  const std::string address = sip::testing::random_loopback();
  ASSERT_FALSE(server.start(address, 0));
  ASSERT_NE(server.port(), 0);

  const std::string ok =
      exchange(io, address, server.port(), "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(ok.substr(0, 15), "HTTP/1.1 200 OK");
  EXPECT_NE(ok.find("Content-Type: text/plain; version=0.0.4"), std::string::npos);
  EXPECT_NE(ok.find("Content-Length: 33\r\n"), std::string::npos);
  EXPECT_EQ(ok.substr(ok.size() - 33), "sipconf_mediation_active_calls 0\n");

  EXPECT_EQ(exchange(io, address, server.port(), "GET / HTTP/1.1\r\n\r\n").substr(0, 12),
            "HTTP/1.1 404");
  EXPECT_EQ(exchange(io, address, server.port(), "POST /metrics HTTP/1.1\r\n\r\n").substr(0, 12),
            "HTTP/1.1 405");
  EXPECT_EQ(exchange(io, address, server.port(), "garbage\r\n\r\n").substr(0, 12), "HTTP/1.1 400");
  // A request head over the 8 KiB limit is dropped without an answer.
  EXPECT_EQ(exchange(io, address, server.port(),
                     "GET /metrics HTTP/1.1\r\nX: " + std::string(9000, 'a') + "\r\n\r\n"),
            "");
  EXPECT_EQ(renders, 1);
  EXPECT_EQ(server.requests_served(), 4u);
}

}  // namespace
}  // namespace sipconf::mediation
