#include "reports/render/junit_xml.h"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <sstream>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

pugi::xml_document parse(const std::string& xml) {
  pugi::xml_document doc;
  pugi::xml_parse_result ok = doc.load_string(xml.c_str());
  EXPECT_TRUE(ok) << ok.description() << " at " << ok.offset;
  return doc;
}

std::string junit(const Run& run, JunitOptions options = {}) {
  std::ostringstream out;
  EXPECT_FALSE(render_junit(run, options, out));
  return out.str();
}

pugi::xml_node testcase(const pugi::xml_document& doc, const char* suite, const char* name) {
  return doc.child("testsuites")
      .find_child_by_attribute("testsuite", "name", suite)
      .find_child_by_attribute("testcase", "name", name);
}

TEST(JunitXml, OneSuitePerIdPrefixAndTotals) {
  reports::Run run = testing::load_fixture("failing-run.json");
  auto doc = parse(junit(run));
  auto root = doc.child("testsuites");
  EXPECT_EQ(root.attribute("tests").as_int(), 6);
  EXPECT_EQ(root.attribute("failures").as_int(), 1);
  EXPECT_EQ(root.attribute("errors").as_int(), 0);
  EXPECT_EQ(root.attribute("skipped").as_int(), 1);
  EXPECT_STREQ(root.attribute("timestamp").value(), "2026-11-21T18:10:00");
  std::vector<std::string> suites;
  for (auto suite : root.children("testsuite")) suites.push_back(suite.attribute("name").value());
  EXPECT_EQ(suites,
            (std::vector<std::string>{"failover", "health", "routing", "security", "starter"}));
  auto starter = root.find_child_by_attribute("testsuite", "name", "starter");
  EXPECT_EQ(starter.attribute("tests").as_int(), 2);
  EXPECT_STREQ(starter.attribute("hostname").value(), "ci-runner-7");
  EXPECT_STREQ(starter.child("properties")
                   .find_child_by_attribute("property", "name", "sut.name")
                   .attribute("value")
                   .value(),
               "sipconf mediation");
}

TEST(JunitXml, FailureCarriesExpectedAndActual) {
  reports::Run run = testing::load_fixture("failing-run.json");
  auto doc = parse(junit(run));
  auto tc = testcase(doc, "starter", "basic-out-pstn-gateway");
  ASSERT_TRUE(tc);
  EXPECT_STREQ(tc.attribute("classname").value(), "starter");
  EXPECT_STREQ(tc.attribute("time").value(), "6.230");
  auto failure = tc.child("failure");
  ASSERT_TRUE(failure);
  EXPECT_STREQ(failure.attribute("type").value(), "FAIL");
  EXPECT_STREQ(failure.attribute("message").value(), "1 of 7 expectations failed: gw-invite-ruri");
  std::string body = failure.child_value();
  EXPECT_NE(body.find("gw-invite-ruri [FAIL] (header, leg gw1)"), std::string::npos);
  EXPECT_NE(body.find("  expected: regex ^sip:14255550100@\n"), std::string::npos);
  EXPECT_NE(body.find("  actual:   sip:+14255550100@127.0.0.32:5066;user=phone\n"),
            std::string::npos);
  EXPECT_EQ(body.find("gw-invite-present"), std::string::npos);
}

TEST(JunitXml, XfailPassesAndSkipIsSkipped) {
  reports::Run run = testing::load_fixture("failing-run.json");
  auto doc = parse(junit(run));
  auto xfail = testcase(doc, "routing", "remove-plus-itsp");
  ASSERT_TRUE(xfail);
  EXPECT_FALSE(xfail.child("failure"));
  EXPECT_FALSE(xfail.child("error"));
  EXPECT_NE(std::string(xfail.child_value("system-out")).find("expected failure:"),
            std::string::npos);
  auto skip = testcase(doc, "security", "srtp-required-tls");
  EXPECT_NE(std::string(skip.child("skipped").attribute("message").value()).find("TLS trunk"),
            std::string::npos);
}

