#include "sip/message/rack.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(RAck, Parses) {
  auto r = RAck::parse("776656 1 INVITE");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->rseq, 776656u);
  EXPECT_EQ(r->cseq, 1u);
  EXPECT_EQ(r->method, "INVITE");
  EXPECT_EQ(r->to_string(), "776656 1 INVITE");
}

TEST(RAck, Malformed) {
  for (std::string_view bad : {"", "1 INVITE", "0 1 INVITE", "1 2", "1 2 INVITE x", "a 1 INVITE",
                               "1 99999999999 INVITE"}) {
    EXPECT_FALSE(RAck::parse(bad).ok()) << bad;
  }
}

}  // namespace
}  // namespace sipconf::sip
