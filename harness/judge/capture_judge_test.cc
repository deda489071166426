#include "harness/judge/capture_judge.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using manifest::Expectation;
using manifest::MessageSelector;
using testing::ep;

MessageSelector on(const std::string& leg, const std::string& method, const std::string& from = "",
                   const std::string& status = "") {
  MessageSelector s;
  s.leg = leg;
  s.method = method;
  s.from = from;
  s.status = status;
  return s;
}

/// A Lync front end calls a gateway through the SUT; 3 RTP packets from the gateway are
/// lost.
class CaptureJudgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::B2buaCall call;
    file_.add(testing::b2bua_call(call));
    file_.rtp(520'000, ep("127.0.0.20:20000"), ep("127.0.0.21:30002"), 0x1111, 50);
    file_.rtp(520'000, ep("127.0.0.21:30002"), ep("127.0.0.20:20000"), 0x1112, 50);
    file_.rtp(520'000, ep("127.0.0.21:30000"), ep("127.0.0.22:40000"), 0x2222, 50);
    file_.rtp(520'000, ep("127.0.0.22:40000"), ep("127.0.0.21:30000"), 0x3333, 50, 0, {4, 5, 6});
    file_.close();

    manifest_.id = "judge/b2bua";
    manifest_.sut.kind = manifest::SutKind::mediation;
    manifest::Endpoint fe;
    fe.name = "fe";
    fe.role = manifest::PeerRole::lync;
    fe.interface = "internal";
    manifest::Endpoint gw;
    gw.name = "gw1";
    gw.role = manifest::PeerRole::pstn_gateway;
    gw.mode = manifest::EndpointMode::uas;
    gw.interface = "trunk:gw1";
    manifest_.endpoints = {fe, gw};

    record_.endpoints = {{"fe", "lync", "", "127.0.0.20:5060", "udp", "sipp"},
                         {"sut-internal", "sut", "internal", "127.0.0.21:5070", "udp", ""},
                         {"sut-gw1", "sut", "trunk:gw1", "127.0.0.21:5068", "udp", ""},
                         {"gw1", "pstn-gateway", "", "127.0.0.22:5060", "udp", "sipp"}};
  }

  /// Judges one expectation; the subtest it produced.
  reports::Subtest judge(const std::string& name, decltype(Expectation::check) check) {
    manifest_.expectations = {Expectation{name, std::move(check), {}}};
    CaseArtifacts artifacts;
    artifacts.pcap = pcap_.empty() ? file_.path() : pcap_;
    CaptureJudge judge;
    const auto subtests = judge.judge(manifest_, artifacts, record_);
    EXPECT_EQ(subtests.size(), 1u);
    return subtests.empty() ? reports::Subtest{} : subtests.front();
  }

  testing::CaptureFile file_{testing::temp_path("judge.pcap")};
  std::filesystem::path pcap_;  ///< Another capture to judge instead of file_.
  manifest::CaseManifest manifest_;
  reports::CaseResult record_;
};

TEST_F(CaptureJudgeTest, JudgesWireKindsOnly) {
  CaptureJudge judge;
  EXPECT_TRUE(judge.judges(manifest::ExpectationKind::sdp));
  EXPECT_TRUE(judge.judges(manifest::ExpectationKind::media));
  EXPECT_FALSE(judge.judges(manifest::ExpectationKind::process));
}

TEST_F(CaptureJudgeTest, FillsTheRecordForTheReport) {
  judge("any", manifest::MessageCheck{on("gw1", "INVITE")});
  ASSERT_EQ(record_.messages.size(), 14u);
  EXPECT_EQ(record_.messages[0].from, "fe");
  EXPECT_EQ(record_.messages[0].to, "sut-internal");
  EXPECT_EQ(record_.messages[0].leg, "fe");
  EXPECT_EQ(record_.messages[2].from, "sut-gw1");
  EXPECT_EQ(record_.messages[2].leg, "gw1");
  ASSERT_EQ(record_.legs.size(), 2u);
  EXPECT_EQ(record_.legs[1].name, "gw1");
  EXPECT_EQ(record_.legs[1].call_ids, std::vector<std::string>{"out-1@127.0.0.21"});
  ASSERT_NE(record_.latency_metric("transit"), nullptr);
  EXPECT_EQ(record_.latency_metric("transit")->samples.size(), 6u);
  EXPECT_EQ(record_.count("messages"), 14);
  ASSERT_EQ(record_.rtp.size(), 4u);
  EXPECT_EQ(record_.rtp[3].leg, "gw1");
  EXPECT_EQ(record_.rtp[3].lost, 3);
  EXPECT_EQ(record_.rtp[0].leg, "fe");
}

TEST_F(CaptureJudgeTest, Message) {
  reports::Subtest s = judge("gw-invite", manifest::MessageCheck{on("gw1", "INVITE", "sut")});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.kind, "message");
  EXPECT_EQ(s.message_index, 2u);
  EXPECT_EQ(s.actual, "INVITE sip:14255550100@127.0.0.22:5060");

  s = judge("gw-info", manifest::MessageCheck{on("gw1", "INFO")});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "none");
  EXPECT_EQ(s.message, "no INFO on leg gw1; the leg carried: INVITE, 100, 180, 200, ACK, BYE, 200");

  MessageSelector second_invite = on("gw1", "INVITE");
  second_invite.occurrence = 2;
  s = judge("gw-reinvite", manifest::MessageCheck{second_invite});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "only 1");
}

