#include "base/start_tag.h"

#include <gtest/gtest.h>

namespace sipconf::base {
namespace {

TEST(StartTag, FindsEachAttributesNameAndValue) {
  const std::string text = "<trunk name=\"gw1\"\n       peer = 'a>b' x=\"\"/>";
  const auto attributes = scan_start_tag(text, 1);
  ASSERT_EQ(attributes.size(), 3u);
  EXPECT_EQ(attributes[0].name, "name");
  EXPECT_EQ(text.substr(attributes[0].value_offset, 3), "gw1");
  EXPECT_EQ(attributes[1].name, "peer");
  EXPECT_EQ(text.substr(attributes[1].name_offset, 4), "peer");
  EXPECT_EQ(text.substr(attributes[1].value_offset, 3), "a>b") << "a > inside quotes is text";
  EXPECT_EQ(attributes[2].name, "x");
  EXPECT_EQ(text[attributes[2].value_offset], '"');
}

TEST(StartTag, StopsAtTheEndOfTheTagAndAtWhatItCannotRead) {
  EXPECT_TRUE(scan_start_tag("<a>name=\"x\"</a>", 1).empty());
  EXPECT_TRUE(scan_start_tag("<a/>", 1).empty());
  EXPECT_TRUE(scan_start_tag("<a b", 1).empty());
  EXPECT_TRUE(scan_start_tag("<a b=\"unclosed", 1).empty());
  EXPECT_TRUE(scan_start_tag("", 0).empty());
  EXPECT_TRUE(scan_start_tag("<a", 10).empty());
}

}  // namespace
}  // namespace sipconf::base
