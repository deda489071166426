#pragma once

// A B2BUA on a fake transport and a fake clock, with a Front End and two gateways played by
// the tests: what every b2bua_*_test.cc drives. Header-only: test code, not library code.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/sinks/ostream_sink.h>

#include "mediation/b2bua.h"
#include "mediation/config/config_loader.h"
#include "mediation/transaction_user_slot.h"
#include "sip/base/timer_fake.h"
#include "sip/message/message_builders.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/typed_headers.h"
#include "sip/transport/transport_fake.h"

namespace sipconf::mediation::testing {

inline constexpr char kSdp[] =
    "v=0\r\no=- 1 1 IN IP4 127.0.0.2\r\ns=-\r\nc=IN IP4 127.0.0.2\r\nt=0 0\r\n"
    "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n";
inline constexpr char kAnswerSdp[] =
    "v=0\r\no=- 2 2 IN IP4 127.0.0.3\r\ns=-\r\nc=IN IP4 127.0.0.3\r\nt=0 0\r\n"
    "m=audio 50000 RTP/AVP 0\r\na=sendrecv\r\n";

/// The lab of the unit tests: mediation on 127.0.0.1 (internal TCP 5070, gw1 UDP 5068, gw2 TCP
/// 5069), Front End 127.0.0.2:5061, gw1 127.0.0.3:5066 (UDP), gw2 127.0.0.4:5066 (TCP).
inline std::string lab_config(const std::string& extra_trunk_config = {},
                              const std::string& routes = {}) {
  return R"(<mediation>
  <internal listen-address="127.0.0.1" listen-port="5070" transport="tcp"
            peer-address="127.0.0.2" peer-port="5061"/>
  <trunk name="gw1" peer="127.0.0.3" peer-port="5066" transport="udp"
         listen-address="127.0.0.1" listen-port="5068">)" +
         extra_trunk_config + R"(</trunk>
  <trunk name="gw2" peer="127.0.0.4" peer-port="5066" transport="tcp"
         listen-address="127.0.0.1" listen-port="5069"/>
  )" +
         (routes.empty() ? std::string(R"(<pstn-usage name="Local">
    <route name="us" pattern="^\+1425"><trunk name="gw1"/><trunk name="gw2"/></route>
    <route name="uk" pattern="^\+44"><trunk name="gw2"/></route>
  </pstn-usage>)")
                         : routes) +
         R"(
  <timers t1="100ms" t2="400ms" t4="500ms" timer-d="1s"/>
</mediation>)";
}

inline std::shared_ptr<const RuntimeConfig> runtime(const std::string& xml) {
  ConfigLoadOptions options;
  options.check_files = false;
  ConfigLoad loaded = parse_config(xml, "lab.xml", ".", options);
  EXPECT_TRUE(loaded.ok()) << loaded.error.to_string();
  return std::make_shared<const RuntimeConfig>(std::move(*loaded.config));
}

inline sip::Message parse(const std::string& bytes) {
  sip::ParseResult r = sip::parse_message(bytes);
  EXPECT_TRUE(r.ok()) << r.error.message() << "\n" << bytes;
  return r.message ? std::move(*r.message) : sip::Message();
}

/// One simulated party: where it sends from and where it reaches the mediation.
struct Party {
  sip::Endpoint remote;  ///< its source address as the mediation sees it
  sip::Endpoint local;   ///< the mediation's listener it sends to
  sip::ConnectionId connection = 0;
};

class B2buaFixture : public ::testing::Test {
 protected:
  void SetUp() override { build(lab_config()); }

  void build(const std::string& xml) {
    b2bua.reset();
    config = runtime(xml);
    sip::TransactionLayerConfig layer_config;
    layer_config.timers = config->config().timers;
    layer_config.seed = 42;
    layer = std::make_unique<sip::TransactionLayer>(timers, slot, layer_config);
    transport = std::make_unique<sip::FakeTransport>(
        *layer, std::vector<sip::Endpoint>{{"127.0.0.1", 5070, sip::Transport::tcp},
                                           {"127.0.0.1", 5068, sip::Transport::udp},
                                           {"127.0.0.1", 5069, sip::Transport::tcp}});
    layer->attach(*transport);
    b2bua = std::make_unique<B2bua>(*layer, *transport, config, metrics, log);
    slot.set(b2bua.get());
    seen = 0;
  }

