#include "reports/render/baseline_comparison.h"

#include <gtest/gtest.h>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

std::vector<std::string> ids(const std::vector<StatusChange>& changes) {
  std::vector<std::string> out;
  for (const auto& c : changes) out.push_back(c.id);
  return out;
}

TEST(BaselineComparison, ParsesThresholds) {
  EXPECT_DOUBLE_EQ(*parse_latency_threshold("20%"), 0.2);
  EXPECT_DOUBLE_EQ(*parse_latency_threshold(" 12.5 % "), 0.125);
  EXPECT_DOUBLE_EQ(*parse_latency_threshold("0.3"), 0.3);
  EXPECT_FALSE(parse_latency_threshold("fast"));
  EXPECT_FALSE(parse_latency_threshold("-5%"));
  EXPECT_FALSE(parse_latency_threshold("%"));
  EXPECT_FALSE(parse_latency_threshold("20%%"));
}

TEST(BaselineComparison, FindsNewFailuresFixedAddedAndRemoved) {
  reports::Run before = testing::load_fixture("passing-run.json");
  reports::Run now = testing::load_fixture("failing-run.json");
  BaselineComparison c = compare_runs(before, now, {});
  EXPECT_EQ(ids(c.new_failures), (std::vector<std::string>{"starter/basic-out-pstn-gateway"}));
  ASSERT_TRUE(c.new_failures[0].before.has_value());
  EXPECT_EQ(*c.new_failures[0].before, Status::kPass);
  EXPECT_TRUE(c.fixed.empty());
  EXPECT_EQ(c.added,
            (std::vector<std::string>{"failover/fast-failover-10s", "routing/remove-plus-itsp",
                                      "security/srtp-required-tls"}));
  EXPECT_TRUE(c.removed.empty());
  EXPECT_EQ(c.baseline_revision, "3f2c1ab");

  BaselineComparison back = compare_runs(now, before, {});
  EXPECT_EQ(ids(back.fixed), (std::vector<std::string>{"starter/basic-out-pstn-gateway"}));
  EXPECT_EQ(back.removed.size(), 3u);
}

TEST(BaselineComparison, NewFailingCasesCountAsNewFailures) {
  reports::Run before = testing::load_fixture("passing-run.json");
  reports::Run now = testing::load_fixture("error-timeout-run.json");
  BaselineComparison c = compare_runs(before, now, {});
  ASSERT_EQ(c.new_failures.size(), 3u);
  for (const auto& change : c.new_failures) EXPECT_FALSE(change.before.has_value());
}

TEST(BaselineComparison, LatencyChangesNeedBothThresholdAndFloor) {
  reports::Run before = testing::load_fixture("passing-run.json");
  reports::Run now = before;
  CaseResult& c = now.results[0];
  LatencyMetric* transit = nullptr;
  for (auto& metric : c.latency) {
    if (metric.name == "transit") transit = &metric;
  }
  ASSERT_NE(transit, nullptr);
  transit->p50 = 400 + 90;  // +22% but only 90 µs: under the floor.
  transit->p99 = 702 * 2;   // +100% and 702 µs: reported.
  BaselineComparison result = compare_runs(before, now, {0.20, 100});
  std::vector<LatencyChange> per_case;
  for (const auto& l : result.latency) {
    if (!l.case_id.empty()) per_case.push_back(l);
  }
  ASSERT_EQ(per_case.size(), 1u);
  EXPECT_EQ(per_case[0].metric, "transit");
  EXPECT_EQ(per_case[0].percentile, "p99");
  EXPECT_DOUBLE_EQ(per_case[0].ratio(), 1.0);
  EXPECT_TRUE(compare_runs(before, now, {1.5, 100}).latency.empty());
  EXPECT_EQ(compare_runs(before, now, {0.20, 50}).latency.size(), 2u);
}

TEST(BaselineComparison, RenderedSectionLinksToCases) {
  reports::Run before = testing::load_fixture("passing-run.json");
  reports::Run now = testing::load_fixture("failing-run.json");
  BaselineOptions options;
  std::string out = render_comparison(compare_runs(before, now, options), options);
  EXPECT_NE(out.find("data-count=\"new-failures\"><b>1</b> new failures"), std::string::npos);
  EXPECT_NE(out.find("<a href=\"#case=starter%2Fbasic-out-pstn-gateway\">"), std::string::npos);
  EXPECT_NE(out.find("beyond 20% and 100 µs"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::reports