TEST(JunitXml, TimeoutFailsWhileCrashAndErrorAreErrors) {
  reports::Run run = testing::load_fixture("error-timeout-run.json");
  auto doc = parse(junit(run));
  auto root = doc.child("testsuites");
  EXPECT_EQ(root.attribute("failures").as_int(), 1);
  EXPECT_EQ(root.attribute("errors").as_int(), 2);
  EXPECT_STREQ(testcase(doc, "signalling", "session-timer-refresh")
                   .child("failure")
                   .attribute("type")
                   .value(),
               "TIMEOUT");
  auto crash = testcase(doc, "health", "pool-failover").child("error");
  EXPECT_STREQ(crash.attribute("type").value(), "CRASH");
  EXPECT_NE(std::string(crash.attribute("message").value()).find("the SUT crashed:"),
            std::string::npos);
  auto error = testcase(doc, "starter", "basic-out-itsp").child("error");
  EXPECT_STREQ(error.attribute("message").value(),
               "harness or environment error: sipp not found: apt-get install sip-tester");
}

TEST(JunitXml, XpassIsAFailure) {
  reports::Run run = testing::load_fixture("passing-run.json");
  run.results[1].status = Status::kXpass;
  run.results[1].expected = Status::kFail;
  auto doc = parse(junit(run));
  auto failure = testcase(doc, "starter", "basic-in-ip-pbx").child("failure");
  EXPECT_STREQ(failure.attribute("type").value(), "XPASS");
  EXPECT_EQ(
      std::string(failure.attribute("message").value()).rfind("passed but is expected to fail", 0),
      0u);
}

TEST(JunitXml, SystemOutListsRebasedAttachments) {
  reports::Run run = testing::load_fixture("failing-run.json");
  JunitOptions options;
  options.results_dir = "/ci/out";
  options.output_dir = "/ci/out/junit";
  options.html_report = "../report.html";
  auto doc = parse(junit(run, options));
  std::string out = testcase(doc, "starter", "basic-out-pstn-gateway").child_value("system-out");
  EXPECT_NE(out.find("\n[[ATTACHMENT|../cases/starter/basic-out-pstn-gateway/capture.pcap]]\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("pcap: ../cases/starter/basic-out-pstn-gateway/capture.pcap\n"),
            std::string::npos);
  EXPECT_NE(out.find("report: ../report.html#case=starter%2Fbasic-out-pstn-gateway\n"),
            std::string::npos);
}

TEST(JunitXml, HostileTextStaysWellFormed) {
  reports::Run run = testing::load_fixture("hostile-run.json");
  run.results[0].message += std::string("\x01\x1b bell\x07 ]]> \xEF\xBF\xBF");
  std::string xml = junit(run);
  auto doc = parse(xml);
  auto suite = doc.child("testsuites").find_child_by_attribute("testsuite", "name", "hostile");
  ASSERT_TRUE(suite);
  auto first = suite.first_child().next_sibling();  // After <properties>.
  EXPECT_STREQ(first.attribute("name").value(), "<script>document.title='PWN'+'ED'</script>");
  EXPECT_EQ(xml.find("<script"), std::string::npos);
  std::string message = first.child("failure").attribute("message").value();
  EXPECT_NE(message.find("\xEF\xBF\xBD\xEF\xBF\xBD bell\xEF\xBF\xBD ]]> \xEF\xBF\xBD"),
            std::string::npos);
}

TEST(JunitXml, EscapesForTextAndAttributes) {
  EXPECT_EQ(xml_text("a<b>&\"c\"\n", false), "a&lt;b&gt;&amp;\"c\"\n");
  EXPECT_EQ(xml_text("a<b>&\"c\"\n", true), "a&lt;b&gt;&amp;&quot;c&quot;&#10;");
  EXPECT_EQ(xml_text(std::string("\0", 1)), "\xEF\xBF\xBD");
}

TEST(JunitXml, EmptyRunIsValid) {
  auto doc = parse(junit(testing::load_fixture("empty-run.json")));
  EXPECT_EQ(doc.child("testsuites").attribute("tests").as_int(), 0);
}

}  // namespace
}  // namespace sipconf::reports
