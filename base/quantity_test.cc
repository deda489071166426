#include "base/quantity.h"

#include <gtest/gtest.h>

namespace sipconf::base {
namespace {

TEST(Quantity, ParsesBoundedIntegersAndNumbers) {
  std::string error;
  EXPECT_EQ(parse_integer("42", 0, 100, error), 42);
  EXPECT_FALSE(parse_integer("101", 0, 100, error));
  EXPECT_EQ(error, "101 is out of range [0, 100]");
  EXPECT_FALSE(parse_integer("4x", 0, 100, error));
  EXPECT_EQ(error, "`4x` is not an integer");
  EXPECT_DOUBLE_EQ(parse_number("0.5", 0, 1, error).value_or(-1), 0.5);
  EXPECT_FALSE(parse_number("nan", 0, 1, error));
}

}  // namespace
}  // namespace sipconf::base
