#include "mediation/config/translation_template.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

std::string expand(const TranslationTemplate& t, const std::vector<std::string>& groups) {
  std::string out;
  t.expand(
      groups.size(), [&](std::size_t n) -> const std::string& { return groups[n - 1]; }, out);
  return out;
}

TEST(TranslationTemplate, GroupsAndLiteralTextInOrder) {
  auto t = TranslationTemplate::parse("011$1");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(expand(*t, {"441235551010"}), "011441235551010");
  auto two = TranslationTemplate::parse("+1425$2-$1x");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(expand(*two, {"a", "b"}), "+1425b-ax");
  EXPECT_EQ(two->highest_group(), 2);
}

TEST(TranslationTemplate, DoubleDollarIsOneDollar) {
  auto t = TranslationTemplate::parse("$$$1$$");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(expand(*t, {"7"}), "$7$");
}

TEST(TranslationTemplate, ADigitAfterAGroupIsLiteral) {
  // `$10` is group 1 then `0`: only $1..$9 exist in the subset.
  auto t = TranslationTemplate::parse("$10");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(expand(*t, {"5"}), "50");
}

TEST(TranslationTemplate, AGroupThePatternLacksStaysLiteralAsInDotNet) {
  auto t = TranslationTemplate::parse("9$3");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(expand(*t, {"1"}), "9$3");
}

TEST(TranslationTemplate, EmptyTextTranslatesToNothing) {
  auto t = TranslationTemplate::parse("");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(expand(*t, {}), "");
}

TEST(TranslationTemplate, SubstitutionsOutsideTheSubsetAreRefused) {
  for (const char* text : {"$0", "${1}", "$&", "$'", "$`", "$+", "$_", "a$b"}) {
    auto t = TranslationTemplate::parse(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_EQ(t.error(), TranslationErrc::kUnsupportedSubstitution) << text;
  }
  auto dangling = TranslationTemplate::parse("1$");
  ASSERT_FALSE(dangling.ok());
  EXPECT_EQ(dangling.error(), TranslationErrc::kDanglingDollar);
  EXPECT_NE(dangling.error().message().find("$$"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::mediation
