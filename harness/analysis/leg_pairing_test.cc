#include "harness/analysis/leg_pairing.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;

std::vector<testing::WireMessage> two_calls(bool second_first_out = false) {
  testing::B2buaCall one;
  testing::B2buaCall two;
  two.caller = ep("127.0.0.30:5060");
  two.in_call_id = "in-2@127.0.0.30";
  two.out_call_id = "out-2@127.0.0.21";
  two.number = "+14255550199";
  two.start_us = 100;
  two.transit_us = second_first_out ? 50 : 300;
  auto messages = testing::b2bua_call(one);
  auto more = testing::b2bua_call(two);
  messages.insert(messages.end(), more.begin(), more.end());
  std::stable_sort(messages.begin(), messages.end(),
                   [](const auto& a, const auto& b) { return a.t_us < b.t_us; });
  return messages;
}

TEST(LegPairing, PairsAB2buaCallThroughAKnownSut) {
  SipTrace trace;
  testing::feed(trace, testing::b2bua_call({}));
  const auto links = pair_legs(trace.legs(), {{ep("127.0.0.21:1").ip}});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].inbound, 0u);
  EXPECT_EQ(links[0].outbound, 1u);
  EXPECT_EQ(links[0].evidence, "sut, same element, called number");
  const auto calls = chain_calls(trace.legs(), links);
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].legs, (std::vector<std::size_t>{0, 1}));
}

TEST(LegPairing, InfersTheMiddleElementWithoutBeingTold) {
  SipTrace trace;
  testing::feed(trace, testing::b2bua_call({}));
  const auto links = pair_legs(trace.legs(), {});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].evidence, "same element, called number");
}

// Two concurrent calls whose outbound INVITEs leave in the other order: the called
// numbers, not arrival order, decide.
TEST(LegPairing, ConcurrentCallsPairByCalledNumber) {
  SipTrace trace;
  testing::feed(trace, two_calls(/*second_first_out=*/true));
  const auto links = pair_legs(trace.legs(), {{ep("127.0.0.21:1").ip}});
  ASSERT_EQ(links.size(), 2u);
  for (const LegLink& link : links) {
    EXPECT_EQ(trace.legs()[link.inbound].called_user.substr(1),
              trace.legs()[link.outbound].called_user)
        << link.evidence;
  }
}

TEST(LegPairing, AKnownSutExcludesLegsThatDoNotCrossIt) {
  SipTrace trace;
  testing::feed(trace, testing::b2bua_call({}));
  // Told that another address is the SUT, nothing pairs.
  EXPECT_TRUE(pair_legs(trace.legs(), {{ep("127.0.0.99:1").ip}}).empty());
}

TEST(LegPairing, IndependentCallsStayApart) {
  // Two calls from one UA to another, seconds apart (sip-rtp-g711.pcap): no element
  // receives one and places the other.
  testing::LegIds a;
  a.call_id = "c1";
  a.via = "10.0.0.1:5060";
  testing::LegIds b = a;
  b.call_id = "c2";
  SipTrace trace;
  testing::feed(trace, {{0, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"),
                         testing::request("INVITE", "sip:100@x", a, 1, "z9hG4bK1")},
                        {1'000'000, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"),
                         testing::request("INVITE", "sip:100@x", b, 1, "z9hG4bK2")}});
  EXPECT_TRUE(pair_legs(trace.legs(), {}).empty());
  EXPECT_EQ(chain_calls(trace.legs(), {}).size(), 2u);
}

TEST(LegPairing, ProxiedCallsShareTheCallIdAcrossHops) {
  testing::LegIds l;
  l.call_id = "p1";
  l.via = "10.0.0.1:5060";
  const std::string invite = testing::request("INVITE", "sip:bob@x", l, 1, "z9hG4bK1");
  SipTrace trace;
  testing::feed(trace, {{0, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"), invite},
                        {100, ep("10.0.0.3:5060"), ep("10.0.0.4:5060"), invite}});
  const auto links = pair_legs(trace.legs(), {});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].evidence, "same Call-ID");
}

