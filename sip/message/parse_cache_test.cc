#include "sip/message/parse_cache.h"

#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(ParseCache, ParsesOnceUntilReset) {
  ParseCache<std::string> cache;
  int parses = 0;
  auto parse = [&] {
    ++parses;
    return std::string("value");
  };
  EXPECT_FALSE(cache.filled());
  EXPECT_EQ(cache.get(parse), "value");
  EXPECT_EQ(cache.get(parse), "value");
  EXPECT_EQ(parses, 1);
  cache.reset();
  EXPECT_EQ(cache.get(parse), "value");
  EXPECT_EQ(parses, 2);
}

TEST(ParseCache, ACopyStartsEmptyAndAMoveTakesTheValue) {
  ParseCache<std::string> cache;
  cache.get([] { return std::string("kept"); });
  ParseCache<std::string> copy(cache);
  EXPECT_FALSE(copy.filled());
  EXPECT_TRUE(cache.filled());
  copy.get([] { return std::string("other"); });
  copy = cache;
  EXPECT_FALSE(copy.filled());

  ParseCache<std::string> moved(std::move(cache));
  EXPECT_TRUE(moved.filled());
  EXPECT_FALSE(cache.filled());  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_EQ(moved.get([] { return std::string("unused"); }), "kept");
  copy = std::move(moved);
  EXPECT_TRUE(copy.filled());
  EXPECT_FALSE(moved.filled());  // NOLINT(bugprone-use-after-move)
}

}  // namespace
}  // namespace sipconf::sip
