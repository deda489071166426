#include "reports/model/latency_stats.h"

#include <gtest/gtest.h>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

TEST(LatencyStats, NearestRankPercentiles) {
  LatencyMetric m = summarize_latency("transit", {301, 280, 640, 812, 295, 310});
  EXPECT_EQ(m.count, 6);
  EXPECT_EQ(m.p50, 301);  // rank ceil(3.0) = 3 of 280 295 301 310 640 812
  EXPECT_EQ(m.p90, 812);  // rank ceil(5.4) = 6
  EXPECT_EQ(m.p99, 812);
  EXPECT_EQ(m.max, 812);
  std::vector<std::int64_t> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(i);
  LatencyMetric h = summarize_latency("x", hundred);
  EXPECT_EQ(h.p50, 50);
  EXPECT_EQ(h.p90, 90);
  EXPECT_EQ(h.p99, 99);
}

TEST(LatencyStats, EmptySamplesGiveZeroCount) {
  LatencyMetric m = summarize_latency("transit", {});
  EXPECT_EQ(m.count, 0);
  EXPECT_EQ(m.max, 0);
}

TEST(LatencyStats, RunFigurePoolsEveryCase) {
  reports::Run run = testing::load_fixture("failing-run.json");
  auto metrics = run_latency(run);
  ASSERT_EQ(metrics.size(), 3u);
  EXPECT_EQ(metrics[0].name, "transit");
  EXPECT_EQ(metrics[1].name, "post_dial_delay");
  EXPECT_EQ(metrics[2].name, "setup_time");
  // 6 (basic) + 4 (failover) + 2 (busy ITSP) + 6 (inbound) transit samples.
  EXPECT_EQ(metrics[0].count, 18);
  EXPECT_EQ(metrics[0].max, 702);
  EXPECT_EQ(metrics[2].max, 11020400);
}

TEST(LatencyStats, LabelsKnownMeasures) {
  EXPECT_EQ(latency_label("post_dial_delay"), "Post-dial delay");
  EXPECT_EQ(latency_label("jitter_buffer"), "jitter_buffer");
}

}  // namespace
}  // namespace sipconf::reports
