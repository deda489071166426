#include "sip/message/token_list.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(TokenList, ParsesAndJoins) {
  auto r = parse_token_list("nothingSupportsThis, nothingSupportsThisEither");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[1], "nothingSupportsThisEither");
  EXPECT_EQ(join_tokens(*r), "nothingSupportsThis, nothingSupportsThisEither");
  EXPECT_TRUE(contains_token(*r, "NOTHINGSUPPORTSTHIS"));
  EXPECT_FALSE(contains_token(*r, "timer"));
}

TEST(TokenList, EmptyValueIsAnEmptyList) {
  auto r = parse_token_list("  ");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(TokenList, Errors) {
  EXPECT_EQ(parse_token_list("timer,,100rel").error(), ParseError::empty_list_element);
  Diagnostics d(ParseMode::lenient);
  auto lenient = parse_token_list("timer,,100rel", &d);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->size(), 2u);
  EXPECT_EQ(parse_token_list("timer, not a token").error(), ParseError::token_list_malformed);
}

}  // namespace
}  // namespace sipconf::sip