TEST_F(CaptureJudgeTest, Absent) {
  reports::Subtest s = judge("no-cancel", manifest::AbsentCheck{on("fe", "CANCEL")});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  s = judge("no-trying", manifest::AbsentCheck{on("fe", "INVITE", "sut", "100")});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message_index, 1u);
  EXPECT_EQ(s.highlight, "Status-Line");
  EXPECT_EQ(s.actual, "100 Trying (1 seen)");
}

TEST_F(CaptureJudgeTest, Order) {
  reports::Subtest s =
      judge("relay-order",
            manifest::OrderCheck{{on("fe", "INVITE"), on("gw1", "INVITE"),
                                  on("gw1", "INVITE", "", "180"), on("fe", "INVITE", "", "180")},
                                 {}});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual,
            "INVITE on leg fe@0 < INVITE on leg gw1@2 < 180 to INVITE on leg gw1@4 < 180 to INVITE "
            "on leg fe@5");
  s = judge("wrong-order", manifest::OrderCheck{{on("gw1", "BYE"), on("fe", "BYE")}, {}});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message_index, 10u);
  EXPECT_EQ(s.message, "step 2 (BYE on leg fe) is at message 10, not after message 11");
}

TEST_F(CaptureJudgeTest, OrderStepDelays) {
  using std::chrono::milliseconds;
  manifest::OrderCheck ringing{{on("gw1", "INVITE", "sut"), on("gw1", "INVITE", "gw1", "180")},
                               {{}, {milliseconds(5), milliseconds(20)}}};
  reports::Subtest s = judge("rings-in-time", ringing);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_NE(s.actual.find("180 to INVITE from gw1 on leg gw1@4 after 10 ms"), std::string::npos)
      << s.actual;

  ringing.delays[1] = {std::nullopt, milliseconds(5)};
  s = judge("rings-too-late", ringing);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message_index, 4u);
  EXPECT_EQ(s.message,
            "step 2 (180 to INVITE from gw1 on leg gw1, message 4) came 10 ms after step 1, "
            "expected at most 5 ms");
  ringing.delays[1] = {milliseconds(11), std::nullopt};
  EXPECT_EQ(judge("rings-too-early", ringing).status, Status::kFail);
}

TEST_F(CaptureJudgeTest, Header) {
  reports::Subtest s =
      judge("ruri", manifest::HeaderCheck{on("gw1", "INVITE"), "Request-URI",
                                          manifest::HeaderPredicate::matches, "^sip:14255550100@"});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.highlight, "Request-URI");
  s = judge("ruri-plus", manifest::HeaderCheck{on("gw1", "INVITE"), "Request-URI",
                                               manifest::HeaderPredicate::matches, "^sip:\\+1"});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message_index, 2u);
  EXPECT_EQ(s.expected, "regex ^sip:\\+1");
  EXPECT_EQ(s.actual, "sip:14255550100@127.0.0.22:5060");
  s = judge("call-id",
            manifest::HeaderCheck{on("gw1", "INVITE"), "i", manifest::HeaderPredicate::equals,
                                  "out-1@127.0.0.21"});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  s = judge("no-pai", manifest::HeaderCheck{on("gw1", "INVITE"), "P-Asserted-Identity",
                                            manifest::HeaderPredicate::absent, ""});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  s = judge("has-pai", manifest::HeaderCheck{on("gw1", "INVITE"), "P-Asserted-Identity",
                                             manifest::HeaderPredicate::present, ""});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "absent");
}

