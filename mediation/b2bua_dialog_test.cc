// In-dialog behaviour of the B2BUA: BYE either way, re-INVITE (hold/resume), glare, UPDATE,
// INFO and unknown methods relayed, 481 for unknown dialogs.
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "mediation/b2bua_test_support.h"
#include "sip/sdp/sdp.h"
#include "sip/sdp/sdp_direction.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;
using testing::B2buaFixture;
using testing::kAnswerSdp;
using testing::kSdp;

std::string with_direction(const std::string& sdp, const std::string& direction) {
  std::string out = sdp;
  const auto at = out.find("a=sendrecv");
  if (at != std::string::npos) out.replace(at, 10, "a=" + direction);
  return out;
}

class DialogTest : public B2buaFixture {
 protected:
  /// An outbound call FE -> gw1, answered and ACKed.
  void establish() {
    fe_sent = testing::parse(fe_invite("+14255550100"));
    deliver(fe, fe_sent);
    take("127.0.0.2");
    gw_invite = take_one("127.0.0.3");
    gw_ok = answer(gw_invite, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp);
    deliver(gw1, gw_ok);
    fe_ok = take_one("127.0.0.2");
    deliver(fe, caller_request(fe_sent, fe_ok, "ACK", 10, "z9hG4bK-fe-ack"));
    take_one("127.0.0.3");
  }
  sip::Message from_gw(const std::string& method, std::uint32_t cseq, const std::string& branch) {
    return in_dialog(gw_invite, gw_ok, method, cseq, "127.0.0.3", sip::Transport::udp, branch,
                     "<sip:gw@127.0.0.3:5066>");
  }

  sip::Message fe_sent, gw_invite, gw_ok, fe_ok;
};

TEST_F(DialogTest, ByeFromTheCalleeEndsBothLegs) {
  establish();
  deliver(gw1, from_gw("BYE", 1, "z9hG4bK-gw-bye"));
  EXPECT_EQ(take_one("127.0.0.3").status_code(), 200);
  const sip::Message bye = take_one("127.0.0.2");
  EXPECT_EQ(bye.method(), "BYE");
  EXPECT_EQ(*sip::call_id(bye), *sip::call_id(fe_sent));
  EXPECT_EQ(sip::from(bye)->tag(), sip::to(fe_ok)->tag());
  EXPECT_EQ(sip::to(bye)->tag(), "fe-tag-1");
  EXPECT_EQ(bye.request_uri_text(), "sip:alice@127.0.0.2:5061;transport=tcp");
  EXPECT_EQ(transport->sent().back().to, (sip::Endpoint{"127.0.0.2", 5061, sip::Transport::tcp}));
  EXPECT_EQ(b2bua->active_calls(), 0u);
  deliver(fe, answer(bye, 200, "", ""));
  drain_timers();
  EXPECT_EQ(transactions(), 0u);
  EXPECT_EQ(b2bua->active_dialogs(), 0u);
}

/// A reload while a call is up: the call's legs point into the configuration it started under,
/// which the call keeps alive, so its BYE still goes to the gateway's old address; new calls
/// use the new one, and the old configuration goes with the last call holding it.
TEST_F(DialogTest, AnActiveCallKeepsItsConfigurationAcrossAReload) {
  establish();
  const std::weak_ptr<const RuntimeConfig> started_under = config;
  std::string moved = testing::lab_config();
  const std::string old_peer = "peer=\"127.0.0.3\"";
  moved.replace(moved.find(old_peer), old_peer.size(), "peer=\"127.0.0.9\"");
  config.reset();
  b2bua->set_config(testing::runtime(moved));
  EXPECT_FALSE(started_under.expired());

  deliver(fe, fe_invite("+14255550100", 2));
  take("127.0.0.2");
  EXPECT_EQ(take_one("127.0.0.9").method(), "INVITE");
  EXPECT_TRUE(take("127.0.0.3").empty());

  deliver(fe, caller_request(fe_sent, fe_ok, "BYE", 11, "z9hG4bK-fe-bye"));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 200);
  const sip::Message bye = take_one("127.0.0.3");
  EXPECT_EQ(bye.method(), "BYE");
  EXPECT_EQ(transport->sent().back().to, (sip::Endpoint{"127.0.0.3", 5066, sip::Transport::udp}));
  EXPECT_EQ(b2bua->active_calls(), 1u) << "only the call placed after the reload is left";
  EXPECT_TRUE(started_under.expired());
}

