#include "mediation/server.h"

#include <memory>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "sip/transport/transport_test_support.h"

namespace sipconf::mediation {
namespace {

namespace asio = boost::asio;

TEST(MediationServer, AMetricsAddressInUseIsADiagnosticForTheConfigurationFile) {
  asio::io_context io;
  const std::string address = sip::testing::random_loopback();
  asio::ip::tcp::acceptor busy(io, {asio::ip::make_address(address), 0});
  const std::uint16_t port = busy.local_endpoint().port();
  MediationConfig config;
  config.internal.listen_address = address;
  config.internal.listen_port = 0;
  config.internal.transport = sip::Transport::tcp;
  config.metrics.enabled = true;
  config.metrics.address = address;
  config.metrics.port = port;
  EventLog log(
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>()),
      LogFormat::text);
  MediationServer server(io, config, "/etc/sipconf/mediation.xml", log);

  base::Diagnostics diags;
  EXPECT_TRUE(server.start(diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, "/etc/sipconf/mediation.xml");
  EXPECT_EQ(diags[0].message.rfind(fmt::format("metrics {}:{}: ", address, port), 0), 0u)
      << diags[0].message;

  // The form the mediation's main still calls says the same.
  MediationServer again(io, config, "/etc/sipconf/mediation.xml", log);
  std::string detail;
  EXPECT_TRUE(again.start(detail));
  EXPECT_EQ(detail, diags[0].message);
}

}  // namespace
}  // namespace sipconf::mediation
