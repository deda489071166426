#include "mediation/routing/digit_pattern.h"

#include <regex>
#include <string>

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

TEST(DigitPattern, CoversTheCommonShapesOnly) {
  for (const char* p : {R"(^\+1425\d{7}$)", R"(^\+(1\d{10})$)", R"([0-9]{10})", R"(^(\d{4})$)",
                        R"(^\+(\d{9}\d+)$)", R"(^0(\d*)(\d{2,4})$)"}) {
    EXPECT_TRUE(DigitPattern::parse(p).has_value()) << p;
  }
  for (const char* p :
       {R"(^\+1|^\+44)", R"(^\+.)", R"(^(?:1))", R"(^(1)?)", R"(^\d*?)", R"(^\w)", R"(^[0-9a])",
        R"(^1{2})", R"(^1$2)", R"(^(1)", R"(^1))", R"(^\d{3,2})", R"(^\1)", R"(^a^)", R"(^9?)"}) {
    EXPECT_FALSE(DigitPattern::parse(p).has_value()) << p;
  }
}

TEST(DigitPattern, GroupsSpanTheirGreedyMatch) {
  auto p = DigitPattern::parse(R"(^0(\d*)(\d{4})$)");
  ASSERT_TRUE(p);
  DigitPattern::Match m;
  ASSERT_TRUE(p->search("01235551010", &m));
  EXPECT_EQ(m.group_begin[0], 1u);
  EXPECT_EQ(m.group_end[0], 7u);
  EXPECT_EQ(m.group_begin[1], 7u);
  EXPECT_EQ(m.group_end[1], 11u);
}

// The fast path must agree with std::regex (ECMAScript) on every pattern it takes: whether
// it matches, where, and each group's span.
TEST(DigitPattern, AgreesWithStdRegex) {
  const char* patterns[] = {R"(^\+1425\d{7}$)",
                            R"(^\+(1\d{10})$)",
                            R"([0-9]{10})",
                            R"(^(\d{4})$)",
                            R"(^\+(\d{9}\d+)$)",
                            R"(^0(\d*)(\d{2,4})$)",
                            R"(^9\d?)",
                            R"(\d{3})",
                            R"(^\+44(\d+)$)",
                            R"(555)",
                            R"(^(\+)(1)(\d{3})(\d*)$)",
                            R"((\d+)(\d+))",
                            R"(^[2-9]\d{2}$)",
                            R"(^\+1206(\d{7})$)",
                            R"(^(\d{1,3})(\d{0,2})$)",
                            R"(1(\d*)0$)",
                            R"(^-\d?-$)",
                            R"(\d*)",
                            R"(^\d{2,}(\d)$)",
                            R"(^((\d)\d)$)"};
  const char* numbers[] = {
      "+14255550100", "14255550100", "+441235551010", "0100", "01235551010", "9",     "",
      "+12065551219", "123",         "5555",          "--",   "-5-",         "10010", "+1",
      "a1234567890b"};
  for (const char* text : patterns) {
    auto fast = DigitPattern::parse(text);
    ASSERT_TRUE(fast) << text;
    const std::regex regex(text, std::regex::ECMAScript);
    for (const char* number : numbers) {
      const std::string s = number;
      std::smatch expected;
      const bool found = std::regex_search(s, expected, regex);
      DigitPattern::Match m;
      ASSERT_EQ(fast->search(s, &m), found) << text << " on " << s;
      if (!found) continue;
      EXPECT_EQ(m.begin, static_cast<std::size_t>(expected.position(0))) << text << " on " << s;
      EXPECT_EQ(m.end - m.begin, static_cast<std::size_t>(expected.length(0)))
          << text << " on " << s;
      ASSERT_EQ(fast->group_count() + 1, expected.size()) << text;
      for (std::size_t g = 1; g < expected.size(); ++g) {
        EXPECT_EQ(m.group_begin[g - 1], static_cast<std::size_t>(expected.position(g)))
            << text << " on " << s << " group " << g;
        EXPECT_EQ(m.group_end[g - 1] - m.group_begin[g - 1],
                  static_cast<std::size_t>(expected.length(g)))
            << text << " on " << s << " group " << g;
      }
    }
  }
}

}  // namespace
}  // namespace sipconf::mediation