TEST_F(DialogTest, HoldAndResumeReInvitesPassThroughWithTheirDirection) {
  establish();
  std::uint32_t cseq = 11;
  for (const char* direction : {"sendonly", "sendrecv"}) {
    sip::Message reinvite =
        caller_request(fe_sent, fe_ok, "INVITE", cseq, "z9hG4bK-re-" + std::to_string(cseq));
    reinvite.append_header(HeaderId::contact, "<sip:alice@127.0.0.2:5061;transport=tcp>");
    reinvite.set_body(with_direction(kSdp, direction), "application/sdp");
    deliver(fe, reinvite);
    EXPECT_EQ(take_one("127.0.0.2").status_code(), 100);
    const sip::Message out = take_one("127.0.0.3");
    ASSERT_EQ(out.method(), "INVITE");
    EXPECT_EQ(out.request_uri_text(), "sip:gw@127.0.0.3:5066");
    EXPECT_EQ(sip::to(out)->tag(), "gw-a");
    EXPECT_EQ(*sip::call_id(out), *sip::call_id(gw_invite));
    EXPECT_GT(sip::cseq(out)->number, sip::cseq(gw_invite)->number);
    EXPECT_EQ(*sip::max_forwards(out), 69u);
    std::error_code ec;
    auto sdp = sip::parse_sdp(out.body(), ec);
    ASSERT_TRUE(sdp) << ec.message();
    EXPECT_EQ(sip::to_string(sip::effective_direction(*sdp, sdp->media[0])), direction);

    const std::string answer_direction =
        std::string(direction) == "sendonly" ? "recvonly" : "sendrecv";
    deliver(gw1, answer(out, 200, "gw-a", "<sip:gw@127.0.0.3:5066>",
                        with_direction(kAnswerSdp, answer_direction)));
    const sip::Message ok = take_one("127.0.0.2");
    EXPECT_EQ(ok.status_code(), 200);
    EXPECT_NE(ok.body().find("a=" + answer_direction), std::string_view::npos);
    deliver(fe,
            caller_request(fe_sent, fe_ok, "ACK", cseq, "z9hG4bK-reack-" + std::to_string(cseq)));
    const sip::Message ack = take_one("127.0.0.3");
    EXPECT_EQ(ack.method(), "ACK");
    EXPECT_EQ(sip::cseq(ack)->number, sip::cseq(out)->number);
    ++cseq;
  }
  EXPECT_EQ(b2bua->active_calls(), 1u);
}

