#include "harness/analysis/call_metrics.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;

CallMetrics measure(const std::vector<testing::WireMessage>& messages, SipTrace& trace,
                    const std::vector<IpAddress>& middle = {}) {
  testing::feed(trace, messages);
  LegPairingOptions options;
  options.middle = middle;
  const auto links = pair_legs(trace.legs(), options);
  return compute_call_metrics(trace, links, chain_calls(trace.legs(), links));
}

TEST(CallMetrics, TransitOfEveryRelayedMessage) {
  testing::B2buaCall call;
  call.transit_us = 300;
  SipTrace trace;
  const CallMetrics m = measure(testing::b2bua_call(call), trace);
  // INVITE, 180, 200, ACK, BYE, 200 (BYE): six relays, each 300 us; 100 Trying is not relayed.
  ASSERT_EQ(m.transit.size(), 6u);
  for (const TransitSample& s : m.transit) EXPECT_EQ(s.transit_us, 300) << s.method << s.status;
  EXPECT_EQ(m.transit_us("INVITE").size(), 3u);  // the INVITE, its 180 and 200
  EXPECT_EQ(m.transit_us("BYE").size(), 2u);
  EXPECT_EQ(m.transit_us("ACK").size(), 1u);
  EXPECT_EQ(m.transit[0].method, "INVITE");
  EXPECT_EQ(m.transit[0].status, 0);
  EXPECT_EQ(trace.message(m.transit[0].arrival).captured.dst, call.sut_in);
  EXPECT_EQ(trace.message(m.transit[0].departure).captured.src, call.sut_out);
}

TEST(CallMetrics, PostDialDelayAndSetupTimeOnTheOriginatingLeg) {
  testing::B2buaCall call;
  call.transit_us = 300;
  call.ring_us = 10'000;
  call.answer_us = 500'000;
  SipTrace trace;
  const CallMetrics m = measure(testing::b2bua_call(call), trace);
  ASSERT_EQ(m.calls.size(), 1u);
  // The caller's INVITE at 0; the 180 reaches it after transit + ring + transit.
  EXPECT_EQ(m.calls[0].post_dial_delay_us, 300 + 10'000 + 300);
  EXPECT_EQ(m.calls[0].setup_time_us, 300 + 10'000 + 500'000 + 300);
  EXPECT_EQ(m.calls[0].final_status, 200);
  EXPECT_TRUE(m.calls[0].completed);
  EXPECT_EQ(m.calls_completed, 1u);
  EXPECT_EQ(m.post_dial_delay_us(), (std::vector<int64_t>{10'600}));
}

TEST(CallMetrics, ATranslatedFailurePairsFinalWithFinal) {
  testing::B2buaCall call;
  call.final_status = 486;
  SipTrace trace;
  auto messages = testing::b2bua_call(call);
  // The SUT answers the caller 480 where the callee said 486 (TC-14).
  for (auto& w : messages) {
    if (w.src == call.sut_in && w.text.rfind("SIP/2.0 486", 0) == 0) {
      w.text.replace(8, 13, "480 Temporarily Unavailable");
    }
  }
  const CallMetrics m = measure(messages, trace);
  std::vector<int> statuses;
  for (const TransitSample& s : m.transit) statuses.push_back(s.status);
  EXPECT_EQ(statuses, (std::vector<int>{0, 180, 486}));
  EXPECT_EQ(m.calls[0].final_status, 480);
  EXPECT_FALSE(m.calls[0].completed);
  EXPECT_FALSE(m.calls[0].setup_time_us.has_value());
}

TEST(CallMetrics, RetransmissionsAndResponseTimes) {
  testing::LegIds l;
  l.call_id = "r1";
  l.via = "10.0.0.1:5060";
  const std::string options = testing::request("OPTIONS", "sip:b", l, 1, "z9hG4bK1");
  SipTrace trace;
  const CallMetrics m = measure({{0, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"), options},
                                 {500'000, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"), options},
                                 {700'000, ep("10.0.0.2:5060"), ep("10.0.0.1:5060"),
                                  testing::response(200, "OK", options, "x")}},
                                trace);
  EXPECT_EQ(m.retransmissions, 1u);
  ASSERT_EQ(m.response_time_us.count("OPTIONS"), 1u);
  EXPECT_EQ(m.response_time_us.at("OPTIONS"), (std::vector<int64_t>{700'000}));
  EXPECT_TRUE(m.calls.empty());
}

// The B2BUA acknowledges its own 200 at once, before the caller's ACK arrives: that ACK
// is not the counterpart of the caller's, and the caller's finds none.
TEST(CallMetrics, AnEarlyLocalAckIsNotARelay) {
  testing::B2buaCall call;
  auto messages = testing::b2bua_call(call);
  for (auto& w : messages) {
    if (w.src == call.sut_out && w.text.rfind("ACK", 0) == 0) w.t_us -= 1000;
  }
  std::stable_sort(messages.begin(), messages.end(),
                   [](const auto& a, const auto& b) { return a.t_us < b.t_us; });
  SipTrace trace;
  const CallMetrics m = measure(messages, trace);
  EXPECT_TRUE(m.transit_us("ACK").empty());
  EXPECT_EQ(m.transit_us("INVITE").size(), 3u);
}

}  // namespace
}  // namespace sipconf::harness
