#include "reports/model/run_writer.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "reports/model/latency_stats.h"
#include "reports/model/report_test_support.h"
#include "reports/model/run_loader.h"
#include "reports/model/time_format.h"

namespace sipconf::reports {
namespace {

using nlohmann::json;

Run sample_run() {
  reports::Run run;
  run.tool = "sipconf run";
  run.run_info = {"0.1.0",
                  "3.6.1",
                  "abc1234",
                  "host-1",
                  "Debian GNU/Linux 12",
                  "sipconf run harness/cli/testdata/selftest",
                  2,
                  SutInfo{"none", "none", "", "", "SIPp calls SIPp directly"}};
  run.catalogue = {{"RT-01", "Route by regex"}};
  const auto start =
      std::chrono::system_clock::time_point(std::chrono::microseconds(1795281915986532));
  run.time_start = format_utc_timestamp(start);
  run.time_end = format_utc_timestamp(start + std::chrono::milliseconds(1500));
  CaseResult record;
  record.id = "selftest/fail-busy";
  record.path = "harness/cli/testdata/selftest/fail-busy";
  record.description = "busy";
  record.status = Status::kFail;
  record.message = "1 of 2 expectations failed: caller-completes";
  record.duration_ms = 321;
  record.behaviours = {"RFC3261-13"};
  record.peer_kinds = {"lync", "ip-pbx"};
  record.endpoints = {{"callee", "ip-pbx", "", "127.0.0.11:21000", "udp", "sipp"}};
  Subtest failed;
  failed.name = "caller-completes";
  failed.status = Status::kFail;
  failed.kind = "process";
  failed.message = "caller: exit 1 (at least one call failed)";
  failed.expected = "exit 0";
  failed.actual = "exit 1";
  record.subtests = {failed};
  record.set_count("calls_completed", 0);
  record.set_latency("setup_time", {300, 100, 200});
  record.add_artifact("pcap", "cases/selftest/fail-busy/capture.pcap");
  record.add_artifact("logs", "cases/selftest/fail-busy/caller.stderr");
  run.results = {record};
  return run;
}

TEST(RunResults, WritesSchemaVersionOneFieldByField) {
  const json out = to_json(sample_run());
  EXPECT_EQ(out["schema_version"], 1);
  EXPECT_EQ(out["tool"], "sipconf run");
  EXPECT_EQ(out["run_info"]["sipp_version"], "3.6.1");
  EXPECT_EQ(out["run_info"]["jobs"], 2);
  EXPECT_EQ(out["run_info"]["sut"]["kind"], "none");
  EXPECT_EQ(out["catalogue"][0]["id"], "RT-01");
  EXPECT_EQ(out["time_start"], "2026-11-21T17:25:15.986532Z");
  EXPECT_EQ(out["time_end"], "2026-11-21T17:25:17.486532Z");
  EXPECT_EQ(out["totals"]["FAIL"], 1);
  EXPECT_EQ(out["totals"]["PASS"], 0);
  const json& result = out["results"][0];
  EXPECT_EQ(result["id"], "selftest/fail-busy");
  EXPECT_EQ(result["status"], "FAIL");
  EXPECT_EQ(result["expected"], "PASS");
  EXPECT_EQ(result["duration_ms"], 321);
  EXPECT_EQ(result["peer_kinds"], json({"lync", "ip-pbx"}));
  EXPECT_EQ(result["endpoints"][0]["address"], "127.0.0.11:21000");
  EXPECT_FALSE(result["endpoints"][0].contains("interface"));
  EXPECT_EQ(result["subtests"][0]["kind"], "process");
  EXPECT_EQ(result["subtests"][0]["expected"], "exit 0");
  EXPECT_FALSE(result["subtests"][0].contains("message_index"));
  EXPECT_EQ(result["metrics"]["counts"]["calls_completed"], 0);
  const json& setup = result["metrics"]["latency_us"]["setup_time"];
  EXPECT_EQ(setup["count"], 3);
  EXPECT_EQ(setup["p50"], 200);
  EXPECT_EQ(setup["max"], 300);
  EXPECT_EQ(result["artifacts"]["pcap"], "cases/selftest/fail-busy/capture.pcap");
  EXPECT_FALSE(result["artifacts"].contains("sut_log"));
  EXPECT_FALSE(result.contains("repetition"));
}

TEST(RunResults, TheReportsReaderAcceptsWhatTheHarnessWrites) {
  reports::Run run;
  std::string diagnostic;
  ASSERT_FALSE(reports::parse_run(to_json(sample_run()), run, diagnostic)) << diagnostic;
  ASSERT_EQ(run.results.size(), 1u);
  EXPECT_EQ(run.results[0].status, reports::Status::kFail);
  EXPECT_EQ(run.results[0].subtests.at(0).actual, "exit 1");
  EXPECT_TRUE(run.fails());
}

TEST(RunResults, WritesTheFileAtomically) {
  testing::TempDir tree;
  std::string diagnostic;
  const std::filesystem::path file = tree.path() / "results.json";
  ASSERT_FALSE(write_results_json(sample_run(), file, diagnostic)) << diagnostic;
  EXPECT_FALSE(std::filesystem::exists(tree.path() / "results.json.partial"));
  std::ifstream in(file);
  const json back = json::parse(in);
  EXPECT_EQ(back["results"][0]["id"], "selftest/fail-busy");
}

TEST(RunResults, AnUnwritableFileIsADiagnostic) {
  std::string diagnostic;
  EXPECT_TRUE(write_results_json(sample_run(), "/nonexistent/dir/results.json", diagnostic));
  EXPECT_EQ(diagnostic.rfind("/nonexistent/dir/results.json: cannot write: ", 0), 0u);
}

TEST(RunResults, InvalidUtf8IsReplacedNotFatal) {
  reports::Run run = sample_run();
  run.results[0].message = "bad \xff byte";
  testing::TempDir tree;
  std::string diagnostic;
  ASSERT_FALSE(write_results_json(run, tree.path() / "r.json", diagnostic));
  std::ifstream in(tree.path() / "r.json");
  EXPECT_EQ(json::parse(in)["results"][0]["message"], "bad \xEF\xBF\xBD byte");
}

// results.json is the model's file form: what is read back writes the same document again.
TEST(RunResults, ReadingAndWritingAgainChangesNothing) {
  for (const char* name : {"passing-run.json", "failing-run.json", "error-timeout-run.json",
                           "hostile-run.json", "empty-run.json"}) {
    const json first = to_json(testing::load_fixture(name));
    reports::Run again;
    std::string diagnostic;
    ASSERT_FALSE(parse_run(first, again, diagnostic)) << name << ": " << diagnostic;
    EXPECT_EQ(to_json(again).dump(), first.dump()) << name;
  }
}

TEST(RunResults, MessagesAreNumberedByPosition) {
  reports::Run run = sample_run();
  run.results[0].messages.resize(2);
  run.results[0].messages[1].kind = "response";
  run.results[0].messages[1].status_code = 180;
  const json messages = to_json(run)["results"][0]["messages"];
  EXPECT_EQ(messages[0]["index"], 0);
  EXPECT_TRUE(messages[0]["status"].is_null());
  EXPECT_EQ(messages[1]["index"], 1);
  EXPECT_EQ(messages[1]["status"], 180);
}

TEST(NearestRank, MatchesTheDefinition) {
  EXPECT_EQ(nearest_rank({}, 50), 0);
  EXPECT_EQ(nearest_rank({5}, 99), 5);
  EXPECT_EQ(nearest_rank({301, 280, 640, 812, 295, 310}, 50), 301);
  EXPECT_EQ(nearest_rank({301, 280, 640, 812, 295, 310}, 90), 812);
  EXPECT_EQ(nearest_rank({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 90), 9);
}

TEST(RunRecordTotals, CountsAndFailureBit) {
  reports::Run run;
  run.results.resize(3);
  run.results[0].status = Status::kPass;
  run.results[1].status = Status::kXfail;
  run.results[2].status = Status::kSkip;
  EXPECT_FALSE(run.fails());
  EXPECT_EQ(run.count(Status::kPass), 1);
  run.results[2].status = Status::kError;
  EXPECT_TRUE(run.fails());
}

}  // namespace
}  // namespace sipconf::reports
