#include <gtest/gtest.h>

#include <openssl/ssl.h>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include "sip/transport/tls_peer.h"
#include "sip/transport/transport_asio.h"
#include "sip/transport/transport_error.h"
#include "sip/transport/transport_test_support.h"

#include "base/build_paths.h"

// SEC-01/SEC-02/SEC-03 and SG-01 on real sockets: mutual TLS with the test PKI of
// sip/testdata/tls (make-certs.sh).
namespace sipconf::sip {
namespace {

namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using std::chrono::milliseconds;
using testing::random_loopback;
using testing::RecordingSink;
using testing::run_for;
using testing::run_until;
using testing::sip_request;

std::string pki(const std::string& file) {
  std::string path = base::source_dir().string() + "/sip/testdata/tls/";
  path += file;
  return path;
}

TlsConfig server_tls() {
  TlsConfig tls;
  tls.ca_file = pki("ca.pem");
  tls.certificate_file = pki("server.pem");
  tls.private_key_file = pki("server.key");
  return tls;
}

TlsConfig client_tls(const std::string& stem = "client") {
  TlsConfig tls;
  tls.ca_file = pki("ca.pem");
  if (!stem.empty()) {
    tls.certificate_file = pki(stem + ".pem");
    tls.private_key_file = pki(stem + ".key");
  }
  return tls;
}

class TlsTransport : public ::testing::Test {
 protected:
  /// Server B: one TLS listener. Client A: a TCP listener (for its source address) and
  /// outbound TLS with `client`.
  void start(TlsConfig server, std::optional<TlsConfig> client) {
    TransportConfig b_config;
    b_config.listeners.push_back({Endpoint{b_ip, 0, Transport::tls}, std::move(server)});
    b_config.limits.handshake_timeout = milliseconds(2000);
    TransportConfig a_config;
    a_config.listeners.push_back({Endpoint{a_ip, 0, Transport::tcp}, std::nullopt});
    a_config.tls_client = std::move(client);
    b = std::make_unique<AsioTransport>(io, std::move(b_config), b_sink);
    a = std::make_unique<AsioTransport>(io, std::move(a_config), a_sink);
    std::string detail;
    ASSERT_FALSE(b->start(&detail)) << detail;
    ASSERT_FALSE(a->start(&detail)) << detail;
    b_end = b->local_endpoints().at(0);
  }

  /// A handshake from a raw OpenSSL client configured by `setup`; returns its result.
  boost::system::error_code raw_handshake(const std::function<void(ssl::context&)>& setup,
                                          std::string* version = nullptr) {
    ssl::context ctx(ssl::context::tls_client);
    ctx.set_verify_mode(ssl::verify_none);
    setup(ctx);
    ssl::stream<tcp::socket> stream(io, ctx);
    stream.next_layer().open(tcp::v4());
    stream.next_layer().bind(tcp::endpoint(asio::ip::make_address(a_ip), 0));
    stream.next_layer().connect(tcp::endpoint(asio::ip::make_address(b_end.address), b_end.port));
    std::optional<boost::system::error_code> result;
    stream.async_handshake(ssl::stream_base::client,
                           [&](const boost::system::error_code& ec) { result = ec; });
    run_until(io, [&] { return result.has_value(); });
    if (version && result && !*result) *version = SSL_get_version(stream.native_handle());
    return result.value_or(asio::error::timed_out);
  }

  static void use_client_certificate(ssl::context& ctx) {
    ctx.use_certificate_chain_file(pki("client.pem"));
    ctx.use_private_key_file(pki("client.key"), ssl::context::pem);
  }

