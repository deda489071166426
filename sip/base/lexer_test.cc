#include "sip/base/lexer.h"

#include <gtest/gtest.h>

namespace sipconf::sip::lex {
namespace {

TEST(Lexer, TokenCharactersFollowRfc3261) {
  EXPECT_TRUE(is_token("!interesting-Method0123456789_*+`.%indeed'~"));
  EXPECT_TRUE(is_token("RE%47IST%45R"));
  EXPECT_FALSE(is_token("has space"));
  EXPECT_FALSE(is_token("a/b"));
  EXPECT_FALSE(is_token("a:b"));
  EXPECT_FALSE(is_token(""));
  EXPECT_TRUE(is('(', kWord));
  EXPECT_FALSE(is('(', kToken));
  EXPECT_TRUE(is(';', kUserUnreserved));
  EXPECT_FALSE(is(';', kParamUnreserved));
}

TEST(Lexer, SkipLwsCrossesFoldsButNotLineEnds) {
  std::string_view s = "  \r\n\t x\r\ny";
  std::size_t pos = 0;
  EXPECT_TRUE(skip_lws(s, pos));
  EXPECT_EQ(s[pos], 'x');
  pos = 6;  // at "\r\ny": a line end, not a fold
  EXPECT_FALSE(skip_lws(s, pos));
  EXPECT_EQ(pos, 6u);
}

TEST(Lexer, TrimLwsRemovesFoldsAtBothEnds) {
  EXPECT_EQ(trim_lws("\r\n  value \t"), "value");
  EXPECT_EQ(trim_lws("   "), "");
}

TEST(Lexer, QuotedStringWithQuotedPairs) {
  std::string_view s = R"("J Rosenberg \\\"" <sip:x@y>)";
  std::size_t pos = 0;
  std::string_view quoted;
  ASSERT_EQ(scan_quoted_string(s, pos, quoted), QuotedStatus::ok);
  EXPECT_EQ(quoted, R"("J Rosenberg \\\"")");
  EXPECT_EQ(unquote(quoted), R"(J Rosenberg \")");
  EXPECT_EQ(s.substr(pos, 2), " <");
}

TEST(Lexer, QuotedStringKeepsEscapedNulAndReportsUnterminated) {
  std::string s("\"a\\\0b\"", 6);
  std::size_t pos = 0;
  std::string_view quoted;
  ASSERT_EQ(scan_quoted_string(s, pos, quoted), QuotedStatus::ok);
  EXPECT_EQ(unquote(quoted), std::string("a\0b", 3));

  std::string_view open = "\"Mr. J. User <sip:j.user@example.com>";
  pos = 0;
  EXPECT_EQ(scan_quoted_string(open, pos, quoted), QuotedStatus::unterminated);
  EXPECT_EQ(pos, open.size());
}

TEST(Lexer, QuotedStringFlagsRawControlCharacters) {
  std::string s("\"a\x07\"");
  std::size_t pos = 0;
  std::string_view quoted;
  EXPECT_EQ(scan_quoted_string(s, pos, quoted), QuotedStatus::bad_char);
}

TEST(Lexer, SplitCommaListRespectsQuotesAndBrackets) {
  auto parts = split_comma_list(R"("Bell, A" <sip:a@b;x=1,y>, <sip:c@d> ,,)");
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], R"("Bell, A" <sip:a@b;x=1,y>)");
  EXPECT_EQ(parts[1], "<sip:c@d>");
  EXPECT_EQ(parts[2], "");
  EXPECT_EQ(parts[3], "");
  EXPECT_EQ(split_comma_list("").size(), 1u);
}

}  // namespace
}  // namespace sipconf::sip::lex
