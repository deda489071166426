// The RFC 4475 torture messages sent to a running mediation from a trusted gateway address,
// over UDP (one datagram each) and TCP (one connection each). Over TCP a message without its
// final empty line (baddn, as the RFC's archive has it) or whose Content-Length the bytes do
// not match (clerr, ncl, mcl01, inv2543, the tail of dblreq) gets no answer, and the
// connection closes once the peer ends its side. Every message
// must get the answer sip/testdata/rfc4475/README.md calls for, as an endpoint that forwards
// INVITEs: malformed requests 400/505, responses dropped, unknown schemes 416, unknown methods 501,
// REGISTER and MESSAGE 405, valid INVITEs forwarded to the Front End (which answers 480
// here; wsinv carries a To tag, so it names a dialog that does not exist: 481). Afterwards the
// mediation still answers OPTIONS and holds no state.
#include <sys/socket.h>

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>

#include "mediation/process_test_support.h"
#include "sip/base/timer_asio.h"
#include "sip/message/message_builders.h"
#include "sip/message/rfc4475_corpus.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport_asio.h"

namespace sipconf::mediation {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;
using testing::free_port;
using testing::loopback_addresses;

/// What a message must get: the final statuses in order, or nothing (dropped, or for TCP
/// the connection closed without an answer), and how many INVITEs it makes reach the Front
/// End over TCP when that differs from the 480s seen (dblreq: the stream breaks after the
/// INVITE's body, so its answer cannot come back).
struct Expected {
  std::vector<int> udp;
  std::vector<int> tcp;
  int tcp_forwarded = -1;  ///< -1: as many as the 480s in `tcp`
};

constexpr int kForwarded = 480;  // what the Front End below answers every INVITE with

const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table = {
      {"badaspec", {{400}, {400}}},
      {"badbranch", {{400}, {400}}},
      {"baddate", {{400}, {400}}},
      {"baddn", {{400}, {}}},
      {"badinv01", {{400}, {400}}},
      {"badvers", {{505}, {505}}},
      {"bcast", {{}, {}}},
      {"bext01", {{420}, {420}}},
      {"bigcode", {{}, {}}},
      {"clerr", {{400}, {}}},
      {"cparam01", {{405}, {405}}},
      {"cparam02", {{405}, {405}}},
      {"dblreq", {{405}, {405}, 1}},
      {"esc01", {{kForwarded}, {kForwarded}}},
      {"esc02", {{501}, {501}}},
      {"escnull", {{405}, {405}}},
      {"escruri", {{400}, {400}}},
      {"insuf", {{400}, {400}}},
      {"intmeth", {{501}, {501}}},
      {"inv2543", {{kForwarded}, {}}},
      {"invut", {{415}, {415}}},
      {"longreq", {{kForwarded}, {kForwarded}}},
      {"ltgtruri", {{400}, {400}}},
      {"lwsdisp", {{200}, {200}}},
      {"lwsruri", {{400}, {400}}},
      {"lwsstart", {{400}, {400}}},
      {"mcl01", {{400}, {}}},
      {"mismatch01", {{400}, {400}}},
      {"mismatch02", {{501}, {501}}},
      {"mpart01", {{405}, {405}}},
      {"multi01", {{400}, {400}}},
      {"ncl", {{400}, {}}},
      {"noreason", {{}, {}}},
      {"novelsc", {{416}, {416}}},
      {"quotbal", {{400}, {400}}},
      {"regaut01", {{405}, {405}}},
      {"regbadct", {{400}, {400}}},
      {"regescrt", {{405}, {405}}},
      {"scalar02", {{400}, {400}}},
      {"scalarlg", {{}, {}}},
      {"sdp01", {{406}, {406}}},
      {"semiuri", {{200}, {200}}},
      {"test", {{400}, {400}}},
      {"transports", {{200}, {200}}},
      {"trws", {{400}, {400}}},
      {"unkscm", {{416}, {416}}},
      {"unksm2", {{405}, {405}}},
      {"unreason", {{}, {}}},
      {"wsinv", {{481}, {481}}},
      {"zeromf", {{200}, {200}}},
  };
  return table;
}

/// A Front End on its own thread: answers every INVITE 480 and counts them.
class FrontEnd final : public sip::TransactionUser {
 public:
  FrontEnd(const std::string& address, std::uint16_t port)
      : timers_(io_), layer_(timers_, *this), transport_(io_, config(address, port), layer_) {
    layer_.attach(transport_);
    started_ = !transport_.start();
    thread_ = std::thread([this] {
      auto guard = asio::make_work_guard(io_);
      io_.run();
    });
  }
  ~FrontEnd() override {
    asio::post(io_, [this] {
      transport_.stop();
      io_.stop();
    });
    thread_.join();
  }
  bool started() const { return started_; }
  int invites() const { return invites_; }

