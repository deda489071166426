#include "mediation/routing/number_pattern.h"

#include <gtest/gtest.h>

#include "mediation/routing/routing_error.h"

namespace sipconf::mediation {
namespace {

NumberPattern pattern(std::string_view text) {
  auto p = NumberPattern::compile(text);
  EXPECT_TRUE(p.ok()) << text;
  return std::move(p).value();
}

std::string translate(std::string_view pattern_text, std::string_view translation,
                      std::string_view number) {
  auto t = TranslationTemplate::parse(translation);
  EXPECT_TRUE(t.ok());
  return pattern(pattern_text).replace(number, *t).value_or("(no match)");
}

TEST(RequiredPrefix, LiteralTextAfterTheAnchor) {
  EXPECT_EQ(required_prefix(R"(^\+1425\d{7}$)"), "+1425");
  EXPECT_EQ(required_prefix(R"(^\+(1\d{10})$)"), "+1");
  EXPECT_EQ(required_prefix(R"(^\+1(425\d{7})$)"), "+1425");
  EXPECT_EQ(required_prefix(R"(^(?:\+)(44)(\d+))"), "+44");
  EXPECT_EQ(required_prefix(R"(^((\+1)2)3)"), "+123");
  EXPECT_EQ(required_prefix(R"(^0044\d+)"), "0044");
  EXPECT_EQ(required_prefix(R"(^\+44\.1)"), "+44.1");
}

TEST(RequiredPrefix, NothingWhereAMatchMayStartOtherwise) {
  EXPECT_EQ(required_prefix(R"([0-9]{10})"), "") << "not anchored";
  EXPECT_EQ(required_prefix(R"(\+1425)"), "");
  EXPECT_EQ(required_prefix(R"(^\+1|^\+44)"), "") << "the anchor binds one branch only";
  EXPECT_EQ(required_prefix(R"(^\+1425|44)"), "");
  EXPECT_EQ(required_prefix(R"(^\+?1425)"), "") << "the + is optional";
  EXPECT_EQ(required_prefix(R"(^\+14*5)"), "+1") << "4 may vanish";
  EXPECT_EQ(required_prefix(R"(^\+14{2}5)"), "+1");
  EXPECT_EQ(required_prefix(R"(^\+1.5)"), "+1");
  EXPECT_EQ(required_prefix(R"(^\x2B1)"), "") << "an escape code, not a literal";
  EXPECT_EQ(required_prefix(R"(^\d)"), "");
  EXPECT_EQ(required_prefix(R"(^)"), "");
  EXPECT_EQ(required_prefix(R"(^\)"), "");
}

TEST(RequiredPrefix, GroupsThatMayVanishRepeatOrBranchEndIt) {
  EXPECT_EQ(required_prefix(R"(^\+(1)?425)"), "+");
  EXPECT_EQ(required_prefix(R"(^\+(12)*3)"), "+");
  EXPECT_EQ(required_prefix(R"(^\+(1){2})"), "+");
  EXPECT_EQ(required_prefix(R"(^\+(?=1)1)"), "+") << "a lookahead matches nothing itself";
  EXPECT_EQ(required_prefix(R"(^\+(?!2)1)"), "+");
  EXPECT_EQ(required_prefix(R"(^\+(1(2|3))4)"), "+1");
  EXPECT_EQ(required_prefix(R"(^\+(1)"), "+") << "an unclosed group (does not compile)";
  EXPECT_EQ(required_prefix(R"(^(\))1)"), ")1");
}

TEST(RequiredPrefix, AlternationInsideAGroupOrClassKeepsTheAnchor) {
  EXPECT_EQ(required_prefix(R"(^\+1(425|206)\d{7}$)"), "+1");
  EXPECT_EQ(required_prefix(R"(^9[|]\d)"), "9");
  EXPECT_EQ(required_prefix(R"(^9\|1)"), "9|1");
}

// Soundness, which the route and rule indexes rely on: whatever a pattern matches starts
// with its required prefix.
TEST(RequiredPrefix, EveryMatchStartsWithIt) {
  const char* patterns[] = {
      R"(^\+1425\d{7}$)", R"(^\+(1\d{10})$)", R"(^\+?1425)",     R"(^\+1(425|206)\d{7}$)",
      R"(^\+14*25)",      R"(^1|^\+4)",       R"(^\+\d{9}\d+$)", R"(^(\d{4})$)",
      R"(^\+44\.?1)",     R"(^\+1.)"};
  const char* numbers[] = {"+14255550100",
                           "14255550100",
                           "+12065551219",
                           "+441235551010",
                           "+1255",
                           "0100",
                           "+44.1",
                           "+4",
                           "1",
                           ""};
  for (const char* text : patterns) {
    const NumberPattern p = pattern(text);
    for (const char* number : numbers) {
      if (!p.search(number)) continue;
      EXPECT_EQ(std::string_view(number).substr(0, p.prefix().size()), p.prefix())
          << text << " matches " << number;
    }
  }
}

TEST(NumberPattern, IsSearchedAnywhereAsRegexIsMatchDoes) {
  EXPECT_TRUE(pattern("555").search("+14255550100"));
  EXPECT_FALSE(pattern("^555").search("+14255550100"));
  EXPECT_TRUE(pattern("[0-9]{10}").search("+14255550100"));
}

TEST(NumberPattern, BadPatternsAreAnError) {
  auto p = NumberPattern::compile("^(\\d");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error(), RoutingErrc::kPatternDoesNotCompile);
}

TEST(NumberPattern, ReplaceAsDotNetRegexReplace) {
  // The examples of spec RT-02.
  EXPECT_EQ(translate(R"(^\+(1\d{10})$)", "$1", "+14255551010"), "14255551010");
  EXPECT_EQ(translate(R"(^\+(\d{9}\d+)$)", "011$1", "+441235551010"), "011441235551010");
  EXPECT_EQ(translate(R"(^\+(1\d{10})$)", "$1", "+441235551010"), "(no match)");
  // Text outside the match stays; every match is replaced.
  EXPECT_EQ(translate(R"(\+)", "00", "+44+1"), "0044001");
  EXPECT_EQ(translate(R"(^1206(\d{7}))", "$1", "12065551219;ext=2"), "5551219;ext=2");
  // A group that took no part is empty.
  EXPECT_EQ(translate(R"(^(\+)?(1\d+)$)", "[$1]$2", "1425"), "[]1425");
  EXPECT_EQ(pattern(R"(^\+(1)(\d+)$)").group_count(), 2u);
}

}  // namespace
}  // namespace sipconf::mediation
