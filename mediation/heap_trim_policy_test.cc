#include "mediation/heap_trim_policy.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

TEST(HeapTrimPolicyTest, TrimsOnceTheTransactionsFallToHalfTheirPeak) {
  HeapTrimPolicy policy(1000);
  EXPECT_FALSE(policy.observe(400));
  EXPECT_FALSE(policy.observe(2000));
  EXPECT_FALSE(policy.observe(1500));
  EXPECT_FALSE(policy.observe(1001));
  EXPECT_TRUE(policy.observe(1000));
  // The peak starts again from 1000: the next trim needs another fall by half.
  EXPECT_FALSE(policy.observe(600));
  EXPECT_TRUE(policy.observe(500));
}

TEST(HeapTrimPolicyTest, SmallPeaksAndSteadyLoadsNeverTrim) {
  HeapTrimPolicy policy(1000);
  EXPECT_FALSE(policy.observe(999));
  EXPECT_FALSE(policy.observe(0));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(policy.observe(i % 2 == 0 ? 3000 : 2000));
  // After trimming down to 0 the peak is 0: quiet periods do not trim again.
  EXPECT_TRUE(policy.observe(0));
  EXPECT_FALSE(policy.observe(0));
  EXPECT_FALSE(policy.observe(400));
}

}  // namespace
}  // namespace sipconf::mediation
