// The behaviour engine on fake transports and a fake clock: two agents (a caller placing
// calls, a callee answering them) talk through FakeSipNetwork and send RTP through
// FakeRtpNetwork, so every behaviour is checked on the messages and packets it produces.
#include <algorithm>
#include <memory>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "simulators/agent_test_support.h"
#include "sip/message/message_parser.h"
#include "sip/message/typed_headers.h"

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;
using testing::FakeParty;
using testing::FakeRtpNetwork;
using testing::FakeSipNetwork;
using ::testing::HasSubstr;

class AgentTest : public ::testing::Test {
 protected:
  /// A caller placing one call and hanging up 1 s after the answer.
  static Behaviours caller_behaviours() {
    Behaviours b;
    b.calls = 1;
    b.rate = 10;
    b.bye_after = milliseconds(1000);
    return b;
  }
  /// A callee ringing with 180 and answering after 200 ms.
  static Behaviours callee_behaviours() {
    Behaviours b;
    b.ring = RingMode::ringing;
    b.answer_after = milliseconds(200);
    b.calls = 0;
    return b;
  }

  void make(const Behaviours& uac, const Behaviours& uas,
            sip::Transport transport = sip::Transport::tcp) {
    AgentConfig callee_config;
    callee_config.behaviours = uas;
    callee = std::make_unique<FakeParty>(timers, rtp, sip::Endpoint{"127.0.0.20", 5060, transport},
                                         callee_config);
    AgentConfig caller_config;
    caller_config.behaviours = uac;
    caller_config.place_calls = true;
    caller_config.remote = callee->endpoint();
    caller = std::make_unique<FakeParty>(timers, rtp, sip::Endpoint{"127.0.0.10", 5070, transport},
                                         caller_config);
    net.add(*caller);
    net.add(*callee);
    callee->agent.start();
    caller->agent.start();
  }

  std::vector<std::string> from_callee() const { return net.sent_by("127.0.0.20"); }
  std::vector<std::string> from_caller() const { return net.sent_by("127.0.0.10"); }

  /// Messages `party` sent whose start line starts with `prefix`, parsed.
  static std::vector<sip::Message> sent(const FakeParty& party, std::string_view prefix) {
    std::vector<sip::Message> out;
    for (const auto& s : party.transport.sent()) {
      if (!s.bytes.starts_with(prefix)) continue;
      sip::ParseResult parsed = sip::parse_message(s.bytes);
      if (parsed.message) out.push_back(std::move(*parsed.message));
    }
    return out;
  }

  sip::FakeTimerService timers;
  FakeRtpNetwork rtp{timers};
  FakeSipNetwork net{timers};
  std::unique_ptr<FakeParty> caller;
  std::unique_ptr<FakeParty> callee;
};

