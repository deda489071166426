#include "harness/cli/analyze_command.h"

#include <sstream>

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"
#include "reports/model/run_loader.h"

namespace sipconf::harness {
namespace {

using testing::ep;

class AnalyzeCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::B2buaCall one;
    testing::B2buaCall two;
    two.start_us = 5'000'000;
    two.in_call_id = "in-2@127.0.0.20";
    two.out_call_id = "out-2@127.0.0.21";
    capture_.add(testing::b2bua_call(one));
    capture_.add(testing::b2bua_call(two));
    // A 2xx without To tag: an error-severity finding.
    testing::LegIds l;
    l.call_id = "opt-1";
    const std::string options = testing::request("OPTIONS", "sip:x", l, 1, "z9hG4bK-o");
    capture_.udp(9'000'000, ep("127.0.0.20:5060"), ep("127.0.0.21:5070"), options);
    capture_.udp(9'000'100, ep("127.0.0.21:5070"), ep("127.0.0.20:5060"),
                 testing::response(200, "OK", options, ""));
    capture_.close();
    options_.capture = capture_.path();
    options_.sut = {"127.0.0.21"};
  }
  void TearDown() override { std::filesystem::remove_all(output_); }

  int run(const AnalyzeCommandOptions& options) {
    out_.str("");
    err_.str("");
    return run_analyze_command(options, out_, err_);
  }

  testing::CaptureFile capture_{testing::temp_path("analyze.pcap")};
  std::filesystem::path output_ = testing::temp_path("analyze-out");
  AnalyzeCommandOptions options_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(AnalyzeCommand, PrintsTheSummary) {
  EXPECT_EQ(run(options_), kAnalyzeDone) << err_.str();
  const std::string text = out_.str();
  EXPECT_NE(text.find("SIP: 30 messages (30 UDP, 0 TCP), 0 retransmissions"), std::string::npos)
      << text;
  EXPECT_NE(text.find("requests: ACK 4  BYE 4  INVITE 4  OPTIONS 1"), std::string::npos) << text;
  EXPECT_NE(text.find("Calls: 2 (2 completed), 4 call legs, 1 other legs"), std::string::npos)
      << text;
  EXPECT_NE(text.find("paired leg1 -> leg2 (sut, same element, called number)"), std::string::npos)
      << text;
  // The latency row: count, then p50, p90, p99 and max.
  const std::size_t row = text.find("  transit (all)");
  ASSERT_NE(row, std::string::npos) << text;
  std::istringstream cells(text.substr(row, text.find('\n', row) - row));
  std::vector<std::string> words;
  for (std::string w; cells >> w;) words.push_back(w);
  EXPECT_EQ(words, (std::vector<std::string>{"transit", "(all)", "12", "300", "us", "300", "us",
                                             "300", "us", "300", "us"}));
  EXPECT_NE(text.find("[error] RFC3261-8.2.6.2 message 29: 200 to OPTIONS has no To tag"),
            std::string::npos)
      << text;
}

TEST_F(AnalyzeCommand, WritesResultsJsonTheReportReads) {
  AnalyzeCommandOptions options = options_;
  options.output_dir = output_;
  options.quiet = true;
  ASSERT_EQ(run(options), kAnalyzeDone) << err_.str();
  EXPECT_TRUE(out_.str().empty());
  reports::Run loaded;
  std::string diagnostic;
  ASSERT_FALSE(reports::load_run(output_ / "results.json", loaded, diagnostic)) << diagnostic;
  EXPECT_EQ(loaded.tool, "sipconf analyze");
  ASSERT_EQ(loaded.results.size(), 1u);
  const reports::CaseResult& c = loaded.results[0];
  EXPECT_EQ(c.messages.size(), 30u);
  EXPECT_EQ(c.status, reports::Status::kFail);
  ASSERT_EQ(c.subtests.size(), 1u);
  EXPECT_EQ(c.subtests[0].name, "RFC3261-8.2.6.2");
  EXPECT_EQ(c.subtests[0].kind, "finding");
  EXPECT_EQ(c.subtests[0].message_index, 29u);
  ASSERT_EQ(c.artifacts.size(), 1u);
  EXPECT_EQ(c.artifacts[0].path, std::filesystem::relative(capture_.path(), output_).string());
}

TEST_F(AnalyzeCommand, OneRecordPerCall) {
  AnalyzeCommandOptions options = options_;
  options.json = output_ / "calls.json";
  options.per_call = true;
  std::filesystem::create_directories(output_);
  ASSERT_EQ(run(options), kAnalyzeDone) << err_.str();
  reports::Run loaded;
  std::string diagnostic;
  ASSERT_FALSE(reports::load_run(options.json, loaded, diagnostic)) << diagnostic;
  ASSERT_EQ(loaded.results.size(), 3u);
  const std::string name = capture_.path().filename().string();
  EXPECT_EQ(loaded.results[0].id, name + "/call-1");
  EXPECT_EQ(loaded.results[0].messages.size(), 14u);
  EXPECT_EQ(loaded.results[0].status, reports::Status::kPass);
  EXPECT_EQ(loaded.results[2].id, name + "/other");
  EXPECT_EQ(loaded.results[2].messages.size(), 2u);
  EXPECT_EQ(loaded.results[2].status, reports::Status::kFail);
}

TEST_F(AnalyzeCommand, StrictFailsOnErrors) {
  AnalyzeCommandOptions options = options_;
  options.strict = true;
  options.quiet = true;
  EXPECT_EQ(run(options), kAnalyzeViolations);
}

TEST_F(AnalyzeCommand, BadInputSaysWhatIsWrong) {
  AnalyzeCommandOptions options = options_;
  options.capture = testing::temp_path("missing.pcap");
  EXPECT_EQ(run(options), kAnalyzeBadInput);
  EXPECT_NE(err_.str().find(options.capture.string()), std::string::npos) << err_.str();

  options = options_;
  options.sut = {"not-an-address"};
  EXPECT_EQ(run(options), kAnalyzeBadInput);
  EXPECT_EQ(err_.str(), "sipconf analyze: --sut not-an-address: not an IP address or IP:port\n");

  options = options_;
  options.json = "a.json";
  options.output_dir = output_;
  EXPECT_EQ(run(options), kAnalyzeBadInput);

  EXPECT_EQ(run(AnalyzeCommandOptions{}), kAnalyzeBadInput);
  EXPECT_EQ(err_.str(), "sipconf analyze: a capture file is required\n");
}

TEST_F(AnalyzeCommand, ListsItsRules) {
  AnalyzeCommandOptions options;
  options.rules = true;
  EXPECT_EQ(run(options), kAnalyzeDone);
  EXPECT_NE(out_.str().find("RFC3261-8.1.1.7    the top Via branch lacks the z9hG4bK magic cookie"),
            std::string::npos)
      << out_.str();
}

}  // namespace
}  // namespace sipconf::harness
