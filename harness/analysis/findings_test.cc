#include "harness/analysis/findings.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;
using testing::LegIds;
using testing::request;
using testing::response;
using testing::sip_text;

const Endpoint kPartyA = ep("10.0.0.1:5060");
const Endpoint kPartyB = ep("10.0.0.2:5060");

LegIds ids() {
  LegIds l;
  l.call_id = "f-1";
  l.via = kPartyA.to_string();
  return l;
}

std::vector<Finding> findings_of(const std::vector<testing::WireMessage>& messages,
                                 uint64_t capture_end_us = 0) {
  SipTrace trace;
  testing::feed(trace, messages);
  FindingOptions options;
  options.capture_start_ns = trace.messages().empty() ? 0 : trace.message(0).timestamp_ns();
  options.capture_end_ns = std::max(trace.messages().back().timestamp_ns(),
                                    options.capture_start_ns + capture_end_us * 1000);
  return find_violations(trace, options);
}

std::vector<Finding> of_rule(const std::vector<Finding>& all, const std::string& rule) {
  std::vector<Finding> out;
  for (const Finding& f : all) {
    if (f.rule == rule) out.push_back(f);
  }
  return out;
}

/// A clean call: INVITE, 180, 200, ACK, BYE, 200.
std::vector<testing::WireMessage> clean_call() {
  LegIds l = ids();
  const std::string invite = request("INVITE", "sip:b@b", l, 1, "z9hG4bK-1");
  l.to_tag = "t";
  const std::string bye = request("BYE", "sip:b@b", l, 2, "z9hG4bK-3");
  return {{0, kPartyA, kPartyB, invite},
          {10, kPartyB, kPartyA, response(180, "Ringing", invite, "t")},
          {20, kPartyB, kPartyA, response(200, "OK", invite, "t")},
          {30, kPartyA, kPartyB, request("ACK", "sip:b@b", l, 1, "z9hG4bK-2")},
          {40, kPartyA, kPartyB, bye},
          {50, kPartyB, kPartyA, response(200, "OK", bye, "")}};
}

TEST(Findings, ACleanCallHasNone) { EXPECT_TRUE(findings_of(clean_call()).empty()); }

TEST(Findings, ViaBranchWithoutMagicCookie) {
  auto messages = clean_call();
  LegIds l = ids();
  l.to_tag = "t";
  messages.push_back({60, kPartyA, kPartyB, request("INFO", "sip:b@b", l, 3, "1234")});
  const auto found = of_rule(findings_of(messages), "RFC3261-8.1.1.7");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 6u);
  EXPECT_EQ(found[0].severity, FindingSeverity::kWarning);
  EXPECT_NE(found[0].text.find("`1234`"), std::string::npos);
}

TEST(Findings, MissingToTagOnA2xx) {
  auto messages = clean_call();
  const std::string invite = messages[0].text;
  messages[2].text = response(200, "OK", invite, "");
  const auto found = of_rule(findings_of(messages), "RFC3261-8.2.6.2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 2u);
  EXPECT_EQ(found[0].severity, FindingSeverity::kError);
}

TEST(Findings, CSeqNotIncreasingInADialog) {
  auto messages = clean_call();
  LegIds l = ids();
  l.to_tag = "t";
  // BYE with CSeq 1 after the INVITE's 1.
  messages[4].text = request("BYE", "sip:b@b", l, 1, "z9hG4bK-3");
  messages[5].text = response(200, "OK", messages[4].text, "");
  const auto found = of_rule(findings_of(messages), "RFC3261-12.2.1.1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 4u);
  // The callee's own requests have their own CSeq space: a re-INVITE from it with CSeq 1
  // is fine.
  auto both_sides = clean_call();
  LegIds callee;
  callee.call_id = "f-1";
  callee.from = "<sip:+14255550100@b.test>";
  callee.from_tag = "t";
  callee.to = "<sip:alice@a.test>";
  callee.to_tag = "caller-tag";
  callee.via = kPartyB.to_string();
  const std::string reinvite = request("INVITE", "sip:a@a", callee, 1, "z9hG4bK-re");
  both_sides.insert(both_sides.begin() + 4,
                    {{35, kPartyB, kPartyA, reinvite},
                     {36, kPartyA, kPartyB, response(200, "OK", reinvite, "")}});
  EXPECT_TRUE(of_rule(findings_of(both_sides), "RFC3261-12.2.1.1").empty());
}

TEST(Findings, CSeqNotIncreasingOutsideADialog) {
  LegIds l = ids();
  const std::string first = request("REGISTER", "sip:reg", l, 5, "z9hG4bK-r1");
  const std::string again = request("REGISTER", "sip:reg", l, 5, "z9hG4bK-r2");
  const std::string next = request("REGISTER", "sip:reg", l, 6, "z9hG4bK-r3");
  auto found = of_rule(findings_of({{0, kPartyA, kPartyB, first},
                                    {10, kPartyB, kPartyA, response(200, "OK", first, "r")},
                                    {20, kPartyA, kPartyB, again},
                                    {30, kPartyB, kPartyA, response(200, "OK", again, "r")}}),
                       "RFC3261-8.1.1.5");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 2u);
  EXPECT_TRUE(of_rule(findings_of({{0, kPartyA, kPartyB, first},
                                   {10, kPartyB, kPartyA, response(200, "OK", first, "r")},
                                   {20, kPartyA, kPartyB, next}}),
                      "RFC3261-8.1.1.5")
                  .empty());
}

TEST(Findings, MissingAckForA2xx) {
  auto messages = clean_call();
  messages.erase(messages.begin() + 3);
  // The capture went on 40 s after the 200: an error.
  auto found = of_rule(findings_of(messages, 40'000'000), "RFC3261-13.2.2.4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 2u);
  EXPECT_EQ(found[0].severity, FindingSeverity::kError);
  // It ended a moment later: the ACK may not have been captured.
  found = of_rule(findings_of(messages), "RFC3261-13.2.2.4");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].severity, FindingSeverity::kWarning);
}