TEST_F(CaptureJudgeTest, Sdp) {
  manifest::SdpCheck ok;
  ok.selector = on("gw1", "INVITE", "sut");
  ok.codecs = {"PCMU", "PCMA"};
  ok.connection = "sut";
  ok.direction = "sendrecv";
  ok.profile = "RTP/AVP";
  ok.crypto = false;
  reports::Subtest s = judge("gw-sdp", ok);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.highlight, "body");
  EXPECT_EQ(s.actual, "codecs PCMU,PCMA; c=127.0.0.21; sendrecv; RTP/AVP; no a=crypto");

  manifest::SdpCheck bad;
  bad.selector = on("gw1", "INVITE");
  bad.codecs_exclude = {"PCMU"};
  bad.connection = "fe";
  s = judge("gw-sdp-bad", bad);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(
      s.message,
      "SDP of the INVITE on leg gw1 (message 2) offers PCMU; c= is 127.0.0.21, not 127.0.0.20 "
      "(fe)");

  manifest::SdpCheck no_body;
  no_body.selector = on("gw1", "BYE");
  no_body.direction = "sendrecv";
  s = judge("bye-sdp", no_body);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "no SDP body");
}

TEST_F(CaptureJudgeTest, Response) {
  reports::Subtest s =
      judge("gw-answers", manifest::ResponseCheck{on("gw1", "INVITE", "sut"), "2xx", "18x"});
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual, "100, 180, 200");
  s = judge("gw-busy", manifest::ResponseCheck{on("gw1", "INVITE"), "486", "183"});
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message_index, 6u);
  EXPECT_EQ(s.highlight, "Status-Line");
  EXPECT_EQ(s.message,
            "INVITE on leg gw1 (message 2): final response 200, expected 486; no 183 provisional");
}

TEST_F(CaptureJudgeTest, Latency) {
  manifest::LatencyCheck transit;
  transit.metric = manifest::LatencyMetric::transit;
  transit.method = "INVITE";
  transit.statistic = "p99";
  transit.max = std::chrono::microseconds(5000);
  reports::Subtest s = judge("transit", transit);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual, "300");
  transit.max = std::chrono::microseconds(100);
  s = judge("transit-tight", transit);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message, "p99 transit of INVITE 300 us over 3 samples (<= 100 us)");

  manifest::LatencyCheck setup;
  setup.metric = manifest::LatencyMetric::setup_time;
  setup.statistic = "max";
  setup.min = std::chrono::microseconds(500'000);
  s = judge("setup", setup);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual, std::to_string(300 + 10'000 + 500'000 + 300));

  manifest::LatencyCheck info = transit;
  info.method = "INFO";
  info.max = std::chrono::microseconds(5000);
  s = judge("info", info);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "no samples");
}

TEST_F(CaptureJudgeTest, Count) {
  manifest::CountCheck messages;
  messages.what = manifest::CountedThing::messages;
  messages.selector.leg = "gw1";
  messages.bounds.equals = 7;
  reports::Subtest s = judge("gw-messages", messages);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual, "7");

  manifest::CountCheck responses;
  responses.what = manifest::CountedThing::responses;
  responses.selector.from = "sut";
  responses.bounds.min = 5;
  s = judge("sut-responses", responses);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "4");
  EXPECT_EQ(s.expected, ">= 5");

  manifest::CountCheck retransmissions;
  retransmissions.what = manifest::CountedThing::retransmissions;
  retransmissions.bounds.equals = 0;
  EXPECT_EQ(judge("no-rtx", retransmissions).status, Status::kPass);

  manifest::CountCheck completed;
  completed.what = manifest::CountedThing::calls_completed;
  completed.selector.leg = "gw1";
  completed.bounds.equals = 1;
  EXPECT_EQ(judge("completed", completed).status, Status::kPass);

  manifest::CountCheck findings;
  findings.what = manifest::CountedThing::findings;
  findings.bounds.max = 0;
  EXPECT_EQ(judge("clean", findings).status, Status::kPass);

  manifest::CountCheck requests;
  requests.what = manifest::CountedThing::requests;
  requests.selector.leg = "fe";
  requests.selector.method = "INVITE";
  requests.bounds.equals = 2;
  s = judge("fe-invites", requests);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "1");
}

