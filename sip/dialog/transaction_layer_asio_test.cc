// The transaction layer and dialogs over real loopback sockets (AsioTransport) and real
// timers (AsioTimerService): what the mediation and sipsim run, end to end.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

#include "sip/base/timer_asio.h"
#include "sip/dialog/dialog_2xx_retransmitter.h"
#include "sip/dialog/dialog_next_hop.h"
#include "sip/dialog/dialog_table.h"
#include "sip/message/message_builders.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport_asio.h"
#include "sip/transport/transport_test_support.h"

namespace sipconf::sip {
namespace {

namespace asio = boost::asio;

/// One SIP element: real timers, a transaction layer and a transport on `address`.
class Party final : public TransactionUser {
 public:
  Party(asio::io_context& io, const std::string& address, Transport kind)
      : timers(io), layer(timers, *this), transport(io, config(address, kind), layer) {
    layer.attach(transport);
  }

  static TransportConfig config(const std::string& address, Transport kind) {
    TransportConfig c;
    c.listeners.push_back({Endpoint{address, 0, kind}, std::nullopt});
    return c;
  }

  void on_request(TransactionId tx, const Message& request, const Arrival& a) override {
    if (request_hook) request_hook(tx, request, a);
  }
  void on_ack(TransactionId, const Message& ack, const Arrival&) override {
    if (ack_hook) ack_hook(ack);
  }
  void on_cancel(TransactionId, const Message&, const Arrival&) override {}
  void on_response(TransactionId tx, const Message& response, const Arrival&) override {
    if (response_hook) response_hook(tx, response);
  }
  void on_stray_response(const Message&, const Arrival&) override {}
  void on_failure(TransactionId, TransactionFailure failure, std::error_code) override {
    failures.push_back(failure);
  }

  Endpoint endpoint() const { return transport.local_endpoints().at(0); }
  Uri contact_uri(std::string_view user) const {
    Uri uri = Uri::sip(user, endpoint().address, endpoint().port);
    if (endpoint().transport == Transport::tcp) uri.params().set("transport", "tcp");
    return uri;
  }

  AsioTimerService timers;
  TransactionLayer layer;
  AsioTransport transport;
  DialogTable dialogs;
  std::vector<TransactionFailure> failures;
  std::function<void(TransactionId, const Message&, const Arrival&)> request_hook;
  std::function<void(const Message&)> ack_hook;
  std::function<void(TransactionId, const Message&)> response_hook;
};

class LoopbackCall : public ::testing::TestWithParam<Transport> {
 protected:
  void SetUp() override {
    std::string a = testing::random_loopback();
    std::string b = testing::random_loopback();
    while (b == a) b = testing::random_loopback();
    alice.emplace(io, a, GetParam());
    bob.emplace(io, b, GetParam());
    ASSERT_FALSE(alice->transport.start());
    ASSERT_FALSE(bob->transport.start());
  }