  void on_request(sip::TransactionId tx, const sip::Message& request,
                  const sip::Arrival&) override {
    if (request.method() == "INVITE") {
      ++invites_;
      layer_.respond(tx, kForwarded, "Temporarily Unavailable", "fe-tag");
    } else {
      layer_.respond(tx, 200);
    }
  }
  void on_ack(sip::TransactionId, const sip::Message&, const sip::Arrival&) override {}
  void on_cancel(sip::TransactionId, const sip::Message&, const sip::Arrival&) override {}
  void on_response(sip::TransactionId, const sip::Message&, const sip::Arrival&) override {}
  void on_stray_response(const sip::Message&, const sip::Arrival&) override {}
  void on_failure(sip::TransactionId, sip::TransactionFailure, std::error_code) override {}

 private:
  static sip::TransportConfig config(const std::string& address, std::uint16_t port) {
    sip::TransportConfig c;
    c.listeners.push_back({sip::Endpoint{address, port, sip::Transport::tcp}, std::nullopt});
    return c;
  }

  asio::io_context io_;
  sip::AsioTimerService timers_;
  sip::TransactionLayer layer_;
  sip::AsioTransport transport_;
  std::thread thread_;
  bool started_ = false;
  std::atomic<int> invites_{0};
};

/// The final statuses among `responses` that belong to the message with `call_id` (every
/// response when nullopt; responses without a Call-ID when empty), retransmissions once.
std::vector<int> finals(const std::vector<std::string>& responses,
                        const std::optional<std::string>& call_id) {
  std::vector<int> out;
  std::vector<std::string> seen;
  for (const std::string& bytes : responses) {
    if (std::find(seen.begin(), seen.end(), bytes) != seen.end()) continue;
    seen.push_back(bytes);
    // Lenient: an answer to a malformed request echoes its malformed From/To (RFC 3261
    // §8.2.6.2 copies them); only the status line and Call-ID matter here.
    auto parsed = sip::parse_message(std::string_view(bytes), {sip::ParseMode::lenient});
    EXPECT_TRUE(parsed.message) << "not a response at all:\n" << bytes;
    if (!parsed.message || parsed.message->status_code() < 200) continue;
    const std::string id(parsed.message->header(sip::HeaderId::call_id).value_or(""));
    if (call_id && id != *call_id) continue;
    out.push_back(parsed.message->status_code());
  }
  return out;
}

std::string call_id_of(const std::string& bytes) {
  auto parsed = sip::parse_message(std::string_view(bytes), {sip::ParseMode::lenient});
  if (!parsed.message) return {};
  return std::string(parsed.message->header(sip::HeaderId::call_id).value_or(""));
}

