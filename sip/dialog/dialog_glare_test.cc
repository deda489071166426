#include "sip/dialog/dialog_glare.h"

#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

TEST(GlareRetryDelay, OwnerWaits2100To4000MsInTensOfMs) {
  IdGenerator random(11);
  long lowest = 1 << 30, highest = 0;
  for (int i = 0; i < 5000; ++i) {
    long ms = glare_retry_delay(true, random).count();
    EXPECT_EQ(ms % 10, 0);
    lowest = std::min(lowest, ms);
    highest = std::max(highest, ms);
  }
  EXPECT_EQ(lowest, 2100);
  EXPECT_EQ(highest, 4000);
}

TEST(GlareRetryDelay, NonOwnerWaits0To2000Ms) {
  IdGenerator random(12);
  long lowest = 1 << 30, highest = 0;
  for (int i = 0; i < 5000; ++i) {
    long ms = glare_retry_delay(false, random).count();
    EXPECT_EQ(ms % 10, 0);
    lowest = std::min(lowest, ms);
    highest = std::max(highest, ms);
  }
  EXPECT_EQ(lowest, 0);
  EXPECT_EQ(highest, 2000);
}

TEST(OverlappingInviteRetryAfter, ZeroToTenSeconds) {
  IdGenerator random(13);
  std::uint32_t highest = 0;
  for (int i = 0; i < 1000; ++i) {
    std::uint32_t s = overlapping_invite_retry_after(random);
    EXPECT_LE(s, 10u);
    highest = std::max(highest, s);
  }
  EXPECT_EQ(highest, 10u);
}

}  // namespace
}  // namespace sipconf::sip
