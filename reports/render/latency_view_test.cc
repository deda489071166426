#include "reports/render/latency_view.h"

#include <gtest/gtest.h>

#include "reports/model/report_test_support.h"

#include "reports/model/latency_stats.h"

namespace sipconf::reports {
namespace {

using testing::count_occurrences;

TEST(LatencyView, TableShowsPercentilesInReadableUnits) {
  auto metric = summarize_latency("setup_time", {510590, 2040700, 11020400});
  std::string table = render_latency_table({metric});
  EXPECT_NE(table.find("data-metric=\"setup_time\" data-p50=\"2040700\""), std::string::npos);
  EXPECT_NE(table.find("<th>Setup time</th>"), std::string::npos);
  EXPECT_NE(table.find(">2.04 s<"), std::string::npos);
  EXPECT_NE(table.find(">11.0 s<"), std::string::npos);
}

TEST(LatencyView, CdfHasOneStepPerSample) {
  auto metric = summarize_latency("transit", {300, 100, 200, 400});
  std::string svg = render_latency_cdf(metric);
  ASSERT_EQ(svg.rfind("<svg class=\"cdf\"", 0), 0u);
  EXPECT_NE(svg.find("data-samples=\"4\""), std::string::npos);
  auto path_at = svg.find("class=\"cdf-line\" d=\"");
  ASSERT_NE(path_at, std::string::npos);
  std::string path = svg.substr(path_at, svg.find("\"/>", path_at) - path_at);
  EXPECT_EQ(count_occurrences(path, "V"), 4u);
  // The curve ends at 100% (y of the top of the plot).
  EXPECT_NE(path.find("V36.0"), std::string::npos);
  EXPECT_NE(svg.find(">p50<"), std::string::npos);
  EXPECT_NE(svg.find(">p99<"), std::string::npos);
  EXPECT_NE(svg.find(">µs<"), std::string::npos);
}

TEST(LatencyView, CdfPicksMillisecondsForLongMeasures) {
  auto metric = summarize_latency("setup_time", {510000, 900000});
  EXPECT_NE(render_latency_cdf(metric).find(">ms<"), std::string::npos);
}

TEST(LatencyView, NothingToPlotWithoutSamples) {
  LatencyMetric metric;
  metric.name = "transit";
  metric.count = 3;
  metric.p50 = 10;
  EXPECT_EQ(render_latency_cdf(metric), "");
  std::string block = render_latency_block({metric});
  EXPECT_NE(block.find("<table class=\"latency\">"), std::string::npos);
  EXPECT_EQ(block.find("<svg"), std::string::npos);
  EXPECT_EQ(render_latency_block({}), "");
}

}  // namespace
}  // namespace sipconf::reports