  asio::io_context io;
  RecordingSink a_sink, b_sink;
  std::string a_ip = random_loopback();
  std::string b_ip = random_loopback();
  std::unique_ptr<AsioTransport> a, b;
  Endpoint b_end;
};

TEST_F(TlsTransport, MutualTlsCarriesMessagesBothWaysAndNamesThePeer) {
  start(server_tls(), client_tls());
  std::error_code ec;
  SendOptions options;
  options.server_name = "mediation.test.example";
  a->send(b_end, sip_request("mtls"), options, ec);
  ASSERT_FALSE(ec) << ec.message();
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
  const InboundMessage& in = b_sink.messages[0];
  EXPECT_EQ(in.bytes, sip_request("mtls"));
  EXPECT_EQ(in.remote.transport, Transport::tls);
  EXPECT_EQ(in.remote.address, a_ip);
  ASSERT_NE(in.tls_peer, nullptr);
  EXPECT_EQ(in.tls_peer->common_name, "gw1.test.example");
  EXPECT_EQ(in.tls_peer->dns_names, std::vector<std::string>{"gw1.test.example"});
  EXPECT_EQ(in.tls_peer->uri_names, std::vector<std::string>{"sip:gw1.test.example"});
  EXPECT_TRUE(in.tls_peer->protocol == "TLSv1.2" || in.tls_peer->protocol == "TLSv1.3")
      << in.tls_peer->protocol;
  EXPECT_TRUE(tls_peer_matches(*in.tls_peer, "GW1.test.example"));
  EXPECT_FALSE(tls_peer_matches(*in.tls_peer, "gw2.test.example"));

  SendOptions reply_on;
  reply_on.connection = in.connection;
  b->send(in.remote, "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n", reply_on, ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.messages.size() == 1; }));
  ASSERT_NE(a_sink.messages[0].tls_peer, nullptr);
  EXPECT_EQ(a_sink.messages[0].tls_peer->common_name, "mediation.test.example");
  EXPECT_EQ(b->counters().tls.messages_in, 1u);
  EXPECT_EQ(b->counters().tls.messages_out, 1u);
  EXPECT_EQ(a->counters().connections_opened, 1u);
  EXPECT_EQ(b->counters().handshake_failures, 0u);
}

// SEC-01: a TLS client without a certificate is refused by the server.
TEST_F(TlsTransport, ClientWithoutCertificateIsRefused) {
  start(server_tls(), client_tls(""));
  std::error_code ec;
  a->send(b_end, sip_request("no-cert"), {}, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return b->counters().handshake_failures == 1; }));
  run_for(io, milliseconds(50));
  EXPECT_TRUE(b_sink.messages.empty());
  EXPECT_EQ(b->counters().connections_accepted, 1u);
  EXPECT_TRUE(b->connections().empty());
}

// SEC-02: a gateway whose certificate comes from another CA is refused, even with the
// right name in it.
TEST_F(TlsTransport, ClientFromAnotherCaIsRefused) {
  start(server_tls(), client_tls("other-client"));
  std::error_code ec;
  a->send(b_end, sip_request("other-ca"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b->counters().handshake_failures == 1; }));
  run_for(io, milliseconds(50));
  EXPECT_TRUE(b_sink.messages.empty());
}

// SEC-02: with trunk names configured, only a certificate naming one of them is accepted.
TEST_F(TlsTransport, AllowedPeerNamesGateTheListener) {
  TlsConfig server = server_tls();
  server.allowed_peer_names = {"gw7.test.example"};
  start(server, client_tls());
  std::error_code ec;
  a->send(b_end, sip_request("wrong-name"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b->counters().handshake_failures == 1; }));
  run_for(io, milliseconds(50));
  EXPECT_TRUE(b_sink.messages.empty());

  TlsConfig matching = server_tls();
  matching.allowed_peer_names = {"gw7.test.example", "gw1.test.example"};
  start(matching, client_tls());
  a->send(b_end, sip_request("right-name"), {}, ec);
  ASSERT_TRUE(run_until(io, [&] { return b_sink.messages.size() == 1; }));
}

// SEC-03: TLS 1.2 is the floor. A client that can only speak TLS 1.1 reaches the server
// and is refused there; the same client allowed TLS 1.2 negotiates 1.2.
TEST_F(TlsTransport, Tls11OnlyClientIsRefusedAndTls12IsNegotiated) {
  start(server_tls(), client_tls());
  auto legacy = [](int max_version) {
    return [max_version](ssl::context& ctx) {
      use_client_certificate(ctx);
      SSL_CTX* native = ctx.native_handle();
      SSL_CTX_set_security_level(native, 0);  // let OpenSSL 3 offer TLS 1.1 at all
      SSL_CTX_set_cipher_list(native, "DEFAULT:@SECLEVEL=0");
      SSL_CTX_set_min_proto_version(native, TLS1_1_VERSION);
      SSL_CTX_set_max_proto_version(native, max_version);
    };
  };
  boost::system::error_code ec = raw_handshake(legacy(TLS1_1_VERSION));
  EXPECT_TRUE(ec);
  ASSERT_TRUE(run_until(io, [&] { return b->counters().handshake_failures == 1; }));
  EXPECT_EQ(b->counters().connections_accepted, 1u);

  std::string version;
  ec = raw_handshake(legacy(TLS1_2_VERSION), &version);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_EQ(version, "TLSv1.2");
  EXPECT_EQ(b->counters().handshake_failures, 1u);
}