  asio::io_context io;
  std::optional<Party> alice;
  std::optional<Party> bob;
};

TEST_P(LoopbackCall, InviteAnswerAckAndByeOverRealSockets) {
  // Bob answers INVITE with 200 and retransmits it until the ACK; he answers BYE with 200.
  Message bob_invite;
  Dialog* bob_dialog = nullptr;
  std::unique_ptr<Uas2xxRetransmitter> bob_2xx;
  bool bob_acked = false;
  bob->request_hook = [&](TransactionId tx, const Message& request, const Arrival&) {
    if (request.method() == "INVITE") {
      bob_invite = request;
      auto ok = make_response(request, 200, {}, bob->layer.ids().tag());
      ok->append_header(HeaderId::contact, NameAddr(bob->contact_uri("bob")).to_string());
      bob_dialog = &bob->dialogs.add(*Dialog::from_uas(request, *ok));
      ASSERT_FALSE(bob->layer.respond(tx, *ok));
      Message answer = *ok;
      bob_2xx = std::make_unique<Uas2xxRetransmitter>(
          bob->timers, bob->layer.config().timers,
          [&, tx, answer] { bob->layer.respond(tx, answer); }, [] {});
      bob_2xx->start();
    } else if (request.method() == "BYE") {
      Dialog* d = bob->dialogs.match_request(request);
      ASSERT_EQ(d, bob_dialog);
      ASSERT_TRUE(d->on_request(request).ok());
      auto ok = make_response(request, 200);
      ASSERT_FALSE(bob->layer.respond(tx, *ok));
      d->on_response_sent(request, *ok);
    }
  };
  bob->ack_hook = [&](const Message& ack) {
    if (bob->dialogs.match_request(ack) == bob_dialog) {
      bob_acked = true;
      bob_2xx->acknowledged();
    }
  };

  // Alice calls, ACKs the 2xx from her dialog state, then hangs up.
  Message invite = Message::request("INVITE", bob->contact_uri("bob"));
  invite.append_header(HeaderId::from, "<sip:alice@" + alice->endpoint().address +
                                           ">;tag=" + alice->layer.ids().tag());
  invite.append_header(HeaderId::to, "<sip:bob@" + bob->endpoint().address + ">");
  invite.append_header(HeaderId::call_id, alice->layer.ids().call_id());
  invite.append_header(HeaderId::cseq, "1 INVITE");
  invite.append_header(HeaderId::contact, NameAddr(alice->contact_uri("alice")).to_string());
  auto invite_tx = alice->layer.send_request(invite, bob->endpoint());
  ASSERT_TRUE(invite_tx) << invite_tx.error().message();
  const Message sent_invite = *alice->layer.request(*invite_tx);

  Dialog* alice_dialog = nullptr;
  int bye_status = 0;
  alice->response_hook = [&](TransactionId tx, const Message& response) {
    if (tx == *invite_tx && response.status_code() == 200) {
      alice_dialog = alice->dialogs.on_uac_response(sent_invite, response);
      ASSERT_NE(alice_dialog, nullptr);
      auto hop = next_hop_endpoint(alice_dialog->next_hop());
      ASSERT_TRUE(hop);
      const Message& ack = alice_dialog->ack_for(response, *alice->layer.make_via(*hop));
      ASSERT_FALSE(alice->layer.send_stateless(ack, *hop));
      Message bye = alice_dialog->make_request("BYE");
      auto bye_tx = alice->layer.send_request(bye, *hop);
      ASSERT_TRUE(bye_tx);
    } else if (response.status_code() >= 200 && cseq(response)->method == "BYE") {
      bye_status = response.status_code();
      Message bye = *alice->layer.request(tx);
      alice_dialog->on_response(bye, response);
    }
  };

  ASSERT_TRUE(testing::run_until(io, [&] { return bye_status != 0 && bob_acked; }));
  EXPECT_EQ(bye_status, 200);
  EXPECT_TRUE(alice_dialog->terminated());
  EXPECT_TRUE(bob_dialog->terminated());
  EXPECT_EQ(alice_dialog->id().remote_tag, bob_dialog->id().local_tag);
  EXPECT_EQ(alice_dialog->remote_target(), bob->contact_uri("bob"));
  EXPECT_EQ(bob_dialog->remote_target(), alice->contact_uri("alice"));
  // Bob saw where the INVITE came from in its top Via (rport filled in on UDP).
  if (GetParam() == Transport::udp) {
    EXPECT_EQ(top_via(bob_invite)->rport(), alice->endpoint().port);
  }
  EXPECT_TRUE(alice->failures.empty());
  EXPECT_TRUE(bob->failures.empty());
  EXPECT_EQ(bob->layer.counters().created[static_cast<int>(TransactionKind::server_invite)], 1u);
  EXPECT_EQ(alice->layer.counters().parse_errors + bob->layer.counters().parse_errors, 0u);
}

INSTANTIATE_TEST_SUITE_P(Transports, LoopbackCall,
                         ::testing::Values(Transport::udp, Transport::tcp),
                         [](const auto& info) { return std::string(to_string(info.param)); });

}  // namespace
}  // namespace sipconf::sip
