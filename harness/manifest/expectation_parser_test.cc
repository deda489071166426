#include "harness/manifest/expectation_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sipconf::manifest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

struct Parsed {
  std::vector<Expectation> expectations;
  std::vector<std::string> errors;
};

/// Parses `<expectations>` holding `body`; line 1 is the <expectations> tag.
Parsed parse(const std::string& body) {
  Parsed parsed;
  base::Diagnostics diags;
  base::XmlFile file;
  if (!file.parse("<expectations>\n" + body + "</expectations>\n", "case.xml", diags)) {
    parsed.expectations = parse_expectations(file, file.root(), diags);
  }
  for (const base::Diagnostic& d : diags) parsed.errors.push_back(d.to_string());
  return parsed;
}

TEST(ExpectationParser, ParsesEveryKind) {
  const Parsed parsed = parse(
      "<message name=\"m\" leg=\"gw1\" from=\"sut\" method=\"INVITE\"/>\n"
      "<absent name=\"a\" leg=\"gw1\" method=\"REFER\"/>\n"
      "<order name=\"o\" leg=\"gw1\"><step method=\"INVITE\"/><step status=\"18x\" "
      "method=\"INVITE\"/><step leg=\"fe\" method=\"INVITE\" status=\"200\"/></order>\n"
      "<header name=\"h\" leg=\"gw1\" method=\"INVITE\" header=\"Request-URI\" "
      "matches=\"^sip:1425\"/>\n"
      "<sdp name=\"s\" leg=\"gw1\" method=\"INVITE\" codecs=\"PCMU,PCMA\" "
      "codecs-exclude=\"G729\" connection=\"sut\" crypto=\"false\" profile=\"RTP/AVP\"/>\n"
      "<response name=\"r\" leg=\"fe\" method=\"INVITE\" final=\"404\" provisional=\"18x\"/>\n"
      "<latency name=\"l\" metric=\"transit\" method=\"INVITE\" statistic=\"p99\" max=\"5ms\"/>\n"
      "<count name=\"c\" what=\"retransmissions\" leg=\"gw1\" max=\"0\"/>\n"
      "<media name=\"md\" leg=\"gw1\" from=\"sut\" codec=\"PCMU\" min-packets=\"100\" "
      "max-lost=\"0\" max-jitter=\"20ms\"/>\n"
      "<process name=\"p\" endpoint=\"fe\" exit=\"calls-failed\" failed-calls=\"1\"/>\n"
      "<process name=\"alive\" endpoint=\"sut\" alive=\"true\"/>\n");
  ASSERT_THAT(parsed.errors, IsEmpty());
  ASSERT_EQ(parsed.expectations.size(), 11u);
  std::vector<ExpectationKind> kinds;
  for (const Expectation& e : parsed.expectations) kinds.push_back(e.kind());
  EXPECT_THAT(kinds,
              ElementsAre(ExpectationKind::message, ExpectationKind::absent, ExpectationKind::order,
                          ExpectationKind::header, ExpectationKind::sdp, ExpectationKind::response,
                          ExpectationKind::latency, ExpectationKind::count, ExpectationKind::media,
                          ExpectationKind::process, ExpectationKind::process));

  const auto& message = std::get<MessageCheck>(parsed.expectations[0].check);
  EXPECT_EQ(message.selector.leg, "gw1");
  EXPECT_EQ(message.selector.from, "sut");
  EXPECT_EQ(message.selector.method, "INVITE");
  EXPECT_FALSE(message.selector.selects_responses());
  EXPECT_EQ(parsed.expectations[0].where.line, 2);

  const auto& order = std::get<OrderCheck>(parsed.expectations[2].check);
  ASSERT_EQ(order.steps.size(), 3u);
  EXPECT_EQ(order.steps[0].leg, "gw1");
  EXPECT_EQ(order.steps[1].status, "18x");
  EXPECT_EQ(order.steps[2].leg, "fe");

  const auto& header = std::get<HeaderCheck>(parsed.expectations[3].check);
  EXPECT_EQ(header.header, "Request-URI");
  EXPECT_EQ(header.predicate, HeaderPredicate::matches);
  EXPECT_EQ(header.value, "^sip:1425");

  const auto& sdp = std::get<SdpCheck>(parsed.expectations[4].check);
  EXPECT_EQ(sdp.codecs, (std::vector<std::string>{"PCMU", "PCMA"}));
  EXPECT_EQ(sdp.codecs_exclude, std::vector<std::string>{"G729"});
  EXPECT_EQ(sdp.crypto, false);

  const auto& response = std::get<ResponseCheck>(parsed.expectations[5].check);
  EXPECT_EQ(response.final_status, "404");
  EXPECT_EQ(response.provisional, "18x");

  const auto& latency = std::get<LatencyCheck>(parsed.expectations[6].check);
  EXPECT_EQ(latency.metric, LatencyMetric::transit);
  EXPECT_EQ(latency.max, std::chrono::microseconds(5000));
  EXPECT_FALSE(latency.min);

  const auto& count = std::get<CountCheck>(parsed.expectations[7].check);
  EXPECT_EQ(count.what, CountedThing::retransmissions);
  EXPECT_EQ(count.bounds.max, 0);
  EXPECT_TRUE(count.bounds.contains(0));
  EXPECT_FALSE(count.bounds.contains(1));

  const auto& media = std::get<MediaCheck>(parsed.expectations[8].check);
  EXPECT_EQ(media.min_packets, 100);
  EXPECT_EQ(media.max_jitter, std::chrono::microseconds(20000));

  const auto& process = std::get<ProcessCheck>(parsed.expectations[9].check);
  EXPECT_EQ(process.exit_code, 1);
  EXPECT_EQ(process.failed_calls, 1);
  EXPECT_EQ(std::get<ProcessCheck>(parsed.expectations[10].check).alive, true);
}