// SG-01: plain TCP to the MTLS port is not SIP to us; the connection is dropped.
TEST_F(TlsTransport, PlainTcpToTheTlsPortIsDropped) {
  start(server_tls(), client_tls());
  tcp::socket s(io);
  s.open(tcp::v4());
  s.bind(tcp::endpoint(asio::ip::make_address(a_ip), 0));
  s.connect(tcp::endpoint(asio::ip::make_address(b_end.address), b_end.port));
  asio::write(s, asio::buffer(sip_request("cleartext")));
  bool closed = false;
  std::array<char, 512> sink{};
  std::function<void()> drain = [&] {
    s.async_read_some(asio::buffer(sink), [&](const boost::system::error_code& e, std::size_t) {
      if (e) {
        closed = true;
      } else {
        drain();  // the server's alert, then EOF
      }
    });
  };
  drain();
  ASSERT_TRUE(run_until(io, [&] { return closed; }));
  EXPECT_EQ(b->counters().handshake_failures, 1u);
  EXPECT_TRUE(b_sink.messages.empty());
}

TEST_F(TlsTransport, ServerNameIsCheckedByTheClient) {
  start(server_tls(), client_tls());
  std::error_code ec;
  SendOptions wrong;
  wrong.server_name = "impostor.test.example";
  SendId id = a->send(b_end, sip_request("wrong-server"), wrong, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.failures.size() == 1; }));
  EXPECT_EQ(a_sink.failures[0].send, id);
  EXPECT_EQ(a_sink.failures[0].error, TransportError::tls_handshake_failed);
  EXPECT_EQ(a->counters().handshake_failures, 1u);
  EXPECT_TRUE(b_sink.messages.empty());
}

TEST_F(TlsTransport, SilentServerTimesOutTheConnect) {
  // Accepts TCP (the kernel does) but never answers the ClientHello.
  tcp::acceptor silent(io, tcp::endpoint(asio::ip::make_address(b_ip), 0));
  TransportConfig config;
  config.listeners.push_back({Endpoint{a_ip, 0, Transport::tcp}, std::nullopt});
  config.tls_client = client_tls();
  config.limits.connect_timeout = milliseconds(150);
  a = std::make_unique<AsioTransport>(io, config, a_sink);
  ASSERT_FALSE(a->start());
  std::error_code ec;
  Endpoint to{b_ip, silent.local_endpoint().port(), Transport::tls};
  SendId id = a->send(to, sip_request("hello?"), {}, ec);
  ASSERT_FALSE(ec);
  ASSERT_TRUE(run_until(io, [&] { return a_sink.failures.size() == 1; }));
  EXPECT_EQ(a_sink.failures[0].send, id);
  EXPECT_EQ(a_sink.failures[0].error, TransportError::connect_timeout);
  EXPECT_EQ(a->counters().connect_failures, 1u);
}

TEST(TlsTransportStart, MissingCertificateFileIsReported) {
  asio::io_context io;
  RecordingSink sink;
  TransportConfig config;
  TlsConfig tls = server_tls();
  tls.certificate_file = pki("no-such.pem");
  config.listeners.push_back({Endpoint{random_loopback(), 0, Transport::tls}, tls});
  AsioTransport t(io, config, sink);
  std::string detail;
  EXPECT_EQ(t.start(&detail), TransportError::tls_config);
  EXPECT_NE(detail.find("no-such.pem"), std::string::npos) << detail;

  config.listeners[0].tls.reset();
  AsioTransport untyped(io, config, sink);
  EXPECT_EQ(untyped.start(&detail), TransportError::tls_not_configured);
}

TEST(TlsTransportStart, KeyThatDoesNotMatchIsReported) {
  asio::io_context io;
  RecordingSink sink;
  TransportConfig config;
  TlsConfig tls = server_tls();
  tls.private_key_file = pki("client.key");
  config.listeners.push_back({Endpoint{random_loopback(), 0, Transport::tls}, tls});
  AsioTransport t(io, config, sink);
  std::string detail;
  EXPECT_EQ(t.start(&detail), TransportError::tls_config);
  EXPECT_NE(detail.find("client.key"), std::string::npos) << detail;
  EXPECT_NE(detail.find("mismatch"), std::string::npos) << detail;
}

TEST(TlsTransportSend, TlsWithoutClientConfigurationIsImmediate) {
  asio::io_context io;
  RecordingSink sink;
  TransportConfig config;
  config.listeners.push_back({Endpoint{random_loopback(), 0, Transport::tcp}, std::nullopt});
  AsioTransport t(io, config, sink);
  ASSERT_FALSE(t.start());
  std::error_code ec;
  t.send(Endpoint{"127.0.0.1", 5061, Transport::tls}, "x", {}, ec);
  EXPECT_EQ(ec, TransportError::tls_not_configured);
}

}  // namespace
}  // namespace sipconf::sip