TEST(Findings, ContentLengthMismatch) {
  const std::string options = sip_text(
      "OPTIONS sip:b SIP/2.0",
      {"Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", "Max-Forwards: 70", "From: <sip:a@a>;tag=1",
       "To: <sip:b@b>", "Call-ID: cl", "CSeq: 1 OPTIONS", "Content-Length: 2"},
      "abcdef");
  const auto found = of_rule(findings_of({{0, kPartyA, kPartyB, options}}), "RFC3261-18.3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].text.find("4 bytes follow"), std::string::npos);
  const std::string too_long = sip_text(
      "OPTIONS sip:b SIP/2.0",
      {"Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK2", "Max-Forwards: 70", "From: <sip:a@a>;tag=1",
       "To: <sip:b@b>", "Call-ID: cl", "CSeq: 2 OPTIONS", "Content-Length: 50"},
      "abc");
  const auto exceeds = of_rule(findings_of({{0, kPartyA, kPartyB, too_long}}), "RFC3261-18.3");
  ASSERT_EQ(exceeds.size(), 1u);
  EXPECT_EQ(exceeds[0].severity, FindingSeverity::kError);
  // Over TCP without Content-Length at all.
  SipTrace trace;
  CapturedSipMessage m = parse_captured_message(
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK3\r\nFrom: <sip:a@a>;tag=1\r\n"
      "To: <sip:b@b>;tag=2\r\nCall-ID: cl\r\nCSeq: 3 OPTIONS\r\n\r\n",
      SipTransport::kTcp, /*stream_without_length=*/true);
  trace.on_sip_message(std::move(m));
  EXPECT_EQ(of_rule(find_violations(trace, {}), "RFC3261-18.3").size(), 1u);
}

TEST(Findings, LenientParseViolations) {
  // A Max-Forwards above 255 is repaired by the lenient parser and reported.
  const std::string text =
      sip_text("OPTIONS sip:b SIP/2.0",
               {"Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", "Max-Forwards: 300",
                "From: <sip:a@a>;tag=1", "To: <sip:b@b>", "Call-ID: g1", "CSeq: 1 OPTIONS"});
  const auto found = of_rule(findings_of({{0, kPartyA, kPartyB, text}}), "RFC3261-25");
  ASSERT_FALSE(found.empty());
  EXPECT_NE(found[0].text.find("Max-Forwards"), std::string::npos);
  EXPECT_TRUE(of_rule(findings_of(clean_call()), "RFC3261-25").empty());
}

TEST(Findings, TryingToANonInviteOverUdp) {
  LegIds l = ids();
  const std::string options = request("OPTIONS", "sip:b", l, 1, "z9hG4bK-o");
  const auto found =
      of_rule(findings_of({{0, kPartyA, kPartyB, options},
                           {1, kPartyB, kPartyA, response(100, "Trying", options, "")},
                           {2, kPartyB, kPartyA, response(200, "OK", options, "x")}}),
              "RFC4320-4.1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 1u);
  // To an INVITE it is what RFC 3261 asks for; over TCP it is allowed.
  EXPECT_TRUE(of_rule(findings_of(clean_call()), "RFC4320-4.1").empty());
  std::vector<testing::WireMessage> over_tcp{
      {0, kPartyA, kPartyB, options, true},
      {1, kPartyB, kPartyA, response(100, "Trying", options, ""), true}};
  EXPECT_TRUE(of_rule(findings_of(over_tcp), "RFC4320-4.1").empty());
}

TEST(Findings, ResponseToAnUnknownTransaction) {
  const std::string bye = request("BYE", "sip:b", ids(), 2, "z9hG4bK-unseen");
  auto messages = clean_call();
  messages.push_back({40'000'000, kPartyB, kPartyA, response(200, "OK", bye, "t")});
  const auto found = of_rule(findings_of(messages), "RFC3261-17.1.3");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 6u);
  EXPECT_EQ(found[0].severity, FindingSeverity::kWarning);
  // Right at the start of a capture the request may just predate it.
  const auto early = of_rule(findings_of({{0, kPartyB, kPartyA, response(200, "OK", bye, "t")}}),
                             "RFC3261-17.1.3");
  ASSERT_EQ(early.size(), 1u);
  EXPECT_EQ(early[0].severity, FindingSeverity::kInfo);
}

TEST(Findings, MaxForwardsMissing) {
  const std::string text =
      sip_text("OPTIONS sip:b SIP/2.0",
               {"Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", "From: <sip:a@a>;tag=1",
                "To: <sip:b@b>", "Call-ID: m1", "CSeq: 1 OPTIONS"});
  const auto found = of_rule(findings_of({{0, kPartyA, kPartyB, text}}), "RFC3261-8.1.1.6");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(of_rule(findings_of(clean_call()), "RFC3261-8.1.1.6").empty());
}

TEST(Findings, MandatoryHeaderMissing) {
  const std::string text = sip_text(
      "OPTIONS sip:b SIP/2.0", {"Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1", "Max-Forwards: 70",
                                "From: <sip:a@a>;tag=1", "CSeq: 1 OPTIONS"});
  const auto found = of_rule(findings_of({{0, kPartyA, kPartyB, text}}), "RFC3261-8.1.1");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_NE(found[0].text.find("To, Call-ID"), std::string::npos);
}

TEST(Findings, InviteWithoutContact) {
  std::string invite = request("INVITE", "sip:b@b", ids(), 1, "z9hG4bK-1");
  const std::size_t contact = invite.find("Contact:");
  invite.erase(contact, invite.find("\r\n", contact) + 2 - contact);
  const auto found = of_rule(findings_of({{0, kPartyA, kPartyB, invite}}), "RFC3261-8.1.1.8");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(of_rule(findings_of(clean_call()), "RFC3261-8.1.1.8").empty());
}

TEST(Findings, FinalResponseAfter487) {
  LegIds l = ids();
  const std::string invite = request("INVITE", "sip:b@b", l, 1, "z9hG4bK-1");
  const std::string cancel = request("CANCEL", "sip:b@b", l, 1, "z9hG4bK-1");
  std::vector<testing::WireMessage> messages{
      {0, kPartyA, kPartyB, invite},
      {10, kPartyA, kPartyB, cancel},
      {20, kPartyB, kPartyA, response(200, "OK", cancel, "t")},
      {30, kPartyB, kPartyA, response(487, "Request Terminated", invite, "t")}};
  EXPECT_TRUE(of_rule(findings_of(messages), "RFC3261-9.2").empty());
  messages.push_back({40, kPartyB, kPartyA, response(200, "OK", invite, "t")});
  const auto found = of_rule(findings_of(messages), "RFC3261-9.2");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].message_index, 4u);
}

TEST(Findings, RetransmissionsAreNotReportedTwice) {
  LegIds l = ids();
  const std::string info = request("INFO", "sip:b@b", l, 3, "old-branch");
  const auto found = findings_of({{0, kPartyA, kPartyB, info}, {500'000, kPartyA, kPartyB, info}});
  EXPECT_EQ(of_rule(found, "RFC3261-8.1.1.7").size(), 1u);
}

TEST(Findings, EveryRuleIsListed) {
  std::vector<std::string> ids;
  for (const FindingRule& rule : finding_rules()) ids.emplace_back(rule.id);
  for (const char* rule : {"RFC3261-8.1.1.7", "RFC3261-8.2.6.2", "RFC3261-12.2.1.1",
                           "RFC3261-13.2.2.4", "RFC3261-18.3", "RFC3261-25", "RFC4320-4.1",
                           "RFC3261-17.1.3", "RFC3261-8.1.1.6", "RFC3261-9.2"}) {
    EXPECT_NE(std::find(ids.begin(), ids.end(), rule), ids.end()) << rule;
  }
}

}  // namespace
}  // namespace sipconf::harness