TEST(LegPairing, CorrelatedIdentifiersAcrossAMultiHomedSbc) {
  // FAX-Call-t38-CA-TDM-SIP-FB-1.pcap: the SBC's outbound From tag embeds the inbound one.
  testing::LegIds in;
  in.call_id = "00e9d4a5@10.35.40.25";
  in.from_tag = "00e9d478";
  in.via = "10.35.40.25:5060";
  testing::LegIds out;
  out.call_id = "SD4909701-9ff11bf7";
  out.from_tag = "SD4909701-00e9d478";
  out.via = "138.132.169.101:5060";
  SipTrace trace;
  testing::feed(trace, {{0, ep("10.35.40.25:5060"), ep("10.35.40.200:5060"),
                         testing::request("INVITE", "sip:061963177@x", in, 1, "z9hG4bK1")},
                        {5000, ep("138.132.169.101:5060"), ep("192.168.100.219:5060"),
                         testing::request("INVITE", "sip:061963177@y", out, 1, "z9hG4bK2")}});
  const auto links = pair_legs(trace.legs(), {});
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0].evidence, "correlated identifiers, called number");
}

TEST(LegPairing, ANumberAloneMustBeQuick) {
  testing::LegIds in;
  in.call_id = "x1";
  in.via = "10.0.0.1:5060";
  testing::LegIds out;
  out.call_id = "y1";
  out.from_tag = "other";
  out.via = "10.0.0.8:5060";
  for (uint64_t delay : {500'000ULL, 5'000'000ULL}) {
    SipTrace trace;
    testing::feed(trace, {{0, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"),
                           testing::request("INVITE", "sip:+14255550100@x", in, 1, "z9hG4bK1")},
                          {delay, ep("10.0.0.8:5060"), ep("10.0.0.9:5060"),
                           testing::request("INVITE", "sip:4255550100@y", out, 1, "z9hG4bK2")}});
    EXPECT_EQ(pair_legs(trace.legs(), {}).size(), delay < 2'000'000 ? 1u : 0u) << delay;
  }
}

// Calls proxied one after another (sipp through Kamailio): the second call's first leg
// goes back to the host that placed the first call's second leg; the called number is the
// same but it is not a relay.
TEST(LegPairing, ANumberAloneDoesNotChainSuccessiveCalls) {
  testing::LegIds first;
  first.call_id = "1-100@uac";
  first.via = "10.0.0.1:5060";
  testing::LegIds second = first;
  second.call_id = "2-100@uac";
  SipTrace trace;
  testing::feed(trace, {{0, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"),
                         testing::request("INVITE", "sip:14255550100@p", first, 1, "z9hG4bK1")},
                        {100, ep("10.0.0.2:5060"), ep("10.0.0.3:5060"),
                         testing::request("INVITE", "sip:14255550100@u", first, 1, "z9hG4bK2")},
                        {80'000, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"),
                         testing::request("INVITE", "sip:14255550100@p", second, 1, "z9hG4bK3")},
                        {80'100, ep("10.0.0.2:5060"), ep("10.0.0.3:5060"),
                         testing::request("INVITE", "sip:14255550100@u", second, 1, "z9hG4bK4")}});
  const auto links = pair_legs(trace.legs(), {});
  ASSERT_EQ(links.size(), 2u);
  EXPECT_EQ(links[0].inbound, 0u);
  EXPECT_EQ(links[0].outbound, 1u);
  EXPECT_EQ(links[1].inbound, 2u);
  EXPECT_EQ(links[1].outbound, 3u);
  EXPECT_EQ(chain_calls(trace.legs(), links).size(), 2u);
}

// SIPp numbers its calls in tags and Call-IDs: call 10's tag extends call 1's, which is
// not a correlation.
TEST(LegPairing, SequentialIdentifiersAreNotCorrelated) {
  testing::LegIds first;
  first.call_id = "1-11173@10.0.0.1";
  first.from_tag = "11173SIPpTag001";
  first.via = "10.0.0.1:5060";
  testing::LegIds tenth = first;
  tenth.call_id = "10-11173@10.0.0.1";
  tenth.from_tag = "11173SIPpTag0010";
  SipTrace trace;
  testing::feed(trace, {{0, ep("10.0.0.2:5060"), ep("10.0.0.3:5060"),
                         testing::request("INVITE", "sip:alice@x", first, 1, "z9hG4bK1")},
                        {500'000, ep("10.0.0.1:5060"), ep("10.0.0.2:5060"),
                         testing::request("INVITE", "sip:bob@x", tenth, 1, "z9hG4bK2")}});
  EXPECT_TRUE(pair_legs(trace.legs(), {}).empty());
}

TEST(LegPairing, DigitsOf) {
  EXPECT_EQ(digits_of("+1 (425) 555-0100"), "14255550100");
  EXPECT_EQ(digits_of("alice"), "");
}

}  // namespace
}  // namespace sipconf::harness