TEST(ExpectationParser, UnknownKindsAndAttributesAreErrors) {
  const Parsed parsed = parse(
      "<messages name=\"m\" leg=\"gw1\"/>\n"
      "<message name=\"m\" leg=\"gw1\" header=\"To\"/>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("case.xml:2: unknown element <messages> inside <expectations> "
                          "(allowed: message, absent, order, header, sdp, response, latency, "
                          "count, media, process)",
                          "case.xml:3:29: unknown attribute `header` on <message> (allowed: name, "
                          "leg, from, method, status, occurrence)"));
}

TEST(ExpectationParser, AbsentTakesNoOccurrence) {
  const Parsed parsed = parse("<absent name=\"a\" leg=\"gw1\" method=\"BYE\" occurrence=\"2\"/>\n");
  EXPECT_THAT(
      parsed.errors,
      ElementsAre("case.xml:2:41: unknown attribute `occurrence` on <absent> (allowed: name, "
                  "leg, from, method, status)"));
}

TEST(ExpectationParser, NamesAreRequiredValidAndUnique) {
  const Parsed parsed = parse(
      "<message leg=\"gw1\"/>\n"
      "<message name=\"a b\" leg=\"gw1\"/>\n"
      "<message name=\"x\" leg=\"gw1\"/>\n"
      "<absent name=\"x\" leg=\"gw1\"/>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("case.xml:2: <message> needs a `name` (the subtest name)",
                          "case.xml:3: expectation name `a b` must be letters, digits, `.`, `_`, "
                          "`-`",
                          "case.xml:5: expectation name `x` is used twice in this case"));
}

TEST(ExpectationParser, SelectorValuesAreChecked) {
  const Parsed parsed =
      parse("<message name=\"a\" method=\"invite\" status=\"99\" occurrence=\"0\"/>\n");
  EXPECT_THAT(
      parsed.errors,
      ElementsAre("case.xml:2: <message> needs the attribute `leg`",
                  "case.xml:2: method `invite` must be an upper-case SIP method such as "
                  "INVITE",
                  "case.xml:2: status `99` must be a code (486) or a class (4xx, 18x)",
                  "case.xml:2:59: attribute `occurrence` of <message>: 0 is out of range [1, "
                  "100000]"));
}

