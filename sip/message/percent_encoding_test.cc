#include "sip/message/percent_encoding.h"

#include <gtest/gtest.h>

#include "sip/base/lexer.h"

namespace sipconf::sip {
namespace {

TEST(PercentEncoding, DecodeKeepsNulAndInvalidEscapes) {
  EXPECT_EQ(percent_decode("null-%00-null"), std::string("null-\0-null", 11));
  EXPECT_EQ(percent_decode("%75se%72"), "user");
  EXPECT_EQ(percent_decode("%Z%45"), "%ZE");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("v%61lue%25%34%31"), "value%41");  // decoded once, not twice
}

TEST(PercentEncoding, ValidEscapes) {
  EXPECT_TRUE(has_valid_escapes("a%20b"));
  EXPECT_TRUE(has_valid_escapes("plain"));
  EXPECT_FALSE(has_valid_escapes("a%2"));
  EXPECT_FALSE(has_valid_escapes("a%zz"));
  EXPECT_FALSE(has_valid_escapes("%"));
}

TEST(PercentEncoding, EncodeEscapesOnlyWhatTheClassForbids) {
  EXPECT_EQ(percent_encode("I have spaces", lex::kUnreserved | lex::kUserUnreserved),
            "I%20have%20spaces");
  EXPECT_EQ(percent_encode("a@b:c", lex::kUnreserved | lex::kUserUnreserved), "a%40b%3Ac");
  EXPECT_EQ(percent_encode(std::string("\0", 1), lex::kUnreserved), "%00");
  EXPECT_EQ(percent_encode("+1;x=y", lex::kUnreserved | lex::kUserUnreserved), "+1;x=y");
}

}  // namespace
}  // namespace sipconf::sip
