#include "reports/model/time_format.h"

#include <gtest/gtest.h>

namespace sipconf::reports {
namespace {

TEST(TimeFormat, PicksAReadableUnit) {
  EXPECT_EQ(format_duration_us(0), "0 µs");
  EXPECT_EQ(format_duration_us(412), "412 µs");
  EXPECT_EQ(format_duration_us(1190), "1.19 ms");
  EXPECT_EQ(format_duration_us(10412), "10.4 ms");
  EXPECT_EQ(format_duration_us(510590), "510.6 ms");
  EXPECT_EQ(format_duration_us(1510000), "1.51 s");
  EXPECT_EQ(format_duration_us(11020400), "11.0 s");
  EXPECT_EQ(format_duration_us(185000000), "3 min 05 s");
}

// What a terminal gets (sipconf analyze's summary): the same units, spelled in ASCII.
TEST(TimeFormat, AsciiForTerminals) {
  EXPECT_EQ(format_duration_us(812, Glyphs::kAscii), "812 us");
  EXPECT_EQ(format_duration_us(10230, Glyphs::kAscii), "10.2 ms");
  EXPECT_EQ(format_duration_us(1'510'000, Glyphs::kAscii), "1.51 s");
  EXPECT_EQ(format_duration_us(-300, Glyphs::kAscii), "-300 us");
}

TEST(TimeFormat, UtcTimestampsToTheMicrosecond) {
  const auto time =
      std::chrono::system_clock::time_point(std::chrono::microseconds(1795281915986532));
  EXPECT_EQ(format_utc_timestamp(time), "2026-11-21T17:25:15.986532Z");
  EXPECT_EQ(parse_timestamp_us(format_utc_timestamp(time)), 1795281915986532);
}

TEST(TimeFormat, DeltasCarryASign) {
  EXPECT_EQ(format_delta_us(322), "+322 µs");
  EXPECT_EQ(format_delta_us(-1200),
            "\xE2\x88\x92"
            "1.20 ms");
}

TEST(TimeFormat, ParsesRfc3339) {
  auto t0 = parse_timestamp_us("2026-11-21T17:00:00.123456Z");
  auto t1 = parse_timestamp_us("2026-11-21T17:00:41.002Z");
  ASSERT_TRUE(t0 && t1);
  EXPECT_EQ(*t1 - *t0, 40878544);
  EXPECT_EQ(*parse_timestamp_us("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(*parse_timestamp_us("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_FALSE(parse_timestamp_us("2026-11-21 17:00"));
  EXPECT_FALSE(parse_timestamp_us("2026-02-30T00:00:00Z"));
  EXPECT_FALSE(parse_timestamp_us("2026-11-21T17:00:00Zjunk"));
}

TEST(TimeFormat, ShowsUtcTimestampsForPeople) {
  EXPECT_EQ(format_timestamp("2026-11-21T17:00:00.123456Z"), "2026-11-21 17:00:00 UTC");
  EXPECT_EQ(format_timestamp("yesterday"), "yesterday");
}

}  // namespace
}  // namespace sipconf::reports
