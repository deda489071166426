#include "sip/message/parse_error.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(ParseError, IsAnErrorCodeEnumWithItsOwnCategory) {
  std::error_code ec = ParseError::cseq_number_too_large;
  EXPECT_EQ(ec.category().name(), std::string("sip.parse"));
  EXPECT_EQ(parse_error_name(ec), "cseq_number_too_large");
  EXPECT_EQ(ec.message(), "CSeq number is larger than 2^32-1");
  EXPECT_EQ(parse_error_name(std::error_code{}), "ok");
  EXPECT_EQ(parse_error_name(std::make_error_code(std::errc::io_error)), "unknown");
}

TEST(ParseError, EveryCodeHasANameAndMessage) {
  for (int v = static_cast<int>(ParseError::empty_message);
       v <= static_cast<int>(ParseError::header_missing); ++v) {
    std::error_code ec(v, parse_error_category());
    EXPECT_NE(parse_error_name(ec), "unknown") << v;
    EXPECT_NE(ec.message(), "unknown SIP parse error") << v;
  }
}

TEST(ParseError, SuggestedResponsesFollowRfc4475) {
  EXPECT_EQ(suggested_response(ParseError::version_not_supported, true).status, 505);
  EXPECT_EQ(suggested_response(ParseError::version_not_supported, true).reason,
            "Version Not Supported");
  EXPECT_EQ(suggested_response(ParseError::unknown_method_cseq_mismatch, true).status, 501);
  EXPECT_EQ(suggested_response(ParseError::cseq_method_mismatch, true).status, 400);
  EXPECT_EQ(suggested_response(ParseError::message_too_large, true).status, 513);
  EXPECT_EQ(suggested_response(ParseError::content_length_invalid, true).status, 400);
  // Responses are never answered; an empty buffer gets nothing either.
  EXPECT_TRUE(suggested_response(ParseError::cseq_number_too_large, false).drop());
  EXPECT_TRUE(suggested_response(ParseError::empty_message, true).drop());
  EXPECT_TRUE(suggested_response(std::error_code{}, true).drop());
}

}  // namespace
}  // namespace sipconf::sip
