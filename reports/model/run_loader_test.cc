#include "reports/model/run_loader.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "reports/model/report_error.h"
#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

using nlohmann::json;
using testing::load_fixture;
using testing::TempDir;

json minimal() {
  return json::parse(R"({"schema_version": 1, "results": [
    {"id": "s/a", "status": "PASS", "messages": [
      {"index": 0, "t_us": 0, "from": "a", "to": "b", "kind": "request", "method": "INVITE"}]}]})");
}

std::string diagnose(const json& document) {
  reports::Run run;
  std::string diagnostic;
  auto ec = parse_run(document, run, diagnostic);
  EXPECT_TRUE(ec) << "accepted: " << document.dump();
  return diagnostic;
}

TEST(RunLoader, LoadsTheFailingFixtureCompletely) {
  reports::Run run = load_fixture("failing-run.json");
  ASSERT_EQ(run.results.size(), 6u);
  EXPECT_EQ(run.schema_version, 1);
  EXPECT_EQ(run.run_info.sut.name, "sipconf mediation");
  EXPECT_EQ(run.run_info.jobs, 2);
  EXPECT_GT(run.catalogue.size(), 50u);
  const CaseResult* basic = run.find_case("starter/basic-out-pstn-gateway");
  ASSERT_NE(basic, nullptr);
  EXPECT_EQ(basic->status, Status::kFail);
  EXPECT_EQ(basic->suite(), "starter");
  ASSERT_EQ(basic->messages.size(), 15u);
  EXPECT_TRUE(basic->messages[8].retransmission);
  EXPECT_EQ(basic->messages[4].status_code, 180);
  EXPECT_FALSE(basic->messages[0].status_code.has_value());
  EXPECT_EQ(basic->subtests[1].message_index, 2u);
  EXPECT_EQ(basic->subtests[1].highlight, "Request-URI");
  const LatencyMetric* transit = basic->latency_metric("transit");
  ASSERT_NE(transit, nullptr);
  EXPECT_EQ(transit->samples.size(), 6u);
  EXPECT_EQ(transit->p99, 702);
  ASSERT_EQ(basic->rtp.size(), 3u);
  EXPECT_EQ(basic->rtp[2].lost, 1);
  EXPECT_DOUBLE_EQ(basic->rtp[0].jitter_ms, 0.38);
  // Artifacts keep the documented order: pcap, sut_log, sut_config, traces, logs.
  ASSERT_GE(basic->artifacts.size(), 3u);
  EXPECT_EQ(basic->artifacts[0].kind, "pcap");
  EXPECT_EQ(basic->artifacts[1].kind, "sut_log");
  EXPECT_EQ(basic->artifacts[2].kind, "sut_config");
  EXPECT_EQ(run.count(Status::kPass), 3);
  EXPECT_TRUE(run.fails());
}

TEST(RunLoader, LoadsEveryFixture) {
  for (const char* name : {"passing-run.json", "failing-run.json", "empty-run.json",
                           "error-timeout-run.json", "hostile-run.json"}) {
    reports::Run run;
    std::string diagnostic;
    EXPECT_FALSE(load_run(testing::testdata(name), run, diagnostic)) << name << ": " << diagnostic;
  }
  EXPECT_TRUE(load_fixture("empty-run.json").results.empty());
  EXPECT_FALSE(load_fixture("passing-run.json").fails());
}

TEST(RunLoader, IgnoresUnknownKeys) {
  json doc = minimal();
  doc["future_key"] = {1, 2, 3};
  doc["results"][0]["new_field"] = {{"x", 1}};
  doc["results"][0]["messages"][0]["ttl"] = 5;
  reports::Run run;
  std::string diagnostic;
  EXPECT_FALSE(parse_run(doc, run, diagnostic)) << diagnostic;
  EXPECT_EQ(run.results.at(0).messages.at(0).method, "INVITE");
}

TEST(RunLoader, RejectsMissingOrNewerSchemaVersion) {
  json doc = minimal();
  doc.erase("schema_version");
  reports::Run run;
  std::string diagnostic;
  EXPECT_EQ(parse_run(doc, run, diagnostic), ReportErrc::kUnsupportedSchema);
  EXPECT_EQ(diagnostic, "schema_version is missing (is this a sipconf results.json?)");
  doc["schema_version"] = 2;
  EXPECT_EQ(parse_run(doc, run, diagnostic), ReportErrc::kUnsupportedSchema);
  EXPECT_EQ(diagnostic, "schema_version 2 is not supported (this sipconf reads version 1)");
}