TEST_F(CaptureJudgeTest, EarlyDialogsAreCountedOncePerToTag) {
  manifest::CountCheck early;
  early.what = manifest::CountedThing::early_dialogs;
  early.selector.leg = "gw1";
  early.bounds.equals = 1;
  reports::Subtest s = judge("gw-early", early);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  early.selector.from = "sut";
  early.bounds.equals = 0;
  s = judge("sut-sends-none-to-gw", early);
  EXPECT_EQ(s.status, Status::kPass) << s.message;

  // The callee forks: two more early dialogs, and the first one rings twice.
  testing::B2buaCall call;
  std::vector<testing::WireMessage> wire = testing::b2bua_call(call);
  const auto invite = std::find_if(wire.begin(), wire.end(), [&](const testing::WireMessage& w) {
    return w.src == call.sut_out && w.text.rfind("INVITE", 0) == 0;
  });
  ASSERT_NE(invite, wire.end());
  const std::string invite_out = invite->text;
  const uint64_t t = invite->t_us + 20'000;
  wire.push_back({t, call.callee, call.sut_out,
                  testing::response(183, "Session Progress", invite_out, "fork-2")});
  wire.push_back({t + 10, call.callee, call.sut_out,
                  testing::response(183, "Session Progress", invite_out, "fork-3")});
  wire.push_back({t + 20, call.callee, call.sut_out,
                  testing::response(183, "Session Progress", invite_out, "fork-2")});
  std::stable_sort(wire.begin(), wire.end(),
                   [](const auto& a, const auto& b) { return a.t_us < b.t_us; });
  testing::CaptureFile forked(testing::temp_path("judge-forked.pcap"));
  forked.add(wire);
  forked.close();
  pcap_ = forked.path();
  early.selector.from = "gw1";
  early.bounds.equals = 3;
  s = judge("three-forks", early);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual, "3");
  EXPECT_EQ(s.message, "early-dialogs on leg gw1, 18x from gw1: 3, expected == 3");
  early.selector.leg = "fe";
  early.selector.from.clear();
  s = judge("caller-sees-one", early);
  EXPECT_EQ(s.status, Status::kFail) << "the SUT relayed one early dialog in this capture";
  EXPECT_EQ(s.actual, "1");
}

TEST_F(CaptureJudgeTest, Media) {
  manifest::MediaCheck gw;
  gw.leg = "gw1";
  gw.codec = "PCMU";
  gw.min_packets = 40;
  reports::Subtest s = judge("gw-media", gw);
  EXPECT_EQ(s.status, Status::kPass) << s.message;

  gw.from = "gw1";
  gw.max_lost = 0;
  s = judge("gw-loss", gw);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.message, "RTP on leg gw1 from gw1: 127.0.0.22:40000 -> 127.0.0.21:30000 lost 3");

  manifest::MediaCheck bypass;
  bypass.leg = "fe";
  bypass.present = false;
  s = judge("bypass", bypass);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.expected, "no RTP");

  manifest::MediaCheck jitter;
  jitter.leg = "fe";
  jitter.from = "sut";
  jitter.max_jitter = std::chrono::microseconds(1000);
  s = judge("fe-jitter", jitter);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  EXPECT_EQ(s.actual,
            "127.0.0.21:30002 -> 127.0.0.20:20000 PCMU 50 packets, 0 lost, jitter 0.00 ms");
}

// Media bypass: RTP flows between the endpoints directly, and counts for the legs of both.
TEST_F(CaptureJudgeTest, MediaBetweenEndpointsDirectly) {
  testing::CaptureFile bypass(testing::temp_path("bypass.pcap"));
  bypass.add(testing::b2bua_call({}));
  bypass.rtp(520'000, ep("127.0.0.20:20000"), ep("127.0.0.22:40000"), 0x4444, 30);
  bypass.close();
  pcap_ = bypass.path();
  manifest::MediaCheck from_fe;
  from_fe.leg = "gw1";
  from_fe.from = "fe";
  from_fe.min_packets = 30;
  reports::Subtest s = judge("bypass-from-fe", from_fe);
  EXPECT_EQ(s.status, Status::kPass) << s.message;
  manifest::MediaCheck through_sut;
  through_sut.leg = "gw1";
  through_sut.from = "sut";
  s = judge("relayed", through_sut);
  EXPECT_EQ(s.status, Status::kFail);
  EXPECT_EQ(s.actual, "no RTP");
}

TEST_F(CaptureJudgeTest, WithoutACaptureEveryWireExpectationFails) {
  manifest_.expectations = {Expectation{"m", manifest::MessageCheck{on("gw1", "INVITE")}, {}},
                            Expectation{"p", manifest::ProcessCheck{"gw1", 0, {}, {}, {}}, {}}};
  CaptureJudge judge;
  const auto subtests = judge.judge(manifest_, CaseArtifacts{}, record_);
  ASSERT_EQ(subtests.size(), 1u);
  EXPECT_EQ(subtests[0].status, Status::kFail);
  EXPECT_EQ(subtests[0].message, "cannot judge from the wire: no capture was taken");
}

}  // namespace
}  // namespace sipconf::harness
