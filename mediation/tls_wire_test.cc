// The internal interface speaks MTLS (SEC-01): a client without a certificate, or with one
// from another CA, is refused in the handshake; one with a certificate from the configured CA
// gets its OPTIONS answered.
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "mediation/process_test_support.h"
#include "sip/message/message_parser.h"
#include "sip/transport/transport_asio.h"
#include "sip/transport/transport_test_support.h"

#include "base/build_paths.h"

namespace sipconf::mediation {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

std::string tls_file(const std::string& name) {
  return (base::source_dir() / "sip" / "testdata" / "tls" / name).string();
}

class TlsWireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto addresses = testing::loopback_addresses(2);
    mediation_ = addresses[0];
    client_ = addresses[1];
    internal_port_ = testing::free_port(mediation_);
    metrics_port_ = testing::free_port(mediation_);
    while (metrics_port_ == internal_port_) metrics_port_ = testing::free_port(mediation_);
    const std::string config =
        "<mediation>\n  <internal listen-address=\"" + mediation_ + "\" listen-port=\"" +
        std::to_string(internal_port_) + "\" transport=\"tls\" peer-address=\"" + client_ +
        "\" peer-port=\"5061\"/>\n  <tls ca=\"" + tls_file("ca.pem") + "\" certificate=\"" +
        tls_file("server.pem") + "\" key=\"" + tls_file("server.key") +
        "\"/>\n"
        "  <metrics address=\"" +
        mediation_ + "\" port=\"" + std::to_string(metrics_port_) + "\"/>\n</mediation>\n";
    process_.emplace(testing::scratch_dir("tls"), config, mediation_, metrics_port_);
    ASSERT_TRUE(process_->wait_ready()) << process_->log();
  }

  /// Sends an OPTIONS over TLS with the given client certificate (none if empty); returns the
  /// status of the answer, or 0 if the connection failed.
  int options_over_tls(const std::string& certificate, const std::string& key) {
    asio::io_context io;
    sip::testing::RecordingSink sink;
    sip::TransportConfig config;
    sip::TlsConfig tls;
    tls.ca_file = tls_file("ca.pem");
    tls.certificate_file = certificate;
    tls.private_key_file = key;
    config.tls_client = tls;
    config.listeners.push_back({sip::Endpoint{client_, 0, sip::Transport::udp}, std::nullopt});
    sip::AsioTransport transport(io, config, sink);
    EXPECT_FALSE(transport.start());
    const std::string options = "OPTIONS sip:" + mediation_ + " SIP/2.0\r\nVia: SIP/2.0/TLS " +
                                client_ +
                                ":5061;branch=z9hG4bK-tls-1\r\nMax-Forwards: 70\r\nFrom: <sip:fe@" +
                                client_ + ">;tag=t1\r\nTo: <sip:" + mediation_ +
                                ">\r\nCall-ID: tls-1\r\nCSeq: 1 OPTIONS\r\n"
                                "Content-Length: 0\r\n\r\n";
    std::error_code ec;
    sip::SendOptions send;
    send.local_address = client_;
    transport.send({mediation_, internal_port_, sip::Transport::tls}, options, send, ec);
    EXPECT_FALSE(ec) << ec.message();
    sip::testing::run_until(
        io, [&] { return !sink.messages.empty() || !sink.failures.empty(); }, 5s);
    if (sink.messages.empty()) return 0;
    auto parsed = sip::parse_message(std::string_view(sink.messages.front().bytes));
    return parsed.message ? parsed.message->status_code() : -1;
  }

  std::string mediation_, client_;
  std::uint16_t internal_port_ = 0, metrics_port_ = 0;
  std::optional<testing::MediationProcess> process_;
};

TEST_F(TlsWireTest, ClientWithoutCertificateIsRefused) {
  EXPECT_EQ(options_over_tls("", ""), 0);
  EXPECT_TRUE(process_->wait_metric("sipconf_mediation_tls_handshake_failures_total", 1));
}

TEST_F(TlsWireTest, ClientFromAnotherCaIsRefused) {
  EXPECT_EQ(options_over_tls(tls_file("other-client.pem"), tls_file("other-client.key")), 0);
  EXPECT_TRUE(process_->wait_metric("sipconf_mediation_tls_handshake_failures_total", 1));
}

TEST_F(TlsWireTest, ClientWithACertificateFromTheConfiguredCaGetsThrough) {
  EXPECT_EQ(options_over_tls(tls_file("client.pem"), tls_file("client.key")), 200);
  EXPECT_EQ(process_->metric("sipconf_mediation_tls_handshake_failures_total"), 0);
  EXPECT_EQ(
      process_->metric("sipconf_mediation_messages_total{transport=\"TLS\",direction=\"in\"}"), 1);
}

}  // namespace
}  // namespace sipconf::mediation