TEST_F(AgentTest, BasicCallRingsAnswersAndHangsUpWithRtpBothWays) {
  make(caller_behaviours(), callee_behaviours());
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_THAT(from_caller(), ElementsAre(HasSubstr("INVITE sip:+14255550100@127.0.0.20:5060"),
                                         HasSubstr("ACK "), HasSubstr("BYE ")));
  EXPECT_THAT(from_callee(), ElementsAre("SIP/2.0 100 Trying", "SIP/2.0 180 Ringing",
                                         "SIP/2.0 200 OK", "SIP/2.0 200 OK"));
  const SignallingCounters& uac = caller->agent.summary().counters();
  const SignallingCounters& uas = callee->agent.summary().counters();
  EXPECT_EQ(uac.calls_placed, 1u);
  EXPECT_EQ(uac.calls_answered, 1u);
  EXPECT_EQ(uac.calls_failed, 0u);
  EXPECT_EQ(uas.calls_received, 1u);
  EXPECT_EQ(uas.calls_answered, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
  EXPECT_EQ(callee->agent.active_calls(), 0u);
  // About one second of 20 ms packets each way while the call was up.
  const nlohmann::json summary = caller->agent.summary().to_json({});
  const auto& call = summary["call_list"][0];
  EXPECT_NEAR(call["rtp"]["sent"]["packets"].get<int>(), 50, 2);
  EXPECT_NEAR(call["rtp"]["received"]["packets"].get<int>(), 50, 2);
  EXPECT_EQ(call["rtp"]["received"]["lost"].get<int>(), 0);
  EXPECT_EQ(call["rtp"]["codec"], "PCMU");
  EXPECT_NEAR(call["setup_ms"].get<double>(), 200, 10);
}

TEST_F(AgentTest, InviteCarriesTheProfilesIdentityHeaders) {
  Behaviours uac = caller_behaviours();
  uac.strip_plus = true;
  uac.user_phone = true;
  uac.pai = true;
  uac.calling = "+12065551219";
  uac.call_history = CallHistory::diversion;
  uac.redirecting_number = "+14255550111";
  uac.session_timer = true;
  uac.session_expires = 600;
  uac.rel100 = Rel100::supported;
  make(uac, callee_behaviours());
  net.run_for(milliseconds(50));
  const auto invites = sent(*caller, "INVITE");
  ASSERT_EQ(invites.size(), 1u);
  const sip::Message& invite = invites.front();
  EXPECT_EQ(invite.request_uri_text(), "sip:14255550100@127.0.0.20:5060;user=phone;transport=tcp");
  EXPECT_EQ(*invite.header(sip::HeaderId::p_asserted_identity),
            "<sip:12065551219@127.0.0.10;user=phone>");
  EXPECT_EQ(*invite.header(sip::HeaderId::diversion),
            "<sip:14255550111@127.0.0.10;user=phone>;reason=unconditional;counter=1");
  EXPECT_EQ(*invite.header(sip::HeaderId::session_expires), "600");
  EXPECT_EQ(*invite.header(sip::HeaderId::supported), "100rel, timer");
  EXPECT_EQ(sip::content_type(invite)->to_string(), "application/sdp");
}

TEST_F(AgentTest, HistoryInfoMarksTheRetargeting) {
  Behaviours uac = caller_behaviours();
  uac.call_history = CallHistory::history_info;
  make(uac, callee_behaviours());
  net.run_for(milliseconds(50));
  const auto invites = sent(*caller, "INVITE");
  ASSERT_EQ(invites.size(), 1u);
  const auto entries = invites.front().header_values(sip::HeaderId::history_info);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0], "<sip:+14255550111@127.0.0.10>;index=1");
  EXPECT_EQ(entries[1], "<sip:+14255550100@127.0.0.20?Reason=SIP%3Bcause%3D302>;index=1.1");
}

