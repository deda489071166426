#include "base/text_pattern.h"

#include <gtest/gtest.h>

namespace sipconf::base {
namespace {

TEST(TextPattern, MatchesAndSearches) {
  const TextPattern pattern("^RFC[0-9]+$");
  EXPECT_TRUE(pattern.matches("RFC3261"));
  EXPECT_FALSE(pattern.matches("RFC3261-17"));
  const TextPattern inner("[0-9]{4}");
  EXPECT_FALSE(inner.matches("x1234y"));
  EXPECT_TRUE(inner.search("x1234y"));
}

TEST(TextPattern, ReturnsCaptureGroups) {
  const TextPattern pattern("^\\+(1)(\\d{10})$");
  const auto groups = pattern.match_groups("+14255550100");
  ASSERT_TRUE(groups);
  EXPECT_EQ(*groups, (std::vector<std::string>{"1", "4255550100"}));
  EXPECT_FALSE(pattern.match_groups("14255550100"));
  const auto found = TextPattern("v([0-9.]+)").search_groups("SIPp v3.6.1-SCTP");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->at(0), "3.6.1");
}

TEST(TextPattern, ABadPatternIsAnErrorNotAThrow) {
  std::string error;
  EXPECT_FALSE(TextPattern::compile("(unclosed", error));
  EXPECT_FALSE(error.empty());
  EXPECT_TRUE(TextPattern::compile("^ok$", error));
}

}  // namespace
}  // namespace sipconf::base
