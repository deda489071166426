#include "mediation/routing/pattern_index.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

PatternIndex index_of(std::initializer_list<const char*> patterns) {
  PatternIndex index;
  for (const char* text : patterns) index.add(*NumberPattern::compile(text));
  return index;
}

std::vector<std::size_t> candidates(const PatternIndex& index, std::string_view number) {
  std::vector<std::size_t> out{99};  // cleared first
  index.candidates(number, out);
  return out;
}

TEST(PatternIndex, PrefixedPatternsAreCandidatesOnlyForTheirNumbers) {
  const PatternIndex index = index_of(
      {R"(^\+1425\d{7}$)", R"(^\+44)", R"([0-9]{10})", R"(^\+1)", R"(^\+1425555)", R"(^\+)"});
  EXPECT_EQ(candidates(index, "+14255550100"), (std::vector<std::size_t>{0, 2, 3, 4, 5}));
  EXPECT_EQ(candidates(index, "+441235551010"), (std::vector<std::size_t>{1, 2, 5}));
  EXPECT_EQ(candidates(index, "0100"), (std::vector<std::size_t>{2}));
  EXPECT_EQ(candidates(index, ""), (std::vector<std::size_t>{2}));
}

TEST(PatternIndex, PatternsSharingAPrefixAreAllCandidatesInOrder) {
  const PatternIndex index =
      index_of({R"(^\+1425\d{7}$)", R"(^\+1206)", R"(^\+1425)", R"(^\+1425(\d+)$)"});
  EXPECT_EQ(candidates(index, "+14255550100"), (std::vector<std::size_t>{0, 2, 3}));
  EXPECT_EQ(index.size(), 4u);
  EXPECT_EQ(index.pattern(1).text(), R"(^\+1206)");
}

// The index only narrows: every pattern that matches is a candidate.
TEST(PatternIndex, NeverLosesAMatch) {
  const PatternIndex index = index_of(
      {R"(^\+1425\d{7}$)", R"(^\+1|^1)", R"(^\+?1206)", R"(555)", R"(^\+(1)\d+)", R"(^0\d{3}$)"});
  for (const char* number :
       {"+14255550100", "14255550100", "12065551219", "+12065551219", "0100", "5555", "+1"}) {
    const std::vector<std::size_t> found = candidates(index, number);
    for (std::size_t i = 0; i < index.size(); ++i) {
      if (!index.pattern(i).search(number)) continue;
      EXPECT_NE(std::find(found.begin(), found.end(), i), found.end())
          << index.pattern(i).text() << " matches " << number;
    }
  }
}

}  // namespace
}  // namespace sipconf::mediation
