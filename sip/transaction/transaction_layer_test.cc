#include "sip/transaction/transaction_layer.h"

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sip/base/timer_fake.h"
#include "sip/message/message_builders.h"
#include "sip/message/message_writer.h"
#include "sip/message/rfc4475_corpus.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_error.h"
#include "sip/transaction/transaction_test_support.h"
#include "sip/transport/transport_error.h"
#include "sip/transport/transport_fake.h"

namespace sipconf::sip {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using transaction_testing::parse_or_die;

const Endpoint kPeerUdp{"127.0.0.31", 40000, Transport::udp};
const Endpoint kPeerTcp{"127.0.0.31", 41000, Transport::tcp};
const Endpoint kLocalUdp{"127.0.0.30", 5060, Transport::udp};
const Endpoint kLocalTcp{"127.0.0.30", 5060, Transport::tcp};

/// Records what the layer tells its user as short strings ("request 1 INVITE").
class RecordingUser final : public TransactionUser {
 public:
  void on_request(TransactionId tx, const Message& request, const Arrival& arrival) override {
    log.push_back("request " + std::to_string(tx) + " " + std::string(request.method()));
    requests.push_back(request);
    arrivals.push_back(arrival);
    if (on_request_hook) on_request_hook(tx, request);
  }
  void on_ack(TransactionId tx, const Message& ack, const Arrival&) override {
    log.push_back("ack " + std::to_string(tx));
    acks.push_back(ack);
  }
  void on_cancel(TransactionId tx, const Message&, const Arrival&) override {
    log.push_back("cancel " + std::to_string(tx));
  }
  void on_response(TransactionId tx, const Message& response, const Arrival&) override {
    log.push_back("response " + std::to_string(tx) + " " + std::to_string(response.status_code()));
  }
  void on_stray_response(const Message& response, const Arrival&) override {
    log.push_back("stray " + std::to_string(response.status_code()));
  }
  void on_failure(TransactionId tx, TransactionFailure failure, std::error_code) override {
    log.push_back("failure " + std::to_string(tx) + " " + std::string(to_string(failure)));
  }
  void on_transaction_terminated(TransactionId tx) override {
    log.push_back("terminated " + std::to_string(tx));
  }

  std::vector<std::string> log;
  std::vector<Message> requests;
  std::vector<Message> acks;
  std::vector<Arrival> arrivals;
  std::function<void(TransactionId, const Message&)> on_request_hook;
};

/// A request from the peer at 127.0.0.31 (sent-by port 5070, source port 40000 on UDP).
std::string peer_request(std::string_view method, std::string_view branch,
                         std::string_view via_params = ";rport", std::string_view to_tag = "",
                         std::string_view transport = "UDP") {
  std::string cseq_method(method == "ACK" ? "INVITE" : method);
  if (method == "ACK" || method == "CANCEL") cseq_method = method;
  std::string s = std::string(method) + " sip:bob@127.0.0.30 SIP/2.0\r\n";
  s += "Via: SIP/2.0/" + std::string(transport) + " 127.0.0.31:5070;branch=" + std::string(branch) +
       std::string(via_params) + "\r\n";
  s += "Max-Forwards: 70\r\nFrom: \"Alice\" <sip:alice@127.0.0.31>;tag=a1\r\n";
  s += "To: <sip:bob@127.0.0.30>" + (to_tag.empty() ? "" : ";tag=" + std::string(to_tag)) + "\r\n";
  s += "Call-ID: layer-test@127.0.0.31\r\nCSeq: 1 " + cseq_method + "\r\n";
  s += "Contact: <sip:alice@127.0.0.31:5070>\r\nContent-Length: 0\r\n\r\n";
  return s;
}

Message outgoing_request(std::string_view method) {
  Message m = Message::request(method, *Uri::parse("sip:carol@127.0.0.31:5070"));
  m.append_header(HeaderId::from, "<sip:bob@127.0.0.30>;tag=b1");
  m.append_header(HeaderId::to, "<sip:carol@127.0.0.31>");
  m.append_header(HeaderId::call_id, "out-1@127.0.0.30");
  m.append_header(HeaderId::cseq, "1 " + std::string(method));
  return m;
}

class LayerTest : public ::testing::Test {
 protected:
  LayerTest() { layer_.attach(transport_); }

  static TransactionLayerConfig config() {
    TransactionLayerConfig c;
    c.seed = 1234;
    return c;
  }