TEST_F(AgentTest, ForkingSendsOneEarlyDialogPerForkAndTheCallerSeesThemAll) {
  Behaviours uas = callee_behaviours();
  uas.ring = RingMode::progress;
  uas.early_dialogs = 3;
  uas.answer_dialog = 2;
  make(caller_behaviours(), uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  const auto progress = sent(*callee, "SIP/2.0 183");
  ASSERT_EQ(progress.size(), 3u);
  std::vector<std::string> tags;
  for (const sip::Message& m : progress) {
    tags.emplace_back(*sip::to(m)->tag());
    EXPECT_FALSE(m.body().empty()) << "183 carries the early-media SDP";
  }
  std::sort(tags.begin(), tags.end());
  EXPECT_EQ(std::unique(tags.begin(), tags.end()), tags.end()) << "distinct To tags";
  const auto ok = sent(*callee, "SIP/2.0 200 OK");
  ASSERT_FALSE(ok.empty());
  EXPECT_EQ(*sip::to(ok.front())->tag(), *sip::to(progress[1])->tag()) << "fork 2 answers";
  EXPECT_EQ(caller->agent.summary().counters().early_dialogs_max, 3u);
  EXPECT_EQ(callee->agent.summary().counters().early_dialogs_max, 3u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
  // Early media reached the caller before the answer.
  const nlohmann::json summary = caller->agent.summary().to_json({});
  EXPECT_GT(summary["call_list"][0]["rtp"]["received"]["packets"].get<int>(), 55);
}

TEST_F(AgentTest, BusyWithQ850CauseIsWhatTheCallerExpected) {
  Behaviours uas = callee_behaviours();
  uas.final_status = 486;
  uas.q850_cause = 17;
  Behaviours uac = caller_behaviours();
  uac.expect_status = 486;
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  const auto busy = sent(*callee, "SIP/2.0 486");
  ASSERT_EQ(busy.size(), 1u);
  EXPECT_EQ(*busy.front().header(sip::HeaderId::reason), "Q.850;cause=17");
  EXPECT_EQ(caller->agent.summary().counters().calls_rejected, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
  EXPECT_EQ(callee->agent.exit_code(), 0);
}

TEST_F(AgentTest, AnUnexpectedFinalStatusFailsTheCall) {
  Behaviours uas = callee_behaviours();
  uas.final_status = 503;
  uas.ms_diagnostics = "1000;reason=\"x\"";
  make(caller_behaviours(), uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_EQ(caller->agent.summary().counters().calls_failed, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 1);
  const nlohmann::json summary = caller->agent.summary().to_json({});
  EXPECT_THAT(summary["call_list"][0]["problem"].get<std::string>(), HasSubstr("expected 200"));
  EXPECT_EQ(summary["call_list"][0]["ms_diagnostics"][0], "1000;reason=\"x\"");
}

TEST_F(AgentTest, NeverAnsweringCalleeIsCancelledByTheCaller) {
  Behaviours uas = callee_behaviours();
  uas.answer = AnswerMode::never;
  Behaviours uac = caller_behaviours();
  uac.cancel_after = milliseconds(3000);
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_THAT(from_caller(),
              ElementsAre(HasSubstr("INVITE"), HasSubstr("CANCEL"), HasSubstr("ACK")));
  EXPECT_THAT(from_callee(), ElementsAre("SIP/2.0 100 Trying", "SIP/2.0 180 Ringing",
                                         "SIP/2.0 200 OK", "SIP/2.0 487 Request Terminated"));
  EXPECT_EQ(caller->agent.summary().counters().calls_cancelled, 1u);
  EXPECT_EQ(callee->agent.summary().counters().calls_cancelled, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
}

TEST_F(AgentTest, TryingOnlySendsA100AndNothingElse) {
  Behaviours uas = callee_behaviours();
  uas.answer = AnswerMode::trying_only;
  make(caller_behaviours(), uas);
  net.run_for(milliseconds(5000));
  EXPECT_THAT(from_callee(), ElementsAre("SIP/2.0 100 Trying"));
}

TEST_F(AgentTest, SilentCalleeSendsNothingAtAll) {
  Behaviours uas = callee_behaviours();
  uas.answer = AnswerMode::silent;
  make(caller_behaviours(), uas, sip::Transport::udp);
  net.run_for(milliseconds(3000));
  EXPECT_TRUE(from_callee().empty());
  EXPECT_GE(from_caller().size(), 3u) << "the INVITE is retransmitted over UDP";
}

TEST_F(AgentTest, OptionsFollowTheSchedule) {
  Behaviours uas = callee_behaviours();
  base::Diagnostics diags;
  uas.options = *OptionsSchedule::parse("200@0s,silent@5s,503@10s", {}, diags);
  Behaviours uac = caller_behaviours();
  uac.calls = 0;
  make(uac, uas);
  auto probe = [&](int n) {
    sip::InboundMessage m;
    m.bytes =
        "OPTIONS sip:gw@127.0.0.20:5060 SIP/2.0\r\n"
        "Via: SIP/2.0/TCP 127.0.0.10:5070;branch=z9hG4bKprobe" +
        std::to_string(n) +
        "\r\nMax-Forwards: 70\r\nFrom: <sip:med@127.0.0.10>;tag=p\r\n"
        "To: <sip:gw@127.0.0.20>\r\nCall-ID: probe" +
        std::to_string(n) + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    m.local = callee->endpoint();
    m.remote = caller->endpoint();
    m.connection = 1;
    callee->transport.deliver(std::move(m));
    net.pump();
  };
  probe(1);
  net.run_for(milliseconds(6000));
  probe(2);
  net.run_for(milliseconds(5000));
  probe(3);
  EXPECT_THAT(from_callee(), ElementsAre("SIP/2.0 200 OK", "SIP/2.0 503 Service Unavailable"));
  const SignallingCounters& c = callee->agent.summary().counters();
  EXPECT_EQ(c.options_received, 3u);
  EXPECT_EQ(c.options_ignored, 1u);
  const auto ok = sent(*callee, "SIP/2.0 200");
  ASSERT_EQ(ok.size(), 1u);
  EXPECT_THAT(std::string(*ok.front().header(sip::HeaderId::allow)), HasSubstr("REFER"));
  EXPECT_EQ(*ok.front().header(sip::HeaderId::accept), "application/sdp");
}

TEST_F(AgentTest, BlindTransferAcceptedRunsTheTransferCallAndNotifiesTheOutcome) {
  Behaviours uac = caller_behaviours();
  uac.bye_after = milliseconds(0);
  uac.transfer_to = "+14255550777";
  uac.transfer_after = milliseconds(300);
  Behaviours uas = callee_behaviours();
  uas.refer = ReferPolicy::accept;
  uas.bye_after = milliseconds(500);  // the transfer call the callee places
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  const SignallingCounters& a = caller->agent.summary().counters();
  const SignallingCounters& b = callee->agent.summary().counters();
  EXPECT_EQ(a.refer_sent, 1u);
  EXPECT_EQ(a.refer_accepted, 1u);
  EXPECT_EQ(a.transfers_completed, 1u);
  EXPECT_EQ(b.refer_received, 1u);
  EXPECT_EQ(b.transfer_calls, 1u);
  EXPECT_EQ(b.notify_sent, 2u) << "100 Trying, then the final sipfrag";
  const auto notifies = sent(*callee, "NOTIFY");
  ASSERT_EQ(notifies.size(), 2u);
  EXPECT_EQ(notifies[0].body(), "SIP/2.0 100 Trying\r\n");
  EXPECT_EQ(notifies[1].body(), "SIP/2.0 200 OK\r\n");
  EXPECT_EQ(*notifies[1].header(sip::HeaderId::subscription_state), "terminated;reason=noresource");
  // The transfer call reached the caller (whose Contact the REFER came from) for the target.
  const auto invites = sent(*callee, "INVITE");
  ASSERT_EQ(invites.size(), 1u);
  EXPECT_THAT(std::string(invites.front().request_uri_text()), HasSubstr("+14255550777"));
  EXPECT_TRUE(invites.front().has(sip::HeaderId::referred_by));
  EXPECT_EQ(caller->agent.exit_code(), 0);
  ASSERT_TRUE(net.run_until([&] { return callee->agent.active_calls() == 0; }));
  EXPECT_EQ(callee->agent.exit_code(), 0);
}

TEST_F(AgentTest, RefusedReferIsAFailureUnlessARefusalWasExpected) {
  Behaviours uac = caller_behaviours();
  uac.transfer_to = "+14255550777";
  uac.transfer_after = milliseconds(100);
  Behaviours uas = callee_behaviours();
  uas.refer = ReferPolicy::reject_501;
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_EQ(caller->agent.summary().counters().refer_rejected, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 1);
}

TEST_F(AgentTest, RefusedReferAsExpected) {
  Behaviours uac = caller_behaviours();
  uac.transfer_to = "+14255550777";
  uac.transfer_after = milliseconds(100);
  uac.expect_refer_accepted = false;
  Behaviours uas = callee_behaviours();
  uas.refer = ReferPolicy::reject_603;
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_EQ(sent(*callee, "SIP/2.0 603").size(), 1u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
}

TEST_F(AgentTest, ReliableProvisionalIsPrackedBeforeTheAnswer) {
  Behaviours uac = caller_behaviours();
  uac.rel100 = Rel100::supported;
  Behaviours uas = callee_behaviours();
  uas.rel100 = Rel100::supported;
  uas.ring = RingMode::progress;
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  const auto progress = sent(*callee, "SIP/2.0 183");
  ASSERT_FALSE(progress.empty());
  EXPECT_EQ(*progress.front().header(sip::HeaderId::require), "100rel");
  EXPECT_EQ(*progress.front().header(sip::HeaderId::rseq), "1");
  const auto pracks = sent(*caller, "PRACK");
  ASSERT_EQ(pracks.size(), 1u);
  EXPECT_THAT(std::string(*pracks.front().header(sip::HeaderId::rack)), HasSubstr("1 "));
  EXPECT_EQ(callee->agent.summary().counters().prack_received, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
  EXPECT_EQ(callee->agent.exit_code(), 0);
}

TEST_F(AgentTest, Required100relRefusesACallerWithoutIt) {
  Behaviours uas = callee_behaviours();
  uas.rel100 = Rel100::required;
  Behaviours uac = caller_behaviours();
  uac.expect_status = 421;
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  const auto refused = sent(*callee, "SIP/2.0 421");
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_EQ(*refused.front().header(sip::HeaderId::require), "100rel");
  EXPECT_EQ(caller->agent.exit_code(), 0);
}

TEST_F(AgentTest, SessionTimerRefreshedByTheUasWithUpdate) {
  Behaviours uac = caller_behaviours();
  uac.session_timer = true;
  uac.session_expires = 90;
  uac.bye_after = milliseconds(100000);
  Behaviours uas = callee_behaviours();
  uas.session_timer = true;
  uas.refresher = Party::uas;
  uas.refresh_method = RefreshMethod::update;
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }, milliseconds(120000)));
  const auto ok = sent(*callee, "SIP/2.0 200 OK");
  ASSERT_FALSE(ok.empty());
  EXPECT_EQ(*ok.front().header(sip::HeaderId::session_expires), "90;refresher=uas");
  // Refreshes at 45 s and 90 s of a 100 s call, none missed.
  EXPECT_EQ(sent(*callee, "UPDATE").size(), 2u);
  EXPECT_EQ(caller->agent.summary().counters().session_refreshes_received, 2u);
  EXPECT_EQ(caller->agent.summary().counters().sessions_expired, 0u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
}

TEST_F(AgentTest, MissingRefreshesExpireTheSession) {
  Behaviours uac = caller_behaviours();
  uac.session_timer = true;
  uac.session_expires = 90;
  uac.bye_after = milliseconds(100000);
  Behaviours uas = callee_behaviours();
  uas.session_timer = true;
  uas.refresher = Party::uas;
  make(uac, uas);
  net.drop = [](const std::string& bytes) { return bytes.starts_with("UPDATE"); };
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }, milliseconds(120000)));
  EXPECT_EQ(caller->agent.summary().counters().sessions_expired, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 1);
  // Expiry at 90 - 30 s after the answer: the caller's BYE comes long before its own 100 s.
  EXPECT_LT(timers.elapsed(), milliseconds(70000));
}

TEST_F(AgentTest, HoldAndResumeByReInvite) {
  Behaviours uac = caller_behaviours();
  uac.hold_after = milliseconds(200);
  uac.resume_after = milliseconds(400);
  Behaviours uas = callee_behaviours();
  make(uac, uas);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  const auto reinvites = sent(*caller, "INVITE");
  ASSERT_EQ(reinvites.size(), 3u);
  EXPECT_THAT(std::string(reinvites[1].body()), HasSubstr("a=sendonly"));
  EXPECT_THAT(std::string(reinvites[2].body()), HasSubstr("a=sendrecv"));
  const auto answers = sent(*callee, "SIP/2.0 200 OK");
  ASSERT_GE(answers.size(), 3u);
  EXPECT_THAT(std::string(answers[1].body()), HasSubstr("a=recvonly"));
  EXPECT_EQ(callee->agent.summary().counters().holds_received, 1u);
  EXPECT_EQ(caller->agent.summary().counters().holds_sent, 1u);
  EXPECT_EQ(caller->agent.summary().counters().resumes_sent, 1u);
  // The callee stayed silent for the 400 ms on hold: about 20 packets fewer than the caller.
  const nlohmann::json summary = caller->agent.summary().to_json({});
  const int received = summary["call_list"][0]["rtp"]["received"]["packets"].get<int>();
  const int sent_packets = summary["call_list"][0]["rtp"]["sent"]["packets"].get<int>();
  EXPECT_NEAR(sent_packets - received, 20, 3);
  EXPECT_EQ(caller->agent.exit_code(), 0);
}

TEST_F(AgentTest, DtmfArrivesAsTelephoneEvents) {
  Behaviours uac = caller_behaviours();
  uac.dtmf = "12#";
  uac.dtmf_after = milliseconds(100);
  make(uac, callee_behaviours());
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_EQ(caller->agent.summary().counters().dtmf_digits_sent, 3u);
  const nlohmann::json summary = callee->agent.summary().to_json({});
  EXPECT_EQ(summary["call_list"][0]["rtp"]["received"]["dtmf_digits"], "12#");
  EXPECT_EQ(summary["call_list"][0]["rtp"]["received"]["lost"].get<int>(), 0);
}

TEST_F(AgentTest, LostRtpIsCounted) {
  rtp.drop_every = 10;
  make(caller_behaviours(), callee_behaviours());
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  // Every tenth packet toward each port is lost: about 5 of the caller's 50.
  const nlohmann::json summary = callee->agent.summary().to_json({});
  const auto& received = summary["call_list"][0]["rtp"]["received"];
  EXPECT_NEAR(received["lost"].get<int>(), 5, 1);
  EXPECT_EQ(received["lost"].get<int>() + received["packets"].get<int>(),
            received["expected"].get<int>());
}

TEST_F(AgentTest, CallsAtARateUpToTheCount) {
  Behaviours uac = caller_behaviours();
  uac.calls = 5;
  uac.rate = 2;  // one every 500 ms
  uac.bye_after = milliseconds(100);
  Behaviours uas = callee_behaviours();
  uas.calls = 5;
  make(uac, uas);
  net.run_for(milliseconds(1100));
  EXPECT_EQ(caller->agent.summary().counters().calls_placed, 3u) << "at 0, 500 and 1000 ms";
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_EQ(caller->agent.summary().counters().calls_placed, 5u);
  EXPECT_TRUE(callee->agent.finished()) << "the callee stops after its 5 calls";
  EXPECT_EQ(callee->agent.exit_code(), 0);
}

TEST_F(AgentTest, MaxConcurrentHoldsCallsBack) {
  Behaviours uac = caller_behaviours();
  uac.calls = 4;
  uac.rate = 100;
  uac.max_concurrent = 2;
  make(uac, callee_behaviours());
  net.run_for(milliseconds(500));
  EXPECT_EQ(caller->agent.summary().counters().calls_placed, 2u);
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }));
  EXPECT_EQ(caller->agent.summary().counters().calls_placed, 4u);
  EXPECT_EQ(caller->agent.exit_code(), 0);
}