TEST(ExpectationParser, HeaderNeedsExactlyOnePredicateAndACompilingRegex) {
  const Parsed parsed = parse(
      "<header name=\"a\" leg=\"g\" header=\"To\"/>\n"
      "<header name=\"b\" leg=\"g\" header=\"To\" present=\"true\" equals=\"x\"/>\n"
      "<header name=\"c\" leg=\"g\" header=\"To\" matches=\"(unclosed\"/>\n"
      "<header name=\"d\" leg=\"g\" header=\"PAI\" present=\"maybe\"/>\n");
  ASSERT_EQ(parsed.errors.size(), 4u);
  EXPECT_EQ(parsed.errors[0],
            "case.xml:2: <header> needs exactly one of present=\"true|false\", equals, matches");
  EXPECT_EQ(parsed.errors[1],
            "case.xml:3: <header> needs exactly one of present=\"true|false\", equals, matches");
  EXPECT_THAT(parsed.errors[2], ::testing::StartsWith("case.xml:4:47: attribute `matches` of "
                                                      "<header>: regex `(unclosed` does not "
                                                      "compile: "));
  EXPECT_EQ(parsed.errors[3],
            "case.xml:5:48: attribute `present` of <header>: `maybe` is not a boolean: write true "
            "or false");
  EXPECT_EQ(std::get<HeaderCheck>(parsed.expectations[3].check).predicate,
            HeaderPredicate::present);
}

TEST(ExpectationParser, HeaderPresentFalseMeansAbsent) {
  const Parsed parsed =
      parse("<header name=\"a\" leg=\"g\" header=\"Diversion\" present=\"false\"/>\n");
  ASSERT_THAT(parsed.errors, IsEmpty());
  EXPECT_EQ(std::get<HeaderCheck>(parsed.expectations[0].check).predicate, HeaderPredicate::absent);
}

TEST(ExpectationParser, SdpResponseLatencyCountMediaErrors) {
  const Parsed parsed = parse(
      "<sdp name=\"a\" leg=\"g\"/>\n"
      "<sdp name=\"b\" leg=\"g\" direction=\"both\" profile=\"UDP/TLS\"/>\n"
      "<response name=\"c\" leg=\"g\" method=\"INVITE\"/>\n"
      "<response name=\"d\" leg=\"g\" method=\"INVITE\" status=\"200\" final=\"180\"/>\n"
      "<latency name=\"e\" metric=\"jitter\" statistic=\"p95\"/>\n"
      "<latency name=\"f\" metric=\"setup-time\" min=\"2s\" max=\"1s\"/>\n"
      "<count name=\"g\" what=\"calls\" equals=\"1\" max=\"2\"/>\n"
      "<count name=\"h\" what=\"messages\"/>\n"
      "<media name=\"i\" leg=\"g\" present=\"false\" min-packets=\"1\"/>\n");
  EXPECT_THAT(
      parsed.errors,
      ElementsAre(
          "case.xml:2: <sdp> states no fact (codecs, codecs-include, codecs-exclude, connection, "
          "direction, profile, crypto)",
          "case.xml:3: direction `both` must be sendrecv, sendonly, recvonly or inactive",
          "case.xml:3: profile `UDP/TLS` must be RTP/AVP or RTP/SAVP",
          "case.xml:4: <response> needs `final` and/or `provisional`",
          "case.xml:5: <response> selects the request: use `method`, and `final`/`provisional` "
          "for the responses",
          "case.xml:5: `final` must be a 2xx-6xx code or class",
          "case.xml:6: unknown latency metric `jitter` (known: transit, post-dial-delay, "
          "setup-time)",
          "case.xml:6: statistic `p95` must be p50, p90, p99 or max",
          "case.xml:6: <latency> needs `max` and/or `min`", "case.xml:7: min is above max",
          "case.xml:8: unknown count `calls` (known: messages, requests, responses, "
          "retransmissions, calls-completed, findings, early-dialogs)",
          "case.xml:8: use either `equals` or `min`/`max`, not both",
          "case.xml:9: <count> needs `equals`, `min` or `max`",
          "case.xml:10: present=\"false\" (no RTP) cannot be combined with packet, loss, jitter "
          "or codec facts"));
}

TEST(ExpectationParser, OrderNeedsTwoSteps) {
  const Parsed parsed =
      parse("<order name=\"o\" leg=\"g\">\n<step method=\"INVITE\"/>\n<stp/>\n</order>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("case.xml:4: unknown element <stp> inside <order> (allowed: step)",
                          "case.xml:2: <order> needs at least two <step> elements"));
}