  void TearDown() override { slot.set(nullptr); }

  void deliver(const Party& from, const std::string& bytes) {
    sip::InboundMessage m;
    m.bytes = bytes;
    m.local = from.local;
    m.remote = from.remote;
    m.connection = from.connection;
    transport->deliver(std::move(m));
  }
  void deliver(const Party& from, const sip::Message& message) {
    deliver(from, sip::serialize(message));
  }

  /// Messages sent to `address` since the last call (each parsed).
  std::vector<sip::Message> take(const std::string& address) {
    std::vector<sip::Message> out;
    const auto& sent = transport->sent();
    for (std::size_t i = 0; i < sent.size(); ++i) {
      if (sent[i].to.address != address) continue;
      if (taken[address] > i) continue;
      out.push_back(parse(sent[i].bytes));
    }
    taken[address] = sent.size();
    return out;
  }
  /// The last send toward `address`; the test fails if nothing went there.
  const sip::FakeTransport::Sent& last_sent_to(const std::string& address) const {
    const auto& sent = transport->sent();
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      if (it->to.address == address) return *it;
    }
    ADD_FAILURE() << "nothing was sent to " << address;
    static const sip::FakeTransport::Sent kNone{};
    return kNone;
  }
  /// The one message sent to `address` since the last take(), failing the test otherwise.
  sip::Message take_one(const std::string& address) {
    auto all = take(address);
    EXPECT_EQ(all.size(), 1u) << "messages to " << address << ": " << describe(all);
    return all.empty() ? sip::Message() : all.back();
  }
  static std::string describe(const std::vector<sip::Message>& all) {
    std::string out;
    for (const auto& m : all) {
      out += m.is_request() ? std::string(m.method()) : std::to_string(m.status_code());
      out += ' ';
    }
    return out;
  }
  static std::vector<int> statuses(const std::vector<sip::Message>& all) {
    std::vector<int> out;
    for (const auto& m : all) out.push_back(m.is_request() ? 0 : m.status_code());
    return out;
  }

  /// A response from a simulated UAS to `request`, with a To tag and a Contact.
  static sip::Message answer(const sip::Message& request, int status, const std::string& tag,
                             const std::string& contact, const std::string& body = {}) {
    auto r = sip::make_response(request, status, {}, status == 100 ? "" : tag);
    EXPECT_TRUE(r.ok());
    if (status > 100 && status < 300 && !contact.empty()) {
      r->append_header(sip::HeaderId::contact, contact);
    }
    if (!body.empty()) r->set_body(body, "application/sdp");
    return *r;
  }

  /// An INVITE from the Front End to `number` (Call-ID fe-<n>).
  static std::string fe_invite(const std::string& number, int n = 1, const std::string& body = kSdp,
                               const std::string& extra = {}) {
    std::string text =
        "INVITE sip:" + number +
        "@127.0.0.1:5070;user=phone SIP/2.0\r\n"
        "Via: SIP/2.0/TCP 127.0.0.2:5061;branch=z9hG4bK-fe-" +
        std::to_string(n) +
        "\r\nMax-Forwards: 70\r\n"
        "From: \"Alice\" <sip:+14255550111@lync.example;user=phone>;tag=fe-tag-" +
        std::to_string(n) + "\r\nTo: <sip:" + number + "@lync.example;user=phone>\r\nCall-ID: fe-" +
        std::to_string(n) +
        "\r\nCSeq: 10 INVITE\r\nContact: <sip:alice@127.0.0.2:5061;transport=tcp>\r\n" + extra;
    if (!body.empty()) text += "Content-Type: application/sdp\r\n";
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return text;
  }

  /// An INVITE from gw1 (UDP) to the internal side.
  static std::string gw_invite(const std::string& number, int n = 1, const std::string& body = kSdp,
                               const std::string& extra = {}) {
    std::string text = "INVITE sip:" + number +
                       "@127.0.0.1:5068;user=phone SIP/2.0\r\n"
                       "Via: SIP/2.0/UDP 127.0.0.3:5066;branch=z9hG4bK-gw-" +
                       std::to_string(n) +
                       ";rport\r\nMax-Forwards: 70\r\n"
                       "From: <sip:+18005550199@127.0.0.3;user=phone>;tag=gw-tag-" +
                       std::to_string(n) + "\r\nTo: <sip:" + number +
                       "@127.0.0.1;user=phone>\r\nCall-ID: gw-" + std::to_string(n) +
                       "\r\nCSeq: 20 INVITE\r\nContact: <sip:gw@127.0.0.3:5066>\r\n" + extra;
    if (!body.empty()) text += "Content-Type: application/sdp\r\n";
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return text;
  }

  /// An in-dialog request the peer that received `peer_dialog_request` sends back: From and
  /// To swapped from that request as received, a new branch.
  static sip::Message in_dialog(const sip::Message& received_request, const sip::Message& response,
                                const std::string& method, std::uint32_t cseq,
                                const std::string& via_host, sip::Transport transport,
                                const std::string& branch, const std::string& contact) {
    auto remote_contact = sip::contacts(received_request);
    sip::Message m = sip::Message::request(method, remote_contact->contacts.front().uri());
    sip::Via via(std::string(sip::to_string(transport)), via_host, 5066);
    if (transport == sip::Transport::tcp) via.set_port(5061);
    via.set_branch(branch);
    m.append_header(sip::HeaderId::via, via.to_string());
    m.append_header(sip::HeaderId::max_forwards, "70");
    m.append_header(sip::HeaderId::from, std::string(*response.header(sip::HeaderId::to)));
    m.append_header(sip::HeaderId::to, std::string(*received_request.header(sip::HeaderId::from)));
    m.append_header(sip::HeaderId::call_id, std::string(*sip::call_id(received_request)));
    m.append_header(sip::HeaderId::cseq, std::to_string(cseq) + " " + method);
    m.append_header(sip::HeaderId::contact, contact);
    return m;
  }

  /// A request of the caller in its own dialog (From/To as in its INVITE, To tag added).
  static sip::Message caller_request(const sip::Message& invite, const sip::Message& final_response,
                                     const std::string& method, std::uint32_t cseq,
                                     const std::string& branch) {
    sip::Message m = sip::Message::request(method, *sip::Uri::parse("sip:127.0.0.1"));
    auto contact = sip::contacts(final_response);
    if (contact && !contact->contacts.empty()) m.set_request_uri(contact->contacts.front().uri());
    auto via = *sip::top_via(invite);
    via.params().remove("received");
    via.params().remove("rport");
    via.set_branch(branch);
    m.append_header(sip::HeaderId::via, via.to_string());
    m.append_header(sip::HeaderId::max_forwards, "70");
    m.append_header(sip::HeaderId::from, std::string(*invite.header(sip::HeaderId::from)));
    m.append_header(sip::HeaderId::to, std::string(*final_response.header(sip::HeaderId::to)));
    m.append_header(sip::HeaderId::call_id, std::string(*sip::call_id(invite)));
    m.append_header(sip::HeaderId::cseq, std::to_string(cseq) + " " + method);
    return m;
  }

  std::size_t transactions() const { return layer->active_transactions(); }
  /// Runs the fake clock long enough for every transaction to end.
  void drain_timers() { timers.advance(std::chrono::seconds(40)); }

  const Party fe{
      {"127.0.0.2", 40001, sip::Transport::tcp}, {"127.0.0.1", 5070, sip::Transport::tcp}, 7};
  const Party gw1{
      {"127.0.0.3", 5066, sip::Transport::udp}, {"127.0.0.1", 5068, sip::Transport::udp}, 0};
  const Party gw2{
      {"127.0.0.4", 40002, sip::Transport::tcp}, {"127.0.0.1", 5069, sip::Transport::tcp}, 8};

  sip::FakeTimerService timers;
  TransactionUserSlot slot;
  std::unique_ptr<sip::TransactionLayer> layer;
  std::unique_ptr<sip::FakeTransport> transport;
  Metrics metrics;
  EventLog log{
      std::make_shared<spdlog::logger>("test", std::make_shared<spdlog::sinks::null_sink_mt>()),
      LogFormat::text};
  std::shared_ptr<const RuntimeConfig> config;
  std::unique_ptr<B2bua> b2bua;
  std::map<std::string, std::size_t> taken;
  std::size_t seen = 0;
};

}  // namespace sipconf::mediation::testing