class Rfc4475WireTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The sender binds the ports the corpus Vias name (5060, and 5050 for quotbal) on its own
    // random loopback address: responses over UDP go to the sent-by port (RFC 3261 §18.2.2).
    for (int attempt = 0; attempt < 20 && !udp_5060_; ++attempt) {
      const auto addresses = loopback_addresses(3);
      boost::system::error_code a, b;
      asio::ip::udp::socket s5060(io_), s5050(io_);
      s5060.open(asio::ip::udp::v4());
      s5050.open(asio::ip::udp::v4());
      s5060.bind({asio::ip::make_address(addresses[0]), 5060}, a);
      s5050.bind({asio::ip::make_address(addresses[0]), 5050}, b);
      if (a || b) continue;
      sender_ = addresses[0];
      mediation_ = addresses[1];
      fe_ = addresses[2];
      udp_5060_.emplace(std::move(s5060));
      udp_5050_.emplace(std::move(s5050));
    }
    ASSERT_TRUE(udp_5060_) << "no loopback address with ports 5060 and 5050 free";
    for (auto* s : {&*udp_5060_, &*udp_5050_}) s->non_blocking(true);
    internal_port_ = free_port(mediation_);
    udp_port_ = free_port(mediation_);
    tcp_port_ = free_port(mediation_);
    metrics_port_ = free_port(mediation_);
    fe_port_ = free_port(fe_);
    front_end_.emplace(fe_, fe_port_);
    ASSERT_TRUE(front_end_->started());
    dir_ = testing::scratch_dir("rfc4475");
    const std::string config = "<mediation>\n  <internal listen-address=\"" + mediation_ +
                               "\" listen-port=\"" + std::to_string(internal_port_) +
                               "\" transport=\"tcp\" peer-address=\"" + fe_ + "\" peer-port=\"" +
                               std::to_string(fe_port_) +
                               "\"/>\n"
                               "  <trunk name=\"torture-udp\" peer=\"" +
                               sender_ +
                               "\" peer-port=\"5060\" transport=\"udp\" "
                               "listen-address=\"" +
                               mediation_ + "\" listen-port=\"" + std::to_string(udp_port_) +
                               "\"/>\n"
                               "  <trunk name=\"torture-tcp\" peer=\"" +
                               sender_ +
                               "\" peer-port=\"5060\" transport=\"tcp\" "
                               "listen-address=\"" +
                               mediation_ + "\" listen-port=\"" + std::to_string(tcp_port_) +
                               "\"/>\n"
                               "  <metrics address=\"" +
                               mediation_ + "\" port=\"" + std::to_string(metrics_port_) +
                               "\"/>\n"
                               "  <timers t1=\"10ms\" t2=\"40ms\" t4=\"50ms\" timer-d=\"100ms\"/>\n"
                               "  <log level=\"debug\"/>\n</mediation>\n";
    mediation_process_.emplace(dir_, config, mediation_, metrics_port_);
    ASSERT_TRUE(mediation_process_->wait_ready()) << mediation_process_->log();
  }

  void TearDown() override {
    if (HasFailure() && mediation_process_) std::cerr << mediation_process_->log();
  }

  /// Sends one datagram and gathers what comes back on 5060 and 5050 until `expected` final
  /// responses arrived (then a short grace for extras) or the time is up.
  /// Many corpus messages share a branch and sent-by (z9hG4bKkdjuw...): sent while the first
  /// one's transaction lives, the second is its retransmission (RFC 3261 §17.2.3). So each
  /// message waits for the previous transactions to end (short timers keep that brief).
  void wait_idle() {
    EXPECT_TRUE(mediation_process_->wait_metric("sipconf_mediation_active_transactions", 0, 5s));
  }

  std::vector<std::string> exchange_udp(const std::string& bytes, std::size_t expected) {
    wait_idle();
    const asio::ip::udp::endpoint to(asio::ip::make_address(mediation_), udp_port_);
    udp_5060_->send_to(asio::buffer(bytes), to);
    std::vector<std::string> got;
    const auto quiet = expected == 0 ? 600ms : 3000ms;
    auto deadline = std::chrono::steady_clock::now() + quiet;
    const std::string id = call_id_of(bytes);
    bool done = false;
    while (std::chrono::steady_clock::now() < deadline) {
      bool any = false;
      for (auto* s : {&*udp_5060_, &*udp_5050_}) {
        char buffer[65536];
        boost::system::error_code ec;
        const std::size_t n = s->receive(asio::buffer(buffer), 0, ec);
        if (!ec) {
          got.emplace_back(buffer, n);
          any = true;
        }
      }
      if (!done && expected != 0 && finals(got, id).size() >= expected) {
        done = true;
        deadline = std::chrono::steady_clock::now() + 150ms;
      }
      if (!any) std::this_thread::sleep_for(5ms);
    }
    return got;
  }

  /// Sends one message on a new TCP connection and gathers the responses. When none is
  /// expected, half-closes and expects the mediation to close without answering.
  std::vector<std::string> exchange_tcp(const std::string& bytes, std::size_t expected,
                                        bool& closed) {
    wait_idle();
    asio::ip::tcp::socket socket(io_);
    socket.open(asio::ip::tcp::v4());
    socket.bind({asio::ip::make_address(sender_), 0});
    socket.connect({asio::ip::make_address(mediation_), tcp_port_});
    asio::write(socket, asio::buffer(bytes));
    if (expected == 0) socket.shutdown(asio::ip::tcp::socket::shutdown_send);
    socket.non_blocking(true);
    std::string stream;
    closed = false;
    const auto deadline = std::chrono::steady_clock::now() + 3000ms;
    std::vector<std::string> got;
    while (std::chrono::steady_clock::now() < deadline && !closed) {
      char buffer[65536];
      boost::system::error_code ec;
      const std::size_t n = socket.read_some(asio::buffer(buffer), ec);
      if (ec == asio::error::would_block) {
        std::this_thread::sleep_for(5ms);
        continue;
      }
      if (ec) {
        closed = true;
        break;
      }
      stream.append(buffer, n);
      got = split_stream(stream);
      if (expected != 0 && finals(got, std::nullopt).size() >= expected) break;
    }
    return split_stream(stream);
  }

  /// Cuts a response stream at Content-Length.
  static std::vector<std::string> split_stream(const std::string& stream) {
    std::vector<std::string> out;
    std::size_t at = 0;
    while (at < stream.size()) {
      const std::size_t end = stream.find("\r\n\r\n", at);
      if (end == std::string::npos) break;
      std::size_t length = 0;
      auto parsed = sip::parse_message(std::string_view(stream).substr(at, end + 4 - at),
                                       {sip::ParseMode::lenient});
      if (parsed.message) length = sip::content_length(*parsed.message).value_or(0);
      if (end + 4 + length > stream.size()) break;
      out.push_back(stream.substr(at, end + 4 + length - at));
      at = end + 4 + length;
    }
    return out;
  }

  std::string options_probe(int n) const {
    return "OPTIONS sip:" + mediation_ + " SIP/2.0\r\nVia: SIP/2.0/UDP " + sender_ +
           ":5060;branch=z9hG4bK-probe-" + std::to_string(n) +
           "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@" + sender_ + ">;tag=p" + std::to_string(n) +
           "\r\nTo: <sip:" + mediation_ + ">\r\nCall-ID: probe-" + std::to_string(n) + "@" +
           sender_ + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
  }

  asio::io_context io_;
  std::string sender_, mediation_, fe_;
  std::optional<asio::ip::udp::socket> udp_5060_, udp_5050_;
  std::uint16_t internal_port_ = 0, udp_port_ = 0, tcp_port_ = 0, metrics_port_ = 0, fe_port_ = 0;
  std::optional<FrontEnd> front_end_;
  testing::fs::path dir_;
  std::optional<testing::MediationProcess> mediation_process_;
};