  void deliver(std::string bytes, const Endpoint& from = kPeerUdp, ConnectionId connection = 0) {
    InboundMessage m;
    m.bytes = std::move(bytes);
    m.local = from.transport == Transport::udp ? kLocalUdp : kLocalTcp;
    m.remote = from;
    m.connection = connection;
    m.received_at = timers_.now();
    transport_.deliver(std::move(m));
  }

  /// A response from the peer to the request we sent as sends()[index].
  void answer(std::size_t index, int status, std::string_view to_tag = "c1") {
    Message sent = parse_or_die(transport_.sent().at(index).bytes);
    auto r = make_response(sent, status, {}, status == 100 ? "" : to_tag);
    deliver(serialize(*r));
  }

  Message sent(std::size_t index) const { return parse_or_die(transport_.sent().at(index).bytes); }
  std::vector<int> sent_statuses() const {
    std::vector<int> out;
    for (const auto& s : transport_.sent()) out.push_back(parse_or_die(s.bytes).status_code());
    return out;
  }

  FakeTimerService timers_;
  RecordingUser user_;
  TransactionLayer layer_{timers_, user_, config()};
  FakeTransport transport_{layer_, {kLocalUdp, kLocalTcp}};
};

TEST_F(LayerTest, InviteOverUdpGetsTryingRetransmissionsAbsorbedAndIsCleanedUp) {
  deliver(peer_request("INVITE", "z9hG4bKinv1"));
  ASSERT_THAT(user_.log, ElementsAre("request 1 INVITE"));
  // The TU sees received/rport filled in (RFC 3581).
  auto via = top_via(user_.requests[0]);
  EXPECT_EQ(via->rport(), 40000);
  EXPECT_EQ(via->received(), "127.0.0.31");
  // 100 Trying at once, back to the source port because of rport.
  ASSERT_EQ(transport_.sent().size(), 1u);
  EXPECT_EQ(sent(0).status_code(), 100);
  EXPECT_EQ(transport_.sent()[0].to, kPeerUdp);
  EXPECT_EQ(transport_.sent()[0].options.local_address, "127.0.0.30");

  deliver(peer_request("INVITE", "z9hG4bKinv1"));  // retransmission: 100 again, no TU
  EXPECT_EQ(user_.log.size(), 1u);
  ASSERT_FALSE(layer_.respond(1, 486, {}, "b2"));
  EXPECT_THAT(sent_statuses(), ElementsAre(100, 100, 486));
  EXPECT_EQ(to(sent(2))->tag(), "b2");
  deliver(peer_request("ACK", "z9hG4bKinv1", ";rport", "b2"));  // ACK for non-2xx: absorbed
  EXPECT_EQ(user_.log.size(), 1u);
  EXPECT_EQ(layer_.state_name(1), "Confirmed");
  deliver(peer_request("ACK", "z9hG4bKinv1", ";rport", "b2"));  // ACK again: absorbed
  EXPECT_EQ(user_.log.size(), 1u);
  EXPECT_EQ(layer_.active_transactions(TransactionKind::server_invite), 1u);
  timers_.advance(milliseconds(5000));  // Timer I
  EXPECT_THAT(user_.log, ElementsAre("request 1 INVITE", "terminated 1"));
  EXPECT_EQ(layer_.active_transactions(), 0u);
  EXPECT_EQ(layer_.counters().created[0 + 2], 1u);
  EXPECT_EQ(layer_.counters().retransmissions_sent, 1u);
  EXPECT_EQ(layer_.counters().retransmissions_absorbed, 1u);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(LayerTest, WithoutRportResponsesGoToTheSentByPort) {
  deliver(peer_request("OPTIONS", "z9hG4bKopt", ""));
  ASSERT_FALSE(layer_.respond(1, 200));
  EXPECT_EQ(transport_.sent()[0].to, (Endpoint{"127.0.0.31", 5070, Transport::udp}));
}

TEST_F(LayerTest, StreamResponsesGoBackOnTheConnection) {
  deliver(peer_request("OPTIONS", "z9hG4bKtcp", "", "", "TCP"), kPeerTcp, 77);
  ASSERT_FALSE(layer_.respond(1, 200));
  EXPECT_EQ(transport_.sent()[0].options.connection, 77u);
  EXPECT_EQ(transport_.sent()[0].to, (Endpoint{"127.0.0.31", 5070, Transport::tcp}));
  EXPECT_EQ(layer_.active_transactions(), 0u);  // Timer J is zero on TCP
}

TEST_F(LayerTest, MalformedRequestsGetTheParsersResponseStatelessly) {
  deliver(testing::rfc4475_message("badvers"));
  ASSERT_EQ(transport_.sent().size(), 1u);
  EXPECT_EQ(sent(0).status_code(), 505);
  EXPECT_THAT(user_.log, IsEmpty());
  EXPECT_EQ(layer_.counters().parse_errors, 1u);
  EXPECT_EQ(layer_.counters().bad_requests_answered, 1u);
  EXPECT_EQ(layer_.active_transactions(), 0u);
}

TEST_F(LayerTest, RequestsMissingMandatoryHeadersGet400) {
  deliver(testing::rfc4475_message("insuf"));
  ASSERT_EQ(transport_.sent().size(), 1u);
  EXPECT_EQ(sent(0).status_code(), 400);
  EXPECT_THAT(user_.log, IsEmpty());
}

TEST_F(LayerTest, RequestsWithAnUnusableViaAreAnsweredWhereTheyCameFrom) {
  deliver(testing::rfc4475_message("badinv01"));
  deliver(testing::rfc4475_message("badinv01"), kPeerTcp, 78);
  ASSERT_EQ(transport_.sent().size(), 2u);
  // The 400 is well-formed: the Via comes back as the lenient parser repairs it.
  EXPECT_EQ(sent(0).status_code(), 400);
  EXPECT_EQ(*sent(0).header(HeaderId::via), "SIP/2.0/UDP 192.0.2.15");
  // A broken Via is no guide: the answer goes back to the source address and port.
  EXPECT_EQ(transport_.sent()[0].to, kPeerUdp);
  EXPECT_EQ(transport_.sent()[0].options.local_address, "127.0.0.30");
  EXPECT_EQ(transport_.sent()[1].options.connection, 78u);
  EXPECT_EQ(layer_.counters().bad_requests_answered, 2u);
  EXPECT_THAT(user_.log, IsEmpty());
}

TEST_F(LayerTest, MalformedResponsesAreDroppedAndCounted) {
  deliver(testing::rfc4475_message("bigcode"));
  deliver(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.30;branch=z9hG4bKx\r\nContent-Length: 0\r\n\r\n");
  EXPECT_THAT(transport_.sent(), IsEmpty());
  EXPECT_THAT(user_.log, IsEmpty());
  EXPECT_EQ(layer_.counters().malformed_dropped, 2u);
  EXPECT_EQ(layer_.counters().parse_errors, 2u);
}

TEST_F(LayerTest, Rfc2543InviteIsMatchedWithoutBranch) {
  const std::string invite = testing::rfc4475_message("inv2543");
  deliver(invite);
  ASSERT_THAT(user_.log, ElementsAre("request 1 INVITE"));
  EXPECT_EQ(top_via(user_.requests[0])->received(), "127.0.0.31");  // sent-by is a name
  // No rport: the 100 goes to the received address and the default port.
  EXPECT_EQ(transport_.sent()[0].to, (Endpoint{"127.0.0.31", 5060, Transport::udp}));
  deliver(invite);  // retransmission
  EXPECT_EQ(user_.log.size(), 1u);
  EXPECT_THAT(sent_statuses(), ElementsAre(100, 100));
  ASSERT_FALSE(layer_.respond(1, 404, {}, "t404"));
  // The RFC 2543 ACK: same Request-URI, Via, From, Call-ID and CSeq number; the To tag of
  // the 404. An ACK with another To tag belongs to nothing and goes to the TU.
  Message ack = parse_or_die(invite);
  ack.set_method("ACK");
  ack.set_header(HeaderId::cseq, "56 ACK");
  ack.set_header(HeaderId::to, "sip:+16505552222@ss1.example.net;user=phone;tag=other");
  ack.set_body("");
  deliver(serialize(ack));
  EXPECT_THAT(user_.log, ElementsAre("request 1 INVITE", "ack 0"));
  ack.set_header(HeaderId::to, "sip:+16505552222@ss1.example.net;user=phone;tag=t404");
  deliver(serialize(ack));
  EXPECT_EQ(layer_.state_name(1), "Confirmed");
  EXPECT_EQ(user_.log.size(), 2u);
}

TEST_F(LayerTest, ClientInvitePasses2xxRetransmissionsThenTreatsThemAsStray) {
  auto id = layer_.send_request(outgoing_request("INVITE"), kPeerUdp);
  ASSERT_TRUE(id) << id.error().message();
  Message invite = sent(0);
  auto via = top_via(invite);
  EXPECT_EQ(via->host(), "127.0.0.30");
  EXPECT_EQ(via->port(), 5060);
  EXPECT_EQ(via->transport(), "UDP");
  EXPECT_TRUE(via->has_rfc3261_branch());
  EXPECT_TRUE(via->has_rport());
  EXPECT_EQ(max_forwards(invite).value_or(0), 70u);
  EXPECT_EQ(transport_.sent()[0].to, kPeerUdp);

  answer(0, 180);
  answer(0, 200);
  answer(0, 200);  // retransmission: the TU must see it to re-ACK
  EXPECT_THAT(user_.log, ElementsAre("response 1 180", "response 1 200", "response 1 200"));
  timers_.advance(milliseconds(32000));  // Timer M
  EXPECT_EQ(layer_.active_transactions(), 0u);
  answer(0, 200);
  EXPECT_EQ(user_.log.back(), "stray 200");
  EXPECT_EQ(layer_.counters().stray_responses, 1u);

  // The TU's ACK for the 2xx goes out statelessly with a branch of its own.
  Message ack = outgoing_request("ACK");
  ack.set_header(HeaderId::cseq, "1 ACK");
  ASSERT_FALSE(layer_.send_stateless(ack, kPeerUdp));
  auto ack_via = top_via(sent(transport_.sent().size() - 1));
  EXPECT_NE(ack_via->branch(), via->branch());
}

TEST_F(LayerTest, ClientNonInviteTimesOutAndIsRemoved) {
  auto id = layer_.send_request(outgoing_request("OPTIONS"), kPeerUdp);
  ASSERT_TRUE(id);
  timers_.advance(milliseconds(32000));
  EXPECT_THAT(user_.log, ElementsAre("failure 1 timeout", "terminated 1"));
  EXPECT_EQ(transport_.sent().size(), 11u);  // 0, 500, 1500, ... 31500
  EXPECT_EQ(layer_.counters().timeouts, 1u);
  EXPECT_EQ(layer_.counters().retransmissions_sent, 10u);
  EXPECT_EQ(layer_.active_transactions(), 0u);
  EXPECT_EQ(layer_.request(*id), nullptr);
}

TEST_F(LayerTest, LateTransportFailureReachesTheTransaction) {
  auto id = layer_.send_request(outgoing_request("INVITE"), kPeerTcp);
  ASSERT_TRUE(id);
  transport_.fail(transport_.sent()[0].id, make_error_code(TransportError::connect_timeout));
  EXPECT_THAT(user_.log, ElementsAre("failure 1 transport_error", "terminated 1"));
  EXPECT_EQ(failure_status(TransactionFailure::transport_error), 503);
  EXPECT_EQ(layer_.counters().transport_errors, 1u);
  EXPECT_EQ(layer_.active_transactions(), 0u);
}

TEST_F(LayerTest, ImmediateSendFailureIsReturnedAndNothingIsLeft) {
  transport_.fail_next_send(std::make_error_code(std::errc::network_unreachable));
  auto id = layer_.send_request(outgoing_request("OPTIONS"), kPeerUdp);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error(), std::errc::network_unreachable);
  EXPECT_THAT(user_.log, IsEmpty());
  EXPECT_EQ(layer_.active_transactions(), 0u);
  EXPECT_EQ(timers_.pending(), 0u);
}

TEST_F(LayerTest, CancelOfAPendingInviteIsAnsweredAndReported) {
  deliver(peer_request("INVITE", "z9hG4bKc1"));
  ASSERT_FALSE(layer_.respond(1, 180, {}, "r1"));
  deliver(peer_request("CANCEL", "z9hG4bKc1"));
  EXPECT_THAT(user_.log, ElementsAre("request 1 INVITE", "cancel 1"));
  Message ok = sent(2);
  EXPECT_EQ(ok.status_code(), 200);
  EXPECT_EQ(cseq(ok)->method, "CANCEL");
  EXPECT_EQ(to(ok)->tag(), "r1");  // the To tag of the INVITE's responses (§9.2)
  ASSERT_FALSE(layer_.respond(1, 487, {}, "r1"));
  deliver(peer_request("ACK", "z9hG4bKc1", ";rport", "r1"));
  timers_.advance(milliseconds(40000));
  EXPECT_EQ(layer_.active_transactions(), 0u);
  // The CANCEL's own transaction never reached the TU.
  EXPECT_THAT(user_.log, ElementsAre("request 1 INVITE", "cancel 1", "terminated 1"));
}

TEST_F(LayerTest, CancelMatchingNothingGets481) {
  deliver(peer_request("CANCEL", "z9hG4bKnone"));
  ASSERT_EQ(transport_.sent().size(), 1u);
  EXPECT_EQ(sent(0).status_code(), 481);
  EXPECT_EQ(layer_.counters().cancels_unmatched, 1u);
  EXPECT_THAT(user_.log, IsEmpty());
}

TEST_F(LayerTest, CancelAfterTheFinalResponseIsAnswered200WithoutTuReport) {
  deliver(peer_request("INVITE", "z9hG4bKlate"));
  ASSERT_FALSE(layer_.respond(1, 603, {}, "d1"));
  deliver(peer_request("CANCEL", "z9hG4bKlate"));
  EXPECT_EQ(sent(2).status_code(), 200);
  EXPECT_THAT(user_.log, ElementsAre("request 1 INVITE"));
}

TEST_F(LayerTest, ClientCancelWaitsForAProvisionalResponse) {
  auto id = layer_.send_request(outgoing_request("INVITE"), kPeerUdp);
  ASSERT_TRUE(id);
  ASSERT_FALSE(layer_.cancel(*id));
  EXPECT_EQ(transport_.sent().size(), 1u);  // §9.1: not before a provisional response
  answer(0, 100);
  ASSERT_EQ(transport_.sent().size(), 2u);
  Message cancel = sent(1);
  EXPECT_EQ(cancel.method(), "CANCEL");
  EXPECT_EQ(top_via(cancel)->branch(), top_via(sent(0))->branch());
  answer(1, 200);  // the CANCEL's 200 is the layer's business
  answer(0, 487);
  EXPECT_THAT(user_.log, ElementsAre("response 1 100", "response 1 487"));
  EXPECT_EQ(sent(transport_.sent().size() - 1).method(), "ACK");
  EXPECT_EQ(layer_.cancel(*id), TransactionError::not_cancellable);
  timers_.advance(milliseconds(40000));
  EXPECT_EQ(layer_.active_transactions(), 0u);
}

TEST_F(LayerTest, CancelledInviteWithoutFinalResponseTimesOut) {
  auto id = layer_.send_request(outgoing_request("INVITE"), kPeerTcp);
  ASSERT_TRUE(id);
  answer(0, 180);
  ASSERT_FALSE(layer_.cancel(*id));
  timers_.advance(milliseconds(32000));
  EXPECT_THAT(user_.log, ElementsAre("response 1 180", "failure 1 timeout", "terminated 1"));
}

TEST_F(LayerTest, ResponsesWithSeveralViasAreDiscarded) {
  auto id = layer_.send_request(outgoing_request("OPTIONS"), kPeerUdp);
  ASSERT_TRUE(id);
  Message r = *make_response(sent(0), 200);
  r.append_header(HeaderId::via, "SIP/2.0/UDP 10.0.0.9;branch=z9hG4bKextra");
  deliver(serialize(r));
  EXPECT_THAT(user_.log, IsEmpty());
  EXPECT_EQ(layer_.counters().responses_discarded, 1u);
}

TEST_F(LayerTest, TuMistakesAreErrorsNotCrashes) {
  EXPECT_EQ(layer_.respond(99, 200), TransactionError::unknown_transaction);
  EXPECT_EQ(layer_.cancel(99), TransactionError::unknown_transaction);
  auto id = layer_.send_request(outgoing_request("OPTIONS"), kPeerUdp);
  EXPECT_EQ(layer_.respond(*id, 200), TransactionError::wrong_kind);
  EXPECT_EQ(layer_.cancel(*id), TransactionError::not_cancellable);
  EXPECT_EQ(layer_.send_request(outgoing_request("ACK"), kPeerUdp).error(),
            TransactionError::method_not_allowed);
  EXPECT_EQ(layer_.send_request(*make_response(sent(0), 200), kPeerUdp).error(),
            TransactionError::not_a_request);
  EXPECT_EQ(
      layer_.send_request(outgoing_request("OPTIONS"), Endpoint{"127.0.0.31", 5061, Transport::tls})
          .error(),
      TransactionError::no_local_address);
}

TEST_F(LayerTest, TuMayAnswerInsideOnRequest) {
  user_.on_request_hook = [&](TransactionId tx, const Message&) {
    EXPECT_FALSE(layer_.respond(tx, 200));
  };
  deliver(peer_request("OPTIONS", "z9hG4bKsync", "", "", "TCP"), kPeerTcp, 5);
  EXPECT_THAT(user_.log, ElementsAre("request 1 OPTIONS", "terminated 1"));
  EXPECT_EQ(layer_.active_transactions(), 0u);
}

TEST_F(LayerTest, TryingFollowsWhatTheTuSendsAndIsSkippedAfterAnAnswer) {
  // What the TU sends while handling the INVITE (a B2BUA's INVITE toward the callee) leaves
  // before the 100 Trying.
  user_.on_request_hook = [&](TransactionId, const Message&) {
    std::error_code ec;
    transport_.send(kPeerUdp, peer_request("OPTIONS", "z9hG4bKout"), {}, ec);
  };
  deliver(peer_request("INVITE", "z9hG4bKorder1"));
  ASSERT_EQ(transport_.sent().size(), 2u);
  EXPECT_EQ(sent(0).method(), "OPTIONS");
  EXPECT_EQ(sent(1).status_code(), 100);
  // An INVITE the TU answers at once gets that answer and no 100 (after a final response a
  // provisional one would be wrong).
  user_.on_request_hook = [&](TransactionId tx, const Message&) {
    EXPECT_FALSE(layer_.respond(tx, 486, {}, "b3"));
  };
  deliver(peer_request("INVITE", "z9hG4bKorder2"));
  ASSERT_EQ(transport_.sent().size(), 3u);
  EXPECT_EQ(sent(2).status_code(), 486);
  // Nor after a provisional response of its own.
  user_.on_request_hook = [&](TransactionId tx, const Message&) {
    EXPECT_FALSE(layer_.respond(tx, 180, {}, "b4"));
  };
  deliver(peer_request("INVITE", "z9hG4bKorder3"));
  EXPECT_THAT(sent_statuses(), ElementsAre(0, 100, 486, 180));
}

TEST_F(LayerTest, ManyTransactionsLeaveNothingBehind) {
  constexpr int kRuns = 60;
  TransactionId last_request = 0;
  user_.on_request_hook = [&](TransactionId tx, const Message&) { last_request = tx; };
  for (int i = 0; i < kRuns; ++i) {
    const std::string n = std::to_string(i);
    switch (i % 4) {
      case 0:  // server INVITE, rejected and ACKed
        deliver(peer_request("INVITE", "z9hG4bKi" + n));
        ASSERT_FALSE(layer_.respond(last_request, 486, {}, "t" + n));
        deliver(peer_request("ACK", "z9hG4bKi" + n, ";rport", "t" + n));
        break;
      case 1:  // server non-INVITE
        deliver(peer_request("OPTIONS", "z9hG4bKo" + n));
        ASSERT_FALSE(layer_.respond(last_request, 200));
        break;
      case 2:  // client INVITE answered 200
        ASSERT_TRUE(layer_.send_request(outgoing_request("INVITE"), kPeerUdp));
        answer(transport_.sent().size() - 1, 200);
        break;
      case 3:  // client non-INVITE never answered
        ASSERT_TRUE(layer_.send_request(outgoing_request("OPTIONS"), kPeerUdp));
        break;
    }
    timers_.advance(milliseconds(100));
  }
  EXPECT_GT(layer_.active_transactions(), 0u);
  timers_.advance(milliseconds(64000));
  EXPECT_EQ(layer_.active_transactions(), 0u);
  for (std::size_t k = 0; k < kTransactionKindCount; ++k) {
    EXPECT_EQ(layer_.active_transactions(static_cast<TransactionKind>(k)), 0u);
    EXPECT_EQ(layer_.counters().created[k], static_cast<std::uint64_t>(kRuns / 4));
  }
  EXPECT_EQ(timers_.pending(), 0u);
  EXPECT_EQ(layer_.counters().timeouts, static_cast<std::uint64_t>(kRuns / 4));
}

}  // namespace
}  // namespace sipconf::sip
