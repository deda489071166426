#include "sip/message/session_timer.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(SessionTimer, SessionExpiresWithRefresher) {
  auto r = SessionExpires::parse("1800;refresher=uac;x=1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->seconds, 1800u);
  EXPECT_EQ(r->refresher, Refresher::uac);
  EXPECT_EQ(r->params.get("x"), "1");
  EXPECT_EQ(r->to_string(), "1800;refresher=uac;x=1");
  auto uas = SessionExpires::parse("90 ; refresher = UAS");
  ASSERT_TRUE(uas.ok());
  EXPECT_EQ(uas->refresher, Refresher::uas);
  EXPECT_FALSE(SessionExpires::parse("1800").value().refresher.has_value());
}

TEST(SessionTimer, Errors) {
  EXPECT_FALSE(SessionExpires::parse("1800;refresher=both").ok());
  EXPECT_FALSE(SessionExpires::parse("soon").ok());
  EXPECT_FALSE(SessionExpires::parse("").ok());
  EXPECT_FALSE(MinSE::parse("90 x").ok());
}

TEST(SessionTimer, MinSE) {
  auto r = MinSE::parse("90");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->seconds, 90u);
  EXPECT_EQ(r->to_string(), "90");
}

}  // namespace
}  // namespace sipconf::sip
