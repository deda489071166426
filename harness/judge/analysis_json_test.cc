#include "harness/judge/analysis_json.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"
#include "harness/testing/diagnostics_text.h"
#include "reports/model/run_loader.h"
#include "reports/model/run_writer.h"

namespace sipconf::harness {
namespace {

using testing::ep;

/// The samples of latency measure `name`, none when the record has no such measure.
std::vector<std::int64_t> samples_of(const reports::CaseResult& record, std::string_view name) {
  const reports::LatencyMetric* metric = record.latency_metric(name);
  return metric == nullptr ? std::vector<std::int64_t>{} : metric->samples;
}

CaptureAnalysis two_call_analysis(testing::CaptureFile& file) {
  testing::B2buaCall one;
  testing::B2buaCall two;
  two.start_us = 5'000'000;
  two.in_call_id = "in-2@127.0.0.20";
  two.out_call_id = "out-2@127.0.0.21";
  two.final_status = 486;
  file.add(testing::b2bua_call(one));
  file.add(testing::b2bua_call(two));
  file.rtp(520'000, ep("127.0.0.20:20000"), ep("127.0.0.21:30002"), 0x1111, 10);
  file.close();
  base::Diagnostics diags;
  CaptureAnalysisOptions options;
  options.middle = {ep("127.0.0.21:1").ip};
  sip::Result<CaptureAnalysis> analysis = analyze_capture_file(file.path(), options, diags);
  EXPECT_TRUE(analysis) << testing::text_of(diags);
  return analysis ? std::move(analysis).value() : CaptureAnalysis{};
}

TEST(AnalysisJson, MessagesLegsMetricsOfTheWholeCapture) {
  testing::CaptureFile file(testing::temp_path("json.pcap"));
  const CaptureAnalysis a = two_call_analysis(file);
  const AddressLabels labels(std::vector<IpAddress>{ep("127.0.0.21:1").ip});
  reports::CaseResult record;
  fill_case_record(a, RecordScope::whole(a), labels, record);

  ASSERT_EQ(record.messages.size(), 14u + 10u);
  const auto& invite = record.messages[0];
  EXPECT_EQ(invite.t_us, 0);
  EXPECT_EQ(invite.from, "127.0.0.20:5060");
  EXPECT_EQ(invite.to, "sut:5070");
  EXPECT_EQ(invite.leg, "leg1");
  EXPECT_EQ(invite.kind, "request");
  EXPECT_FALSE(invite.status_code);
  EXPECT_EQ(invite.summary, "INVITE sip:+14255550100@b.test;user=phone");
  EXPECT_EQ(invite.cseq, "1 INVITE");
  EXPECT_EQ(invite.transport, "udp");
  EXPECT_EQ(invite.retransmission, false);
  EXPECT_EQ(invite.unanswered, false);
  EXPECT_EQ(invite.raw.rfind("INVITE sip:", 0), 0u);
  EXPECT_EQ(record.messages[1].summary, "100 Trying");
  EXPECT_EQ(record.messages[1].status_code, 100);
  EXPECT_EQ(record.messages[1].t_us, 50);

  ASSERT_EQ(record.legs.size(), 4u);
  EXPECT_EQ(record.legs[0].name, "leg1");
  EXPECT_EQ(record.legs[0].call_ids, std::vector<std::string>{"in-1@127.0.0.20"});
  EXPECT_EQ(record.legs[0].endpoints, (std::vector<std::string>{"127.0.0.20:5060", "sut:5070"}));

  EXPECT_EQ(record.count("messages"), 24);
  EXPECT_EQ(record.count("calls_completed"), 1);
  EXPECT_EQ(record.count("findings"), 0);
  EXPECT_EQ(samples_of(record, "transit").size(), 6u + 3u);
  EXPECT_EQ(samples_of(record, "setup_time").size(), 1u);
  EXPECT_EQ(samples_of(record, "post_dial_delay").size(), 2u);
  // Four INVITE transactions (two per call), two BYEs.
  EXPECT_EQ(samples_of(record, "response_time_INVITE").size(), 4u);
  EXPECT_EQ(samples_of(record, "response_time_BYE"), (std::vector<std::int64_t>{1100, 500}));
  ASSERT_EQ(record.rtp.size(), 1u);
  EXPECT_EQ(record.rtp[0].leg, "leg1");
  EXPECT_EQ(record.rtp[0].ssrc, "0x00001111");
  EXPECT_EQ(record.rtp[0].codec, "PCMU");
  EXPECT_EQ(record.rtp[0].packets, 10);
  EXPECT_EQ(record.rtp[0].first_packet_us, 520'000);
  EXPECT_EQ(record.rtp[0].duration_ms, 180);

  const auto endpoints = endpoints_seen(a, RecordScope::whole(a), labels, {ep("127.0.0.21:1").ip});
  ASSERT_EQ(endpoints.size(), 4u);
  EXPECT_EQ(endpoints[1].name, "sut:5070");
  EXPECT_EQ(endpoints[1].role, "sut");
  EXPECT_EQ(endpoints[1].address, "127.0.0.21:5070");
}

TEST(AnalysisJson, OneRecordPerCallReindexes) {
  testing::CaptureFile file(testing::temp_path("json-calls.pcap"));
  const CaptureAnalysis a = two_call_analysis(file);
  const AddressLabels labels;
  reports::CaseResult second;
  fill_case_record(a, RecordScope::call(a, 1), labels, second);
  ASSERT_EQ(second.messages.size(), 10u);
  EXPECT_EQ(second.messages[0].call_id, "in-2@127.0.0.20");
  EXPECT_EQ(second.count("calls_completed"), 0);
  EXPECT_EQ(second.latency_metric("setup_time"), nullptr);
  EXPECT_TRUE(second.rtp.empty());
}

// What fill_case_record writes loads through the report's validating loader.
TEST(AnalysisJson, TheReportLoaderAcceptsIt) {
  testing::CaptureFile file(testing::temp_path("json-load.pcap"));
  const CaptureAnalysis a = two_call_analysis(file);
  const AddressLabels labels;
  reports::Run run;
  run.tool = "sipconf analyze";
  reports::CaseResult record;
  record.id = "capture";
  record.endpoints = endpoints_seen(a, RecordScope::whole(a), labels, {});
  fill_case_record(a, RecordScope::whole(a), labels, record);
  run.results.push_back(record);
  const auto path = testing::temp_path("results.json");
  std::string diagnostic;
  ASSERT_FALSE(reports::write_results_json(run, path, diagnostic)) << diagnostic;
  reports::Run loaded;
  ASSERT_FALSE(reports::load_run(path, loaded, diagnostic)) << diagnostic;
  ASSERT_EQ(loaded.results.size(), 1u);
  EXPECT_EQ(loaded.results[0].messages.size(), 24u);
  EXPECT_EQ(loaded.results[0].endpoints.size(), 4u);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sipconf::harness
