#include "sip/message/reason.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(Reason, Q850AndSip) {
  auto r = parse_reason_list(
      R"(Q.850;cause=16;text="Normal call clearing", SIP;cause=200;text="Call completed elsewhere")");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].protocol, "Q.850");
  EXPECT_EQ((*r)[0].cause(), 16);
  EXPECT_EQ((*r)[0].text(), "Normal call clearing");
  EXPECT_EQ((*r)[1].cause(), 200);
  EXPECT_EQ((*r)[1].to_string(), R"(SIP;cause=200;text="Call completed elsewhere")");
}

TEST(Reason, Errors) {
  EXPECT_FALSE(Reason::parse("Q.850;cause=abc").ok());
  EXPECT_FALSE(Reason::parse("").ok());
  EXPECT_FALSE(parse_reason_list(" ").ok());
}

}  // namespace
}  // namespace sipconf::sip
