// What the B2BUA answers itself: OPTIONS, untrusted sources, unsupported schemes, methods
// and extensions, no route, Max-Forwards 0, malformed input.
#include <gtest/gtest.h>

#include "mediation/b2bua_test_support.h"

namespace sipconf::mediation {
namespace {

using sip::HeaderId;
using testing::B2buaFixture;

class ScreenTest : public B2buaFixture {
 protected:
  std::string request(const std::string& method, const std::string& ruri,
                      const std::string& extra = {}) {
    const std::string n = std::to_string(++n_);
    return method + " " + ruri + " SIP/2.0\r\n" +
           "Via: SIP/2.0/UDP 127.0.0.3:5066;branch=z9hG4bK-s-" + n +
           "\r\nMax-Forwards: 70\r\nFrom: <sip:probe@127.0.0.3>;tag=p" + n +
           "\r\nTo: <sip:mediation@127.0.0.1>\r\nCall-ID: screen-" + n + "\r\nCSeq: 1 " + method +
           "\r\n" + extra + "Content-Length: 0\r\n\r\n";
  }
  /// The final response gw1 got, and that nothing left toward the internal side.
  sip::Message final_to_gw1() {
    auto all = take("127.0.0.3");
    EXPECT_FALSE(all.empty());
    EXPECT_TRUE(take("127.0.0.2").empty()) << "nothing may be forwarded";
    while (!all.empty() && all.back().status_code() < 200) all.pop_back();
    return all.empty() ? sip::Message() : all.back();
  }
  int n_ = 0;
};

TEST_F(ScreenTest, OptionsIsAnsweredWithAllowAcceptAndSupported) {
  deliver(gw1, request("OPTIONS", "sip:127.0.0.1:5068"));
  const sip::Message ok = final_to_gw1();
  EXPECT_EQ(ok.status_code(), 200);
  EXPECT_EQ(ok.header(HeaderId::allow), "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE");
  EXPECT_EQ(ok.header(HeaderId::accept), "application/sdp");
  EXPECT_TRUE(ok.has(HeaderId::supported));
  EXPECT_TRUE(sip::to(ok)->tag());
}

TEST_F(ScreenTest, UntrustedSourcesGet403AndNothingIsForwarded) {
  const testing::Party stranger{{"127.0.0.9", 5066, sip::Transport::udp}, gw1.local, 0};
  deliver(stranger, gw_invite("+14255550100"));
  auto to_stranger = take("127.0.0.9");
  ASSERT_FALSE(to_stranger.empty());
  EXPECT_EQ(to_stranger.back().status_code(), 403);
  // The Front End's address is trusted on the internal listener only.
  const testing::Party fe_on_trunk{{"127.0.0.2", 5061, sip::Transport::udp}, gw1.local, 0};
  deliver(fe_on_trunk, gw_invite("+14255550100", 2));
  EXPECT_EQ(take("127.0.0.2").back().status_code(), 403);
  // A gateway on the internal listener is not the Front End.
  const testing::Party gw_on_internal{{"127.0.0.4", 40009, sip::Transport::tcp}, fe.local, 9};
  deliver(gw_on_internal, fe_invite("+14255550100", 3));
  EXPECT_EQ(take("127.0.0.4").back().status_code(), 403);
  EXPECT_TRUE(take("127.0.0.3").empty());
  EXPECT_EQ(metrics.untrusted_requests, 3u);
  EXPECT_EQ(b2bua->active_calls(), 0u);
}

TEST_F(ScreenTest, UnknownMethodGets501WithAllowAndKnownOnes405) {
  deliver(gw1, request("FROBNICATE", "sip:127.0.0.1:5068"));
  sip::Message r = final_to_gw1();
  EXPECT_EQ(r.status_code(), 501);
  EXPECT_EQ(r.header(HeaderId::allow), "INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE");
  deliver(gw1, request("REGISTER", "sip:127.0.0.1:5068"));
  r = final_to_gw1();
  EXPECT_EQ(r.status_code(), 405);
  EXPECT_TRUE(r.has(HeaderId::allow));
  deliver(gw1, request("BYE", "sip:127.0.0.1:5068"));
  EXPECT_EQ(final_to_gw1().status_code(), 481);
}

TEST_F(ScreenTest, UnsupportedSchemeGets416) {
  deliver(gw1, request("INVITE", "mailto:someone@example.com"));
  EXPECT_EQ(final_to_gw1().status_code(), 416);
}

TEST_F(ScreenTest, UnknownRequireGets420WithUnsupported) {
  deliver(gw1, request("INVITE", "sip:+14255550100@127.0.0.1", "Require: 100rel, foo\r\n"));
  const sip::Message r = final_to_gw1();
  EXPECT_EQ(r.status_code(), 420);
  EXPECT_EQ(r.header(HeaderId::unsupported), "100rel, foo");
}

TEST_F(ScreenTest, UnknownBodyTypeGets415WithAccept) {
  std::string invite = request("INVITE", "sip:+14255550100@127.0.0.1");
  invite.replace(invite.find("Content-Length: 0"), 17,
                 "Content-Type: application/unknownformat\r\nContent-Length: 4");
  invite += "abcd";
  deliver(gw1, invite);
  const sip::Message r = final_to_gw1();
  EXPECT_EQ(r.status_code(), 415);
  EXPECT_NE(r.header(HeaderId::accept)->find("application/sdp"), std::string_view::npos);
}

TEST_F(ScreenTest, MaxForwardsZeroGets483) {
  std::string invite = request("INVITE", "sip:+14255550100@127.0.0.1");
  invite.replace(invite.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
  deliver(gw1, invite);
  EXPECT_EQ(final_to_gw1().status_code(), 483);
  // OPTIONS is answered here, not forwarded: Max-Forwards 0 is fine (RFC 4475 zeromf).
  std::string options = request("OPTIONS", "sip:127.0.0.1:5068");
  options.replace(options.find("Max-Forwards: 70"), 16, "Max-Forwards: 0");
  deliver(gw1, options);
  EXPECT_EQ(final_to_gw1().status_code(), 200);
}

TEST_F(ScreenTest, NoRouteGets404WithDiagnostics12004) {
  deliver(fe, fe_invite("+33144556677"));
  const auto to_fe = take("127.0.0.2");
  ASSERT_EQ(to_fe.size(), 1u) << "a request refused at once gets no 100 Trying first";
  EXPECT_EQ(to_fe[0].status_code(), 404);
  const auto diagnostics = to_fe[0].header("ms-diagnostics");
  ASSERT_TRUE(diagnostics);
  EXPECT_EQ(*diagnostics, "12004;reason=\"No route found\";source=\"127.0.0.1\"");
  EXPECT_TRUE(take("127.0.0.3").empty());
  EXPECT_TRUE(take("127.0.0.4").empty());
  EXPECT_EQ(metrics.calls[static_cast<int>(CallResult::no_route)], 1u);
}

TEST_F(ScreenTest, CallLimitGets503) {
  std::string xml = testing::lab_config();
  xml.insert(xml.find("<timers"), "<limits max-calls=\"1\"/>\n  ");
  build(xml);
  deliver(fe, fe_invite("+14255550100", 1));
  deliver(fe, fe_invite("+14255550100", 2));
  const auto to_fe = take("127.0.0.2");
  ASSERT_EQ(to_fe.size(), 2u);  // 100 for the call taken, 503 without a 100 for the other
  EXPECT_EQ(to_fe[0].status_code(), 100);
  EXPECT_EQ(to_fe[1].status_code(), 503);
  EXPECT_EQ(take("127.0.0.3").size(), 1u);
}

TEST_F(ScreenTest, MalformedRequestsAreAnsweredAndMalformedResponsesDropped) {
  deliver(gw1,
          "OPTIONS sip:127.0.0.1 SIP/7.0\r\nVia: SIP/2.0/UDP 127.0.0.3:5066;branch=z9hG4bK1\r\n"
          "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 OPTIONS\r\n"
          "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(take_one("127.0.0.3").status_code(), 505);
  deliver(gw1,
          "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:5068;branch=z9hG4bK2\r\n"
          "From: <sip:a@b>;tag=1\r\nCSeq: 99999999999 INVITE\r\nContent-Length: 0\r\n\r\n");
  EXPECT_EQ(layer->counters().malformed_dropped, 1u);
  EXPECT_TRUE(transport->sent().size() == 1u);
}

}  // namespace
}  // namespace sipconf::mediation
