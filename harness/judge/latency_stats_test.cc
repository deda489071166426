#include "harness/judge/latency_stats.h"

#include <gtest/gtest.h>

#include "reports/model/latency_stats.h"

namespace sipconf::harness {
namespace {

TEST(LatencyStats, NearestRankPercentiles) {
  const std::vector<int64_t> samples{301, 280, 640, 812, 295, 310};
  const LatencySummary s = summarize_latency(samples);
  EXPECT_EQ(s.count, 6u);
  EXPECT_EQ(s.min, 280);
  EXPECT_EQ(s.p50, 301);
  EXPECT_EQ(s.p90, 812);
  EXPECT_EQ(s.p99, 812);
  EXPECT_EQ(s.max, 812);
  int64_t value = 0;
  EXPECT_TRUE(s.get("p50", value));
  EXPECT_EQ(value, 301);
  EXPECT_FALSE(s.get("p75", value));
}

// The same definition as the results.json writer's, for every size and percentile.
TEST(LatencyStats, AgreesWithTheResultsWriter) {
  for (int n = 1; n <= 120; ++n) {
    std::vector<int64_t> samples;
    for (int i = 0; i < n; ++i) samples.push_back((i * 7919) % 1000);
    const LatencySummary s = summarize_latency(samples);
    EXPECT_EQ(s.p50, reports::nearest_rank(samples, 50)) << n;
    EXPECT_EQ(s.p90, reports::nearest_rank(samples, 90)) << n;
    EXPECT_EQ(s.p99, reports::nearest_rank(samples, 99)) << n;
  }
}

TEST(LatencyStats, Empty) {
  const LatencySummary s = summarize_latency({});
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.max, 0);
}

}  // namespace
}  // namespace sipconf::harness