TEST_F(Rfc4475WireTest, EveryTortureMessageGetsItsAnswerOverUdpAndTcp) {
  const auto corpus = sip::testing::rfc4475_messages();
  ASSERT_EQ(corpus.size(), expectations().size());
  int forwarded_udp = 0;
  for (const auto& m : corpus) {
    const Expected& e = expectations().at(m.name);
    const auto got = exchange_udp(m.bytes, e.udp.size());
    EXPECT_EQ(finals(got, call_id_of(m.bytes)), e.udp) << "UDP " << m.name;
    forwarded_udp += static_cast<int>(std::count(e.udp.begin(), e.udp.end(), kForwarded));
  }
  EXPECT_EQ(front_end_->invites(), forwarded_udp) << "only the valid INVITEs reach the Front End";

  int forwarded_tcp = 0;
  for (const auto& m : corpus) {
    const Expected& e = expectations().at(m.name);
    bool closed = false;
    const auto got = exchange_tcp(m.bytes, e.tcp.size(), closed);
    EXPECT_EQ(finals(got, std::nullopt), e.tcp) << "TCP " << m.name;
    if (e.tcp.empty()) {
      EXPECT_TRUE(closed) << "TCP " << m.name << ": connection not closed";
    }
    forwarded_tcp += e.tcp_forwarded >= 0
                         ? e.tcp_forwarded
                         : static_cast<int>(std::count(e.tcp.begin(), e.tcp.end(), kForwarded));
  }
  EXPECT_EQ(front_end_->invites(), forwarded_udp + forwarded_tcp);

  // Still serving, and nothing left behind once the transactions have run their course.
  EXPECT_EQ(finals(exchange_udp(options_probe(1), 1), "probe-1@" + sender_), std::vector<int>{200});
  bool closed = false;
  EXPECT_EQ(finals(exchange_tcp(options_probe(2), 1, closed), std::nullopt), std::vector<int>{200});
  auto& mediation = *mediation_process_;
  EXPECT_TRUE(mediation.process().running());
  EXPECT_EQ(mediation.metric("sipconf_mediation_active_calls"), 0);
  EXPECT_EQ(mediation.metric("sipconf_mediation_active_dialogs"), 0);
  EXPECT_TRUE(mediation.wait_metric("sipconf_mediation_active_transactions", 0, 15s));
  EXPECT_GE(mediation.metric("sipconf_mediation_parse_errors_total"), 20);
  EXPECT_GE(mediation.metric("sipconf_mediation_dropped_messages_total"), 2)
      << "bigcode and scalarlg are malformed responses";
}

}  // namespace
}  // namespace sipconf::mediation
