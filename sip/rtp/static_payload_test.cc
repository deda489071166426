#include "sip/rtp/static_payload.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(StaticPayload, KnowsTheRfc3551Table) {
  ASSERT_NE(static_payload_format(0), nullptr);
  EXPECT_EQ(static_payload_format(0)->encoding, "PCMU");
  EXPECT_EQ(*static_payload_format(8), (StaticPayloadFormat{"PCMA", 8000}));
  EXPECT_EQ(static_payload_format(9)->clock_rate, 8000u);  // G.722's RTP clock
  EXPECT_EQ(static_payload_format(18)->encoding, "G729");
  EXPECT_EQ(static_payload_format(34)->clock_rate, 90000u);
  EXPECT_EQ(*static_payload_format(10), (StaticPayloadFormat{"L16", 44100, 2}));
  EXPECT_EQ(static_payload_format(11)->channels, 1u);
  EXPECT_FALSE(static_payload_format(8)->withdrawn);
  static_assert(static_payload_format(13)->encoding == "CN");
}

TEST(StaticPayload, DynamicUnassignedAndOutOfRangeTypesHaveNone) {
  EXPECT_EQ(static_payload_format(1), nullptr);
  EXPECT_EQ(static_payload_format(20), nullptr);
  EXPECT_EQ(static_payload_format(35), nullptr);
  EXPECT_EQ(static_payload_format(101), nullptr);
  EXPECT_EQ(static_payload_format(-1), nullptr);
  EXPECT_EQ(static_payload_format(300), nullptr);
}

TEST(StaticPayload, WithdrawnAssignmentsAreKeptAndMarked) {
  EXPECT_EQ(*static_payload_format(2), (StaticPayloadFormat{"G721", 8000, 1, true}));
  EXPECT_EQ(*static_payload_format(19), (StaticPayloadFormat{"CN", 8000, 1, true}));
}

TEST(StaticPayload, EveryAssignedEntryHasAnEncodingAndAClockRate) {
  for (const StaticPayloadFormat& format : kStaticPayloadFormats) {
    EXPECT_EQ(format.encoding.empty(), format.clock_rate == 0) << format.encoding;
  }
}

}  // namespace
}  // namespace sipconf::sip
