#include "sip/message/replaces.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(Replaces, Rfc3891Example) {
  auto r = Replaces::parse("425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->call_id, "425928@bobster.example.org");
  EXPECT_EQ(r->to_tag(), "7743");
  EXPECT_EQ(r->from_tag(), "6472");
  EXPECT_TRUE(r->early_only());
  EXPECT_EQ(r->to_string(), "425928@bobster.example.org;to-tag=7743;from-tag=6472;early-only");
}

TEST(Replaces, NeedsBothTags) {
  EXPECT_FALSE(Replaces::parse("425928@bobster.example.org;to-tag=7743").ok());
  EXPECT_FALSE(Replaces::parse(";to-tag=1;from-tag=2").ok());
}

}  // namespace
}  // namespace sipconf::sip
