#include "base/boolean.h"

#include <gtest/gtest.h>

#include "base/input_error.h"

namespace sipconf::base {
namespace {

TEST(Boolean, TrueAndFalseInAnyCase) {
  Diagnostics diags;
  EXPECT_TRUE(*parse_boolean("true", {}, {}, diags));
  EXPECT_TRUE(*parse_boolean("True", {}, {}, diags));
  EXPECT_FALSE(*parse_boolean("FALSE", {}, {}, diags));
  EXPECT_TRUE(diags.empty());
}

TEST(Boolean, OtherToolsSpellingsAreRefusedWithTheWordToWrite) {
  Diagnostics diags;
  EXPECT_EQ(parse_boolean("yes", "strip_plus", {}, diags).error(), InputErrc::kMalformed);
  EXPECT_FALSE(parse_boolean("0", {}, {"p.xml", 4, 30}, diags));
  EXPECT_FALSE(parse_boolean("maybe", {}, {}, diags));
  ASSERT_EQ(diags.size(), 3u);
  EXPECT_EQ(diags[0].to_string(), "strip_plus: `yes`: write true");
  EXPECT_EQ(diags[1].to_string(), "p.xml:4:30: `0`: write false");
  EXPECT_EQ(diags[2].message, "`maybe` is not a boolean: write true or false");
}

}  // namespace
}  // namespace sipconf::base
