#include "sip/message/request_checks.h"

#include <gtest/gtest.h>

#include "sip/message/message_parser.h"
#include "sip/message/rfc4475_corpus.h"

namespace sipconf::sip {
namespace {

Message corpus(const std::string& name) {
  ParseOptions o;
  o.mode = ParseMode::lenient;
  auto r = parse_message(testing::rfc4475_message(name), o);
  EXPECT_TRUE(r.ok()) << name << ": " << r.error.message();
  return std::move(*r.message);
}

RequestPolicy ua() {
  RequestPolicy p;
  p.role = ElementRole::user_agent;
  p.allowed_methods = {"INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER", "MESSAGE"};
  p.accepted_content_types = {"application/sdp", "multipart/mixed"};
  return p;
}

RequestPolicy proxy() {
  RequestPolicy p;
  p.role = ElementRole::proxy;
  return p;
}

TEST(RequestChecks, ValidRequestsPass) {
  for (auto name : {"wsinv", "esc01", "escnull", "lwsdisp", "longreq", "semiuri", "transports",
                    "mpart01", "cparam01", "cparam02", "regescrt", "regaut01"}) {
    EXPECT_TRUE(check_request_semantics(corpus(name), ua()).ok()) << name;
    EXPECT_TRUE(check_request_semantics(corpus(name), proxy()).ok()) << name;
  }
}

TEST(RequestChecks, Rfc4475ApplicationLayerCases) {
  auto insuf = check_request_semantics(corpus("insuf"), ua());
  EXPECT_EQ(insuf.status, 400);
  EXPECT_EQ(insuf.reason, "Bad Request");
  EXPECT_EQ(check_request_semantics(corpus("multi01"), proxy()).status, 400);
  EXPECT_EQ(check_request_semantics(corpus("badbranch"), proxy()).status, 400);
  EXPECT_EQ(check_request_semantics(corpus("unkscm"), proxy()).status, 416);
  EXPECT_EQ(check_request_semantics(corpus("novelsc"), ua()).status, 416);
  EXPECT_EQ(check_request_semantics(corpus("zeromf"), proxy()).status, 483);
  EXPECT_TRUE(check_request_semantics(corpus("zeromf"), ua()).ok());
  EXPECT_EQ(check_request_semantics(corpus("invut"), ua()).status, 415);
  EXPECT_EQ(check_request_semantics(corpus("invut"), ua()).accept, ua().accepted_content_types);
  EXPECT_TRUE(check_request_semantics(corpus("invut"), proxy()).ok());
  EXPECT_EQ(check_request_semantics(corpus("sdp01"), ua()).status, 406);
  RequestPolicy registrar = ua();
  registrar.role = ElementRole::registrar;
  EXPECT_EQ(check_request_semantics(corpus("unksm2"), registrar).status, 400);
  EXPECT_TRUE(check_request_semantics(corpus("unksm2"), proxy()).ok());
  EXPECT_TRUE(check_request_semantics(corpus("inv2543"), ua()).ok());
}

TEST(RequestChecks, BadExtensionListsUnsupportedTagsPerRole) {
  auto as_ua = check_request_semantics(corpus("bext01"), ua());
  EXPECT_EQ(as_ua.status, 420);
  EXPECT_EQ(as_ua.unsupported,
            (std::vector<std::string>{"nothingSupportsThis", "nothingSupportsThisEither"}));
  auto as_proxy = check_request_semantics(corpus("bext01"), proxy());
  EXPECT_EQ(as_proxy.status, 420);
  EXPECT_EQ(as_proxy.unsupported,
            (std::vector<std::string>{"noProxiesSupportThis", "norDoAnyProxiesSupportThis"}));
  RequestPolicy knows = ua();
  knows.supported_extensions = {"NOTHINGSUPPORTSTHIS", "nothingSupportsThisEither"};
  EXPECT_TRUE(check_request_semantics(corpus("bext01"), knows).ok());
}

TEST(RequestChecks, UnknownMethodsGet501WithAllow) {
  for (auto name : {"esc02", "intmeth"}) {
    auto c = check_request_semantics(corpus(name), ua());
    EXPECT_EQ(c.status, 501) << name;
    EXPECT_EQ(c.allow, ua().allowed_methods);
  }
  // A proxy forwards unknown methods.
  EXPECT_TRUE(check_request_semantics(corpus("intmeth"), proxy()).ok());
  RequestPolicy no_options = ua();
  no_options.allowed_methods = {"INVITE"};
  EXPECT_EQ(check_request_semantics(corpus("lwsdisp"), no_options).status, 405);
}

TEST(RequestChecks, ResponsesAreNotRequests) {
  EXPECT_EQ(check_request_semantics(Message::response(200)).status, 400);
}

}  // namespace
}  // namespace sipconf::sip
