#include "reports/render/message_view.h"

#include <gtest/gtest.h>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

const char* kInvite =
    "INVITE sip:+14255550100@gw.test;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/UDP 127.0.0.2:5068;branch=z9hG4bK-1\r\n"
    "f: <sip:alice@lync.test>;tag=1\r\n"
    "Subject: first line\r\n"
    "  folded continuation\r\n"
    "X-Note: <script>x()</script>\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "v=0\r\n";

TEST(MessageView, HeaderNamesMatchCaseInsensitivelyAndByCompactForm) {
  EXPECT_TRUE(same_header("call-id", "Call-ID"));
  EXPECT_TRUE(same_header("i", "Call-ID"));
  EXPECT_TRUE(same_header("From", "f"));
  EXPECT_TRUE(same_header("Via ", "v"));
  EXPECT_FALSE(same_header("To", "From"));
  EXPECT_FALSE(same_header("x", "Call-ID"));
}

TEST(MessageView, MarksTheRequestUriOnly) {
  std::string out = render_message_text(kInvite, {"Request-URI"});
  EXPECT_EQ(out.substr(0, out.find('\n')),
            "INVITE <mark class=\"hl\" data-highlight=\"Request-URI\">"
            "sip:+14255550100@gw.test;user=phone</mark> SIP/2.0");
}

TEST(MessageView, MarksACompactHeaderByItsLongName) {
  std::string out = render_message_text(kInvite, {"From"});
  EXPECT_NE(out.find("<mark class=\"hl\" data-highlight=\"f\">f: &lt;sip:alice@lync.test&gt;;tag=1"
                     "</mark>"),
            std::string::npos);
  EXPECT_EQ(out.find("data-highlight=\"Via\""), std::string::npos);
}

TEST(MessageView, MarksFoldedLinesWithTheirHeader) {
  std::string out = render_message_text(kInvite, {"subject"});
  EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 8);
  EXPECT_NE(out.find("<mark class=\"hl\" data-highlight=\"Subject\">  folded continuation</mark>"),
            std::string::npos);
}

TEST(MessageView, MarksTheBodyAndEscapesEverything) {
  std::string out = render_message_text(kInvite, {"body"});
  EXPECT_NE(out.find("<mark class=\"hl\" data-highlight=\"body\">v=0</mark>"), std::string::npos);
  EXPECT_NE(out.find("X-Note: &lt;script&gt;x()&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_EQ(out.find('\r'), std::string::npos);
}

TEST(MessageView, MarksTheStatusLineOfAResponse) {
  std::string out = render_message_text("SIP/2.0 503 Service Unavailable\r\nRetry-After: 0\r\n\r\n",
                                        {"Status-Line"});
  EXPECT_EQ(out.rfind("<mark class=\"hl\" data-highlight=\"Status-Line\">SIP/2.0 503 Service "
                      "Unavailable</mark>",
                      0),
            0u);
}

TEST(MessageView, PanelNamesFailuresAndFindingsOfTheMessage) {
  reports::Run run = testing::load_fixture("failing-run.json");
  const CaseResult& basic = *run.find_case("starter/basic-out-pstn-gateway");
  std::string panel = render_message_panel(basic, 2);
  EXPECT_NE(panel.find("Expectation <b>gw-invite-ruri</b> failed"), std::string::npos);
  EXPECT_NE(
      panel.find("data-highlight=\"Request-URI\">sip:+14255550100@127.0.0.32:5066;user=phone"),
      std::string::npos);
  EXPECT_NE(panel.find("<b>sut-gw</b> → <b>gw1</b>"), std::string::npos);
  EXPECT_NE(render_message_panel(basic, 4).find("180 Ringing has no To tag"), std::string::npos);
  EXPECT_NE(render_message_panel(basic, 8).find("Retransmission of an earlier message"),
            std::string::npos);
  reports::Run failover = testing::load_fixture("failing-run.json");
  const CaseResult& ff = *failover.find_case("failover/fast-failover-10s");
  EXPECT_NE(render_message_panel(ff, 4).find("never saw a final response"), std::string::npos);
}

TEST(MessageView, LabelsFallBackToFields) {
  Message request;
  request.kind = "request";
  request.method = "OPTIONS";
  EXPECT_EQ(message_label(request), "OPTIONS");
  Message response;
  response.kind = "response";
  response.method = "BYE";
  response.status_code = 200;
  EXPECT_EQ(message_label(response), "200 (BYE)");
  response.summary = "200 OK";
  EXPECT_EQ(message_label(response), "200 OK");
}

}  // namespace
}  // namespace sipconf::reports
