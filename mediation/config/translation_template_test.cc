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

struct Expansion {
  const char* text;
  std::vector<std::string> groups;
  const char* expected;
};

TEST(TranslationTemplate, ExpandsAsDotNetReplacementsDo) {
  const Expansion cases[] = {
      {"011$1", {"441235551010"}, "011441235551010"},  // groups and literal text in order
      {"+1425$2-$1x", {"a", "b"}, "+1425b-ax"},
      {"$$$1$$", {"7"}, "$7$"},  // $$ is one $
      {"$10", {"5"}, "50"},      // only $1..$9: group 1, then 0
      {"9$3", {"1"}, "9$3"},     // a group the pattern lacks stays
      {"", {}, ""},
  };
  for (const Expansion& c : cases) {
    auto t = TranslationTemplate::parse(c.text);
    ASSERT_TRUE(t.ok()) << c.text;
    EXPECT_EQ(expand(*t, c.groups), c.expected) << c.text;
  }
  EXPECT_EQ(TranslationTemplate::parse("+1425$2-$1x")->highest_group(), 2);
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
