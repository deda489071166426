#include "reports/model/run_model.h"

#include <gtest/gtest.h>

namespace sipconf::reports {
namespace {

std::vector<std::string> count_names(const CaseResult& c) {
  std::vector<std::string> names;
  for (const Count& count : c.counts) names.push_back(count.name);
  return names;
}

// The harness sets counts in any order; the case lists them as the loader reads them:
// documented ones first, in their order, then the others by name.
TEST(RunModel, CountsKeepTheDocumentedOrder) {
  CaseResult c;
  c.set_count("captured_packets", 40);
  c.set_count("findings", 0);
  c.set_count("calls_failed", 1);
  c.set_count("messages", 14);
  c.set_count("messages", 15);
  EXPECT_EQ(count_names(c),
            (std::vector<std::string>{"messages", "findings", "calls_failed", "captured_packets"}));
  EXPECT_EQ(c.count("messages"), 15);
  EXPECT_FALSE(c.count("retransmissions"));
}

TEST(RunModel, LatencyIsSummarizedAndOrdered) {
  CaseResult c;
  c.set_latency("response_time_INVITE", {5, 1});
  c.set_latency("setup_time", {300, 100, 200});
  c.set_latency("transit", {7});
  c.set_latency("post_dial_delay", {});
  ASSERT_EQ(c.latency.size(), 3u);
  EXPECT_EQ(c.latency[0].name, "transit");
  EXPECT_EQ(c.latency[1].name, "setup_time");
  EXPECT_EQ(c.latency[1].p50, 200);
  EXPECT_EQ(c.latency[1].samples, (std::vector<std::int64_t>{300, 100, 200}));
  EXPECT_EQ(c.latency[2].name, "response_time_INVITE");
  c.set_latency("transit", {});
  EXPECT_EQ(c.latency_metric("transit"), nullptr);
}

TEST(RunModel, ArtifactsGroupByKindInTheDocumentedOrder) {
  CaseResult c;
  c.add_artifact("logs", "a.stderr");
  c.add_artifact("pcap", "capture.pcap");
  c.add_artifact("sipp_traces", "fe_messages.log");
  c.add_artifact("logs", "b.stderr");
  c.add_artifact("sut_log", "mediation.log");
  std::vector<std::string> paths;
  for (const Artifact& a : c.artifacts) paths.push_back(a.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"capture.pcap", "mediation.log", "fe_messages.log",
                                             "a.stderr", "b.stderr"}));
}

}  // namespace
}  // namespace sipconf::reports