TEST(RunLoader, NamesTheOffendingKey) {
  json doc = minimal();
  doc["results"][0]["status"] = "PASSED";
  EXPECT_EQ(diagnose(doc),
            "results[0].status: unknown status \"PASSED\" (expected one of PASS FAIL XFAIL XPASS "
            "TIMEOUT CRASH ERROR SKIP)");

  doc = minimal();
  doc["results"][0]["duration_ms"] = "2s";
  EXPECT_EQ(diagnose(doc), "results[0].duration_ms: expected a number, got string");

  doc = minimal();
  doc["results"][0]["messages"][0]["retransmission"] = "no";
  EXPECT_EQ(diagnose(doc),
            "results[0].messages[0].retransmission: expected true or false, got string");

  doc = minimal();
  doc["results"][0].erase("id");
  EXPECT_EQ(diagnose(doc), "results[0].id: is missing");

  doc = minimal();
  doc["results"][0]["behaviours"] = {"RT-01", 7};
  EXPECT_EQ(diagnose(doc), "results[0].behaviours[1]: expected a string, got number");

  doc = minimal();
  doc["results"][0]["metrics"] = {{"latency_us", {{"transit", {{"samples", {1, "x"}}}}}}};
  EXPECT_EQ(diagnose(doc),
            "results[0].metrics.latency_us.transit.samples[1]: expected a number, got string");

  doc = minimal();
  doc["results"] = json::object();
  EXPECT_EQ(diagnose(doc), "results: expected an array, got object");

  doc = minimal();
  doc.erase("results");
  EXPECT_EQ(diagnose(doc), "results: is missing");

  doc = minimal();
  doc["results"][0]["expected"] = "XFAIL";
  EXPECT_EQ(diagnose(doc), "results[0].expected: must be PASS or FAIL");
}

TEST(RunLoader, ChecksReferencesIntoMessages) {
  json doc = minimal();
  doc["results"][0]["subtests"] = {{{"name", "x"}, {"status", "FAIL"}, {"message_index", 3}}};
  EXPECT_EQ(diagnose(doc),
            "results[0].subtests[0].message_index: 3 is out of range (the case has 1 messages)");
  doc = minimal();
  doc["results"][0]["messages"][0]["index"] = 1;
  EXPECT_EQ(diagnose(doc), "results[0].messages[0].index: is 1 but the message is at position 0");
}

TEST(RunLoader, RejectsDuplicateCaseIds) {
  json doc = minimal();
  doc["results"].push_back(doc["results"][0]);
  EXPECT_EQ(diagnose(doc), "results[1].id: duplicate case id \"s/a\" (first at results[0])");
}

TEST(RunLoader, ReportsJsonSyntaxErrorsWithLineAndColumn) {
  TempDir dir;
  auto file = dir.path() / "results.json";
  std::ofstream(file) << "{\n  \"schema_version\": 1,\n  \"results\": [tru]\n}\n";
  reports::Run run;
  std::string diagnostic;
  EXPECT_EQ(load_run(file, run, diagnostic), ReportErrc::kBadJson);
  EXPECT_EQ(diagnostic.rfind(file.string() + ":3:", 0), 0u) << diagnostic;
  EXPECT_NE(diagnostic.find("syntax error"), std::string::npos) << diagnostic;
}

TEST(RunLoader, PrefixesSchemaErrorsWithTheFileName) {
  TempDir dir;
  auto file = dir.path() / "results.json";
  std::ofstream(file) << R"({"schema_version": 1, "results": [{"id": "x", "status": "NOPE"}]})";
  reports::Run run;
  std::string diagnostic;
  EXPECT_EQ(load_run(file, run, diagnostic), ReportErrc::kInvalidField);
  EXPECT_EQ(diagnostic.rfind(file.string() + ": results[0].status: unknown status", 0), 0u)
      << diagnostic;
}

TEST(RunLoader, ReportsAMissingFile) {
  reports::Run run;
  std::string diagnostic;
  EXPECT_EQ(load_run("/nonexistent/results.json", run, diagnostic), ReportErrc::kUnreadableFile);
  EXPECT_EQ(diagnostic, "/nonexistent/results.json: cannot read: No such file or directory");
}

}  // namespace
}  // namespace sipconf::reports
