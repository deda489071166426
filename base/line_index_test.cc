#include "base/line_index.h"

#include <gtest/gtest.h>

namespace sipconf::base {
namespace {

TEST(LineIndex, MapsOffsetsToLinesAndColumns) {
  const std::string text = "ab\ncde\r\n\nf";
  LineIndex index(text);
  EXPECT_EQ(index.position(0).line, 1);
  EXPECT_EQ(index.position(1).column, 2);
  EXPECT_EQ(index.position(3).line, 2);
  EXPECT_EQ(index.position(3).column, 1);
  EXPECT_EQ(index.position(5).column, 3);
  EXPECT_EQ(index.position(8).line, 3);
  EXPECT_EQ(index.position(9).line, 4);
  EXPECT_EQ(index.position(100).line, 4);
}

TEST(LineIndex, ReturnsLineTextWithoutTerminator) {
  const std::string text = "ab\ncde\r\n\nf";
  LineIndex index(text);
  EXPECT_EQ(index.line_text(1), "ab");
  EXPECT_EQ(index.line_text(2), "cde");
  EXPECT_EQ(index.line_text(3), "");
  EXPECT_EQ(index.line_text(4), "f");
  EXPECT_EQ(index.line_text(5), "");
  EXPECT_EQ(index.line_text(0), "");
}

}  // namespace
}  // namespace sipconf::base