TEST_F(AgentTest, UnsupportedExtensionAndStrayRequestsGetTheRightAnswers) {
  make(Behaviours{}, callee_behaviours());
  auto deliver = [&](std::string first_lines) {
    sip::InboundMessage m;
    m.bytes = std::move(first_lines);
    m.local = callee->endpoint();
    m.remote = sip::Endpoint{"127.0.0.30", 5090, sip::Transport::tcp};
    m.connection = 9;
    callee->transport.deliver(std::move(m));
  };
  deliver(
      "INVITE sip:x@127.0.0.20 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.30:5090;branch=z9hG4bKa1\r\n"
      "Max-Forwards: 70\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:x@h>\r\nCall-ID: c1\r\n"
      "CSeq: 1 INVITE\r\nRequire: foo\r\nContent-Length: 0\r\n\r\n");
  deliver(
      "BYE sip:x@127.0.0.20 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.30:5090;branch=z9hG4bKa2\r\n"
      "Max-Forwards: 70\r\nFrom: <sip:a@h>;tag=1\r\nTo: <sip:x@h>;tag=nope\r\nCall-ID: c2\r\n"
      "CSeq: 1 BYE\r\nContent-Length: 0\r\n\r\n");
  const auto& out = callee->transport.sent();
  ASSERT_EQ(out.size(), 2u);  // no 100 Trying before a response sent at once
  EXPECT_THAT(out[0].bytes, HasSubstr("SIP/2.0 420 Bad Extension"));
  EXPECT_THAT(out[0].bytes, HasSubstr("Unsupported: foo"));
  EXPECT_THAT(out[1].bytes, HasSubstr("SIP/2.0 481"));
  EXPECT_EQ(callee->agent.summary().counters().requests_rejected, 1u);
  EXPECT_EQ(callee->agent.summary().counters().in_dialog_unmatched, 1u);
}