TEST_F(DialogTest, ReInviteCrossingAPendingOneGets491) {
  establish();
  sip::Message reinvite = caller_request(fe_sent, fe_ok, "INVITE", 11, "z9hG4bK-re-1");
  reinvite.set_body(kSdp, "application/sdp");
  deliver(fe, reinvite);
  take("127.0.0.2");
  const sip::Message pending = take_one("127.0.0.3");
  // The gateway's own re-INVITE crosses ours: glare on the gateway leg (RFC 3261 §14).
  sip::Message crossing = from_gw("INVITE", 5, "z9hG4bK-gw-re");
  crossing.set_body(kAnswerSdp, "application/sdp");
  deliver(gw1, crossing);
  const auto to_gw = take("127.0.0.3");
  ASSERT_FALSE(to_gw.empty());
  EXPECT_EQ(to_gw.back().status_code(), 491);
  EXPECT_TRUE(take("127.0.0.2").empty());
  // The first re-INVITE still completes.
  deliver(gw1, answer(pending, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  EXPECT_EQ(take_one("127.0.0.2").status_code(), 200);
}

TEST_F(DialogTest, A491FromThePeerIsRelayed) {
  establish();
  sip::Message reinvite = caller_request(fe_sent, fe_ok, "INVITE", 11, "z9hG4bK-re-1");
  reinvite.set_body(kSdp, "application/sdp");
  deliver(fe, reinvite);
  take("127.0.0.2");
  const sip::Message out = take_one("127.0.0.3");
  deliver(gw1, answer(out, 491, "gw-a", ""));
  EXPECT_EQ(take_one("127.0.0.3").method(), "ACK");
  const sip::Message relayed = take_one("127.0.0.2");
  EXPECT_EQ(relayed.status_code(), 491);
  // The dialog survives a 491: a later re-INVITE goes through.
  sip::Message again = caller_request(fe_sent, fe_ok, "INVITE", 12, "z9hG4bK-re-2");
  again.set_body(kSdp, "application/sdp");
  deliver(fe, again);
  take("127.0.0.2");
  EXPECT_EQ(take_one("127.0.0.3").method(), "INVITE");
}

TEST_F(DialogTest, UpdateInfoAndUnknownMethodsAreRelayed) {
  establish();
  std::uint32_t cseq = 2;
  for (const char* method : {"UPDATE", "INFO", "X-LAB-PROBE"}) {
    sip::Message request = from_gw(method, cseq, "z9hG4bK-gw-" + std::string(method));
    request.set_body("Signal=5\r\nDuration=160\r\n", "application/dtmf-relay");
    deliver(gw1, request);
    const sip::Message out = take_one("127.0.0.2");
    EXPECT_EQ(out.method(), method);
    EXPECT_EQ(*sip::call_id(out), *sip::call_id(fe_sent));
    EXPECT_EQ(sip::to(out)->tag(), "fe-tag-1");
    EXPECT_EQ(out.body(), "Signal=5\r\nDuration=160\r\n");
    EXPECT_EQ(out.header(HeaderId::content_type), "application/dtmf-relay");
    sip::Message reply = answer(out, 200, "", "");
    deliver(fe, reply);
    const sip::Message relayed = take_one("127.0.0.3");
    EXPECT_EQ(relayed.status_code(), 200);
    EXPECT_EQ(sip::cseq(relayed)->number, cseq);
    EXPECT_EQ(sip::cseq(relayed)->method, method);
    ++cseq;
  }
}

TEST_F(DialogTest, RequestsForUnknownDialogsGet481) {
  establish();
  sip::Message stray = from_gw("INFO", 3, "z9hG4bK-stray");
  stray.set_header(HeaderId::call_id, "no-such-call");
  deliver(gw1, stray);
  EXPECT_EQ(take_one("127.0.0.3").status_code(), 481);
  EXPECT_TRUE(take("127.0.0.2").empty());
}

TEST_F(DialogTest, InDialogRequestWithMaxForwardsZeroGets483) {
  establish();
  sip::Message info = from_gw("INFO", 3, "z9hG4bK-mf0");
  info.set_header(HeaderId::max_forwards, "0");
  deliver(gw1, info);
  EXPECT_EQ(take_one("127.0.0.3").status_code(), 483);
  EXPECT_TRUE(take("127.0.0.2").empty());
}

TEST_F(DialogTest, ByeWhileAReInviteIsPendingAnswersIt487) {
  establish();
  sip::Message reinvite = caller_request(fe_sent, fe_ok, "INVITE", 11, "z9hG4bK-re-1");
  reinvite.set_body(kSdp, "application/sdp");
  deliver(fe, reinvite);
  take("127.0.0.2");
  const sip::Message pending = take_one("127.0.0.3");
  deliver(gw1, from_gw("BYE", 7, "z9hG4bK-gw-bye"));
  const auto to_fe = take("127.0.0.2");
  ASSERT_EQ(to_fe.size(), 2u);
  EXPECT_EQ(to_fe[0].status_code(), 487);
  EXPECT_EQ(to_fe[1].method(), "BYE");
  // The gateway answers the re-INVITE late: ACKed, not relayed.
  deliver(gw1, answer(pending, 200, "gw-a", "<sip:gw@127.0.0.3:5066>", kAnswerSdp));
  auto to_gw = take("127.0.0.3");
  ASSERT_FALSE(to_gw.empty());
  EXPECT_EQ(to_gw.back().method(), "ACK");
  EXPECT_TRUE(take("127.0.0.2").empty());
}

}  // namespace
}  // namespace sipconf::mediation
