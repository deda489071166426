#include "sip/message/cseq.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(CSeq, LeadingZerosAndFoldedMethod) {
  auto r = CSeq::parse("0009\r\n  INVITE");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->number, 9u);
  EXPECT_EQ(r->method, "INVITE");
  EXPECT_EQ(r->to_string(), "9 INVITE");
}

TEST(CSeq, LargestNumberIsTwoToThe32MinusOne) {
  auto max = CSeq::parse("4294967295 OPTIONS");
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->number, 4294967295u);
  EXPECT_EQ(CSeq::parse("4294967296 OPTIONS").error(), ParseError::cseq_number_too_large);
  EXPECT_EQ(CSeq::parse("36893488147419103232 REGISTER").error(),
            ParseError::cseq_number_too_large);
}

TEST(CSeq, UnusualMethodTokens) {
  auto r = CSeq::parse("139122385 !interesting-Method0123456789_*+`.%indeed'~");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->method, "!interesting-Method0123456789_*+`.%indeed'~");
}

TEST(CSeq, Malformed) {
  for (std::string_view bad :
       {"", "INVITE", "12", "12INVITE", "12 INVITE extra", "-1 INVITE", "12 INV/ITE"}) {
    auto r = CSeq::parse(bad);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error(), ParseError::cseq_malformed) << bad;
  }
}

}  // namespace
}  // namespace sipconf::sip
