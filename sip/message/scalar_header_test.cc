#include "sip/message/scalar_header.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(ScalarHeader, Digits) {
  EXPECT_EQ(*parse_digits(" 0068 ", 255), 68u);
  EXPECT_EQ(parse_digits("256", 255).error(), ParseError::number_too_large);
  EXPECT_EQ(parse_digits("99999999999999999999999", 1000).error(), ParseError::number_too_large);
  EXPECT_EQ(parse_digits("", 10).error(), ParseError::number_malformed);
  EXPECT_EQ(parse_digits("1 2", 10).error(), ParseError::number_malformed);
  EXPECT_EQ(parse_digits("0x10", 100).error(), ParseError::number_malformed);
}

TEST(ScalarHeader, MaxForwardsAboveRangeIsTolerated) {
  EXPECT_EQ(*parse_max_forwards("70"), 70u);
  EXPECT_EQ(*parse_max_forwards("0"), 0u);
  EXPECT_EQ(parse_max_forwards("300").error(), ParseError::number_too_large);
  Diagnostics d(ParseMode::lenient);
  auto r = parse_max_forwards("300", &d);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 255u);
  EXPECT_EQ(d.violations().at(0).severity, Severity::tolerated);
}

TEST(ScalarHeader, DeltaSecondsClampLeniently) {
  EXPECT_EQ(*parse_delta_seconds("3600"), 3600u);
  std::string huge(103, '0');
  huge[0] = '1';
  EXPECT_FALSE(parse_delta_seconds(huge).ok());
  Diagnostics d(ParseMode::lenient);
  EXPECT_EQ(*parse_delta_seconds(huge, &d), 4294967295u);
}

TEST(ScalarHeader, ContentLength) {
  EXPECT_EQ(*parse_content_length(" 150 "), 150u);
  EXPECT_EQ(*parse_content_length("0"), 0u);
  EXPECT_EQ(parse_content_length("-999").error(), ParseError::content_length_invalid);
  EXPECT_EQ(parse_content_length("12a").error(), ParseError::content_length_invalid);
  EXPECT_EQ(parse_content_length("").error(), ParseError::content_length_invalid);
  EXPECT_EQ(parse_content_length("99999999999999999999999").error(),
            ParseError::content_length_invalid);
}

TEST(ScalarHeader, RSeqRange) {
  EXPECT_EQ(*parse_rseq("988789"), 988789u);
  EXPECT_FALSE(parse_rseq("0").ok());
  EXPECT_FALSE(parse_rseq("2147483648").ok());
}

}  // namespace
}  // namespace sipconf::sip
