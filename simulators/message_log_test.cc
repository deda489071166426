#include "simulators/message_log.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "sip/transport/transport_fake.h"
#include "sip/transport/transport_test_support.h"

namespace sipconf::simulators {
namespace {

std::chrono::system_clock::time_point fixed_time() {
  // 2024-02-03T04:05:06.789012Z
  return std::chrono::system_clock::time_point(std::chrono::microseconds(1706933106789012));
}

TEST(MessageLogTest, OneJsonObjectPerMessageBothWays) {
  std::ostringstream out;
  MessageLog log(out, fixed_time);
  sip::testing::RecordingSink inner;
  LoggingSink sink(inner, log);
  sip::FakeTransport transport(sink, {{"127.0.0.5", 5061, sip::Transport::tls}});
  LoggingTransport logging(transport, log);

  sip::InboundMessage in;
  in.bytes = "OPTIONS sip:a SIP/2.0\r\n\r\n";
  in.local = {"127.0.0.5", 5061, sip::Transport::tls};
  in.remote = {"127.0.0.9", 40000, sip::Transport::tls};
  in.connection = 4;
  sink.on_message(std::move(in));
  std::error_code ec;
  sip::SendOptions reply_options;
  reply_options.connection = 4;
  logging.send({"127.0.0.9", 5070, sip::Transport::tls}, "SIP/2.0 200 OK\r\n\r\n", reply_options,
               ec);
  logging.send({"127.0.0.7", 5070, sip::Transport::tls}, "INVITE \xff\r\n", {}, ec);

  std::istringstream lines(out.str());
  std::string line;
  std::vector<nlohmann::json> entries;
  while (std::getline(lines, line)) entries.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0]["time"], "2024-02-03T04:05:06.789012Z");
  EXPECT_EQ(entries[0]["epoch_us"], 1706933106789012);
  EXPECT_EQ(entries[0]["direction"], "in");
  EXPECT_EQ(entries[0]["transport"], "TLS");
  EXPECT_EQ(entries[0]["local"], "127.0.0.5:5061");
  EXPECT_EQ(entries[0]["remote"], "127.0.0.9:40000");
  EXPECT_EQ(entries[0]["raw"], "OPTIONS sip:a SIP/2.0\r\n\r\n");
  EXPECT_EQ(entries[1]["direction"], "out");
  EXPECT_EQ(entries[1]["connection"], 4);
  EXPECT_EQ(entries[1]["local"], "127.0.0.5:5061");
  EXPECT_EQ(entries[1]["remote"], "127.0.0.9:40000") << "the connection's far end";
  EXPECT_EQ(entries[2]["remote"], "127.0.0.7:5070");
  EXPECT_EQ(entries[2]["raw"], "INVITE \\xFF\r\n") << "bytes that are not UTF-8 are escaped";
  EXPECT_EQ(inner.messages.size(), 1u) << "the inner sink still gets the message";
  EXPECT_EQ(transport.sent().size(), 2u) << "the inner transport still sends";
  EXPECT_EQ(log.lines(), 3u);
}

TEST(MessageLogTest, KnownConnectionsGiveTheirRealLocalEnd) {
  std::ostringstream out;
  MessageLog log(out, fixed_time);
  log.record("in", sip::Transport::tcp, {"127.0.0.5", 41234, sip::Transport::tcp},
             {"127.0.0.9", 5068, sip::Transport::tcp}, 7, "x");
  ASSERT_NE(log.connection_ends(7), nullptr);
  EXPECT_EQ(log.connection_ends(7)->local.port, 41234);
  EXPECT_EQ(log.connection_ends(7)->remote.port, 5068);
  log.forget_connection(7);
  EXPECT_EQ(log.connection_ends(7), nullptr);
  EXPECT_EQ(host_port({"::1", 5060, sip::Transport::udp}), "[::1]:5060");
}

}  // namespace
}  // namespace sipconf::simulators
