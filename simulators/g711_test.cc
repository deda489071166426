#include "simulators/g711.h"

#include <cstdlib>

#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

TEST(G711Test, KnownCodes) {
  // Values from ITU-T G.711's tables: silence and full scale.
  EXPECT_EQ(linear_to_ulaw(0), 0xFF);
  EXPECT_EQ(linear_to_ulaw(-1), 0x7F);
  EXPECT_EQ(linear_to_ulaw(32767), 0x80);
  EXPECT_EQ(linear_to_ulaw(-32768), 0x00);
  EXPECT_EQ(linear_to_alaw(0), 0xD5);
  EXPECT_EQ(linear_to_alaw(-1), 0x55);
  EXPECT_EQ(linear_to_alaw(32767), 0xAA);
  EXPECT_EQ(ulaw_to_linear(0xFF), 0);
  EXPECT_EQ(ulaw_to_linear(0x80), 32124);
  EXPECT_EQ(alaw_to_linear(0xD5), 8);
  EXPECT_EQ(alaw_to_linear(0xAA), 32256);
}

TEST(G711Test, RoundTripStaysWithinTheSegmentStep) {
  for (int v = -32768; v <= 32767; v += 7) {
    const auto sample = static_cast<std::int16_t>(v);
    const int ulaw = ulaw_to_linear(linear_to_ulaw(sample));
    const int alaw = alaw_to_linear(linear_to_alaw(sample));
    // The quantisation step is at most 1/16 of the magnitude (plus the smallest step).
    const int bound = std::abs(v) / 16 + 34;
    ASSERT_LE(std::abs(ulaw - v), bound) << v;
    ASSERT_LE(std::abs(alaw - v), bound) << v;
  }
}

TEST(G711Test, EveryCodeDecodesAndReencodesToItself) {
  for (int code = 0; code < 256; ++code) {
    const auto c = static_cast<std::uint8_t>(code);
    if (c != 0x7F) {  // µ-law's -0 decodes to 0, which encodes as +0
      EXPECT_EQ(linear_to_ulaw(ulaw_to_linear(c)), c) << code;
    }
    EXPECT_EQ(linear_to_alaw(alaw_to_linear(c)), c) << code;
  }
}

}  // namespace
}  // namespace sipconf::simulators
