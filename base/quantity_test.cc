#include "base/quantity.h"

#include <gtest/gtest.h>

namespace sipconf::base {
namespace {

using std::chrono::microseconds;

TEST(Quantity, ParsesDurationsWithUnits) {
  std::string error;
  EXPECT_EQ(parse_duration("500us", error), microseconds(500));
  EXPECT_EQ(parse_duration("250ms", error), microseconds(250000));
  EXPECT_EQ(parse_duration("3s", error), microseconds(3000000));
  EXPECT_EQ(parse_duration("1.5s", error), microseconds(1500000));
  EXPECT_EQ(parse_duration("2min", error), microseconds(120000000));
  EXPECT_TRUE(error.empty());
}

TEST(Quantity, RefusesDurationsWithoutOrWithUnknownUnits) {
  std::string error;
  EXPECT_FALSE(parse_duration("5", error));
  EXPECT_EQ(error, "duration `5` needs a unit: us, ms, s or min");
  EXPECT_FALSE(parse_duration("5h", error));
  EXPECT_EQ(error, "unknown unit `h` in `5h` (use us, ms, s or min)");
  EXPECT_FALSE(parse_duration("ms", error));
  EXPECT_EQ(error, "`ms` is not a duration (write e.g. 500us, 250ms, 3s)");
  EXPECT_FALSE(parse_duration("-1s", error));
  EXPECT_FALSE(parse_duration("2000000s", error));
  EXPECT_EQ(error, "duration `2000000s` is longer than a day");
}

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

TEST(Quantity, FormatsDurationsForPeople) {
  EXPECT_EQ(format_duration(microseconds(850)), "850 us");
  EXPECT_EQ(format_duration(microseconds(12500)), "12.5 ms");
  EXPECT_EQ(format_duration(microseconds(3000000)), "3 s");
}

}  // namespace
}  // namespace sipconf::base
