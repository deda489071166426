#include "reports/render/case_details.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

const PathRebase kSameDir{"/ci/out", "/ci/out"};

TEST(CaseDetails, FailureShowsExpectedActualAndTheHighlightedMessage) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string out = render_case_details(*run.find_case("starter/basic-out-pstn-gateway"), kSameDir);
  auto card = out.find("<div class=\"failure-card\" data-subtest=\"gw-invite-ruri\">");
  ASSERT_NE(card, std::string::npos);
  EXPECT_NE(out.find("<span>Expected</span><code>regex ^sip:14255550100@</code>", card),
            std::string::npos);
  EXPECT_NE(
      out.find("<span>Actual</span><code>sip:+14255550100@127.0.0.32:5066;user=phone</code>", card),
      std::string::npos);
  EXPECT_NE(out.find("INVITE <mark class=\"hl\" data-highlight=\"Request-URI\">"
                     "sip:+14255550100@127.0.0.32:5066;user=phone</mark> SIP/2.0",
                     card),
            std::string::npos);
  // Exactly one failure card: the other six expectations passed.
  EXPECT_EQ(out.find("<div class=\"failure-card\"", card + 1), std::string::npos);
  EXPECT_NE(out.find("Expectations <span class=\"count\">6 of 7 met</span>"), std::string::npos);
  EXPECT_NE(out.find("<svg class=\"ladder\""), std::string::npos);
  EXPECT_NE(out.find("Findings on the wire"), std::string::npos);
  EXPECT_NE(out.find("<table class=\"rtp\">"), std::string::npos);
  EXPECT_NE(out.find("1 (0.4%)"), std::string::npos);
}

TEST(CaseDetails, FailingExpectationsAreListedFirst) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string out = render_case_details(*run.find_case("starter/basic-out-pstn-gateway"), kSameDir);
  auto table = out.find("<table class=\"subtests\">");
  ASSERT_NE(table, std::string::npos);
  auto fail_row = out.find("<code>gw-invite-ruri</code>", table);
  auto first_pass = out.find("<code>gw-invite-present</code>", table);
  EXPECT_LT(fail_row, first_pass);
}

TEST(CaseDetails, ArtifactLinksAreRebasedAndEncoded) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string out = render_case_details(*run.find_case("starter/basic-out-pstn-gateway"),
                                        PathRebase{"/ci/out", "/ci/out/html"});
  EXPECT_NE(out.find("<a href=\"../cases/starter/basic-out-pstn-gateway/capture.pcap\">"),
            std::string::npos);
  EXPECT_NE(out.find("SIPp trace"), std::string::npos);

  reports::Run hostile = testing::load_fixture("hostile-run.json");
  std::string evil = render_case_details(hostile.results.at(0), kSameDir);
  EXPECT_EQ(evil.find("href=\"javascript:"), std::string::npos);
  EXPECT_NE(evil.find("href=\"javascript%3Adocument.title%3D%27PWN%27%2B%27ED%27\""),
            std::string::npos);
  EXPECT_NE(evil.find("href=\"cases/hostile/a%20b%23c%3Fd.txt\""), std::string::npos);
  EXPECT_EQ(evil.find("<script"), std::string::npos);
  EXPECT_EQ(evil.find("<img"), std::string::npos);
}

TEST(CaseDetails, PayloadCarriesOneRenderedPanelPerMessage) {
  reports::Run run = testing::load_fixture("failing-run.json");
  const CaseResult& c = *run.find_case("failover/fast-failover-10s");
  nlohmann::json payload = case_payload(c, kSameDir);
  ASSERT_TRUE(payload["details"].is_string());
  ASSERT_EQ(payload["messages"].size(), c.messages.size());
  EXPECT_NE(payload["messages"][4].get<std::string>().find("CANCEL sip:14255550177@"),
            std::string::npos);
}

TEST(CaseDetails, CaseWithoutMessagesStillExplainsItself) {
  reports::Run run = testing::load_fixture("error-timeout-run.json");
  std::string out = render_case_details(*run.find_case("starter/basic-out-itsp"), kSameDir);
  EXPECT_NE(out.find("sipp not found: apt-get install sip-tester"), std::string::npos);
  EXPECT_EQ(out.find("<svg class=\"ladder\""), std::string::npos);
  EXPECT_NE(out.find("harness.log"), std::string::npos);
  EXPECT_EQ(status_badge(Status::kError), "<span class=\"badge error\">ERROR</span>");
}

}  // namespace
}  // namespace sipconf::reports