TEST_F(AgentTest, ShutdownHangsUpAndCountsUnfinishedCalls) {
  Behaviours uac = caller_behaviours();
  uac.bye_after = milliseconds(0);  // would never hang up on its own
  make(uac, callee_behaviours());
  net.run_for(milliseconds(500));
  ASSERT_EQ(caller->agent.active_calls(), 1u);
  caller->agent.shutdown(milliseconds(1000));
  ASSERT_TRUE(net.run_until([&] { return caller->agent.finished(); }, milliseconds(2000)));
  EXPECT_THAT(from_caller().back(), HasSubstr("BYE "));
  EXPECT_EQ(caller->agent.summary().counters().calls_unfinished, 1u);
  EXPECT_EQ(caller->agent.exit_code(), 1);
}

TEST_F(AgentTest, StopAfterEndsARunWithoutCalls) {
  Behaviours uac = caller_behaviours();
  uac.calls = 0;
  Behaviours uas = callee_behaviours();
  uas.stop_after = milliseconds(2000);
  make(uac, uas);
  net.run_for(milliseconds(1990));
  EXPECT_FALSE(callee->agent.finished());
  net.run_for(milliseconds(20));
  EXPECT_TRUE(callee->agent.finished());
  EXPECT_EQ(callee->agent.exit_code(), 0);
}

}  // namespace
}  // namespace sipconf::simulators