TEST(ExpectationParser, StepDelays) {
  const std::string cut_off =
      "<order name=\"o\" leg=\"g\"><step method=\"INVITE\"/>"
      "<step method=\"CANCEL\" min-delay=\"1500ms\" max-delay=\"2.5s\"/></order>\n";
  const std::string wrong =
      "<order name=\"p\" leg=\"g\">\n<step method=\"INVITE\" max-delay=\"1s\"/>\n"
      "<step method=\"ACK\" min-delay=\"2s\" max-delay=\"1s\"/>\n</order>\n";
  const Parsed parsed = parse(cut_off + wrong);
  const auto& order = std::get<OrderCheck>(parsed.expectations.at(0).check);
  ASSERT_EQ(order.delays.size(), 2u);
  EXPECT_FALSE(order.delays[0].min || order.delays[0].max);
  EXPECT_EQ(order.delays[1].min, std::chrono::microseconds(1'500'000));
  EXPECT_EQ(order.delays[1].max, std::chrono::microseconds(2'500'000));
  EXPECT_THAT(parsed.errors,
              ElementsAre("case.xml:4: the first <step> has no previous step to come "
                          "`min-delay`/`max-delay` after",
                          "case.xml:5: min-delay is above max-delay"));
}

TEST(ExpectationParser, StepsWithoutALegNeedOne) {
  const Parsed parsed = parse(
      "<order name=\"o\"><step method=\"INVITE\"/><step leg=\"g\" "
      "method=\"ACK\"/></order>\n");
  EXPECT_THAT(parsed.errors, ElementsAre("case.xml:2: <step> needs the attribute `leg`"));
}

TEST(ExpectationParser, ProcessChecks) {
  const Parsed parsed = parse(
      "<process name=\"a\" endpoint=\"fe\"/>\n"
      "<process name=\"b\" endpoint=\"sut\" exit=\"success\"/>\n"
      "<process name=\"c\" endpoint=\"fe\" alive=\"true\"/>\n"
      "<process name=\"d\" endpoint=\"fe\" exit=\"crashed\"/>\n"
      "<process name=\"e\" endpoint=\"fe\" exit=\"97\"/>\n");
  EXPECT_THAT(parsed.errors,
              ElementsAre("case.xml:2: <process> states nothing (exit, successful-calls, "
                          "failed-calls, alive)",
                          "case.xml:3: for endpoint=\"sut\" only `alive` applies",
                          "case.xml:4: `alive` applies to endpoint=\"sut\" only",
                          "case.xml:5: exit `crashed` must be success, calls-failed, no-calls or "
                          "an exit status 0-255",
                          "case.xml:5: <process> states nothing (exit, successful-calls, "
                          "failed-calls, alive)"));
  EXPECT_EQ(std::get<ProcessCheck>(parsed.expectations[4].check).exit_code, 97);
}

TEST(StatusPattern, MatchesCodesAndClasses) {
  EXPECT_TRUE(status_matches("486", 486));
  EXPECT_TRUE(status_matches("4xx", 486));
  EXPECT_TRUE(status_matches("48x", 486));
  EXPECT_FALSE(status_matches("5xx", 486));
  EXPECT_FALSE(status_matches("487", 486));
  EXPECT_FALSE(is_status_pattern("x86"));
  EXPECT_FALSE(is_status_pattern("4x6"));
  EXPECT_FALSE(is_status_pattern("700"));
  EXPECT_TRUE(is_status_pattern("1xx"));
}

TEST(Bounds, DescribesItself) {
  EXPECT_EQ((Bounds{std::nullopt, std::nullopt, 3}).describe(), "== 3");
  EXPECT_EQ((Bounds{1, 5, std::nullopt}).describe(), "in [1, 5]");
  EXPECT_EQ((Bounds{std::nullopt, 5, std::nullopt}).describe(), "<= 5");
  EXPECT_EQ((Bounds{1, std::nullopt, std::nullopt}).describe(), ">= 1");
}

}  // namespace
}  // namespace sipconf::manifest
