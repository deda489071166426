#include "mediation/routing/number_translation.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

TranslationRules rules(std::vector<TranslationRule> list) { return TranslationRules(list); }

TEST(TranslationRules, FirstMatchingRuleWinsTopDown) {
  // The spec's pair (RT-02): the specific rule above the generic one...
  const TranslationRules specific_first =
      rules({{"us", R"(^\+(1\d{10})$)", "$1"}, {"intl", R"(^\+(\d{9}\d+)$)", "011$1"}});
  EXPECT_EQ(specific_first.apply("+14255551010"), "14255551010");
  EXPECT_EQ(specific_first.apply("+441235551010"), "011441235551010");
  // ... and below it, where the generic rule takes the US number too.
  const TranslationRules generic_first =
      rules({{"intl", R"(^\+(\d{9}\d+)$)", "011$1"}, {"us", R"(^\+(1\d{10})$)", "$1"}});
  EXPECT_EQ(generic_first.apply("+14255551010"), "01114255551010");
  EXPECT_EQ(generic_first.apply("+441235551010"), "011441235551010");
}

TEST(TranslationRules, NoMatchingRuleIsNoTranslation) {
  const TranslationRules r = rules({{"us", R"(^\+(1\d{10})$)", "$1"}});
  EXPECT_EQ(r.apply("+33144556677"), std::nullopt);
  EXPECT_EQ(r.apply(""), std::nullopt);
  EXPECT_EQ(TranslationRules().apply("+1"), std::nullopt);
}

TEST(TranslationRules, TheDefaultRuleStripsThePlus) {
  const TranslationRules r = rules({TranslationRule{}});  // ^\+(\d*)$ -> $1
  EXPECT_EQ(r.apply("+14255550100"), "14255550100");
  EXPECT_EQ(r.apply("14255550100"), std::nullopt);
}

TEST(TranslationRules, UnanchoredRulesKeepTheirPlaceInTheOrder) {
  // The index must not reorder: an unprefixed rule above a prefixed one still wins.
  const TranslationRules r =
      rules({{"any", R"(5550100$)", "X"}, {"us", R"(^\+1425(\d{7})$)", "$1"}});
  EXPECT_EQ(r.apply("+14255550100"), "+1425X");
  EXPECT_EQ(r.apply("+14255550199"), "5550199");
}

TEST(TranslationRules, RulesThatDoNotCompileAreLeftOut) {
  const TranslationRules r =
      rules({{"bad", "^(", "$1"}, {"bad-dollar", "^1", "$0"}, {"ok", "^1", "9"}});
  EXPECT_EQ(r.size(), 1u);
  EXPECT_EQ(r.apply("123"), "923");
}

TEST(TrunkNumbering, CalledAndCallingUseTheirOwnRules) {
  TrunkSettings s;
  s.outbound_translation_rules = {{"us", R"(^\+(1\d{10})$)", "$1"}};
  s.outbound_calling_number_translation_rules = {{"sea", R"(^\+1206(\d{7})$)", "$1"}};
  const TrunkNumbering n(s);
  EXPECT_EQ(n.called("+14255550100"), "14255550100");
  EXPECT_EQ(n.called("+12065551219"), "12065551219");
  EXPECT_EQ(n.calling("+12065551219"), "5551219");
  EXPECT_EQ(n.calling("+14255550100"), "+14255550100") << "no calling rule matches";
  EXPECT_FALSE(n.keeps_numbers());
}

TEST(TrunkNumbering, RemovePlusFromUriActsAfterTheRules) {
  TrunkSettings s;
  s.remove_plus_from_uri = true;
  s.outbound_translation_rules = {{"to-e164", R"(^0(\d+)$)", "+44$1"}};
  const TrunkNumbering n(s);
  EXPECT_EQ(n.called("+14255550100"), "14255550100");
  EXPECT_EQ(n.called("01235551010"), "441235551010");
  EXPECT_EQ(n.calling("+12065551219"), "12065551219");
  EXPECT_EQ(n.calling("2001"), "2001");
  EXPECT_EQ(n.calling(""), "");
}

TEST(TrunkNumbering, WithoutSettingsNumbersCrossUnchanged) {
  const TrunkNumbering n{TrunkSettings{}};
  EXPECT_TRUE(n.keeps_numbers());
  EXPECT_EQ(n.called("+14255550100"), "+14255550100");
  EXPECT_EQ(n.calling("+14255550199"), "+14255550199");
}

}  // namespace
}  // namespace sipconf::mediation
