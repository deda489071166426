#include "harness/cli/report_command.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

namespace fs = std::filesystem;

fs::path fixture(const std::string& name) {
  return base::source_dir() / "reports" / "testdata" / name;
}

class ReportCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device seed;
    dir_ = fs::temp_directory_path() / ("sipconf-report-command-" + std::to_string(seed()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  int run(const ReportCommandOptions& options) {
    out_.str("");
    err_.str("");
    return run_report_command(options, out_, err_);
  }

  static std::string slurp(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  fs::path dir_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(ReportCommand, WritesHtmlJunitAndComparison) {
  ReportCommandOptions options;
  options.results = fixture("failing-run.json");
  options.html = dir_ / "report.html";
  options.junit = dir_ / "junit.xml";
  options.baseline = fixture("passing-run.json");
  ASSERT_EQ(run(options), kReportWritten) << err_.str();
  EXPECT_EQ(out_.str(), "wrote " + options.html.string() + " (6 cases, FAILED)\nwrote " +
                            options.junit.string() + "\n");
  std::string html = slurp(options.html);
  EXPECT_NE(html.find("<section id=\"comparison\">"), std::string::npos);
  // Artifact links point back at the fixture directory from the temp directory.
  std::string relative =
      (fixture("cases").lexically_relative(dir_) / "starter/basic-out-pstn-gateway/capture.pcap")
          .string();
  EXPECT_NE(html.find(relative), std::string::npos) << relative;
  EXPECT_NE(slurp(options.junit).find("<testsuites name=\"sipconf\" tests=\"6\" failures=\"1\""),
            std::string::npos);
}

TEST_F(ReportCommand, DefaultsToAnHtmlReportBesideResults) {
  fs::copy_file(fixture("passing-run.json"), dir_ / "results.json");
  ReportCommandOptions options;
  options.results = dir_ / "results.json";
  ASSERT_EQ(run(options), kReportWritten) << err_.str();
  EXPECT_TRUE(fs::exists(dir_ / "report.html"));
  EXPECT_NE(out_.str().find("(3 cases, PASSED)"), std::string::npos);
}

TEST_F(ReportCommand, BadInputSaysWhatIsWrong) {
  std::ofstream(dir_ / "results.json") << R"({"schema_version": 7, "results": []})";
  ReportCommandOptions options;
  options.results = dir_ / "results.json";
  options.html = dir_ / "report.html";
  EXPECT_EQ(run(options), kReportBadInput);
  EXPECT_EQ(err_.str(), (dir_ / "results.json").string() +
                            ": schema_version 7 is not supported (this sipconf reads version 1)\n");
  EXPECT_FALSE(fs::exists(options.html));

  options.results = fixture("failing-run.json");
  options.baseline = dir_ / "missing.json";
  EXPECT_EQ(run(options), kReportBadInput);
  EXPECT_NE(err_.str().find("missing.json: cannot read"), std::string::npos);

  options.baseline.clear();
  options.latency_threshold = "lots";
  EXPECT_EQ(run(options), kReportBadInput);
  EXPECT_NE(err_.str().find("--latency-threshold: \"lots\""), std::string::npos);
}

TEST_F(ReportCommand, UnwritableOutputIsAWriteFailure) {
  std::ofstream(dir_ / "file") << "x";
  ReportCommandOptions options;
  options.results = fixture("empty-run.json");
  options.junit = dir_ / "file" / "junit.xml";
  EXPECT_EQ(run(options), kReportWriteFailed);
  EXPECT_NE(err_.str().find("junit.xml: cannot"), std::string::npos) << err_.str();
}

TEST_F(ReportCommand, SubcommandParsesItsOptions) {
  CLI::App app("sipconf");
  add_report_command(app);
  fs::path html = dir_ / "out" / "r.html";
  fs::path junit = dir_ / "out" / "j.xml";
  std::vector<std::string> args = {"sipconf",
                                   "report",
                                   fixture("failing-run.json").string(),
                                   "-o",
                                   html.string(),
                                   "--junit",
                                   junit.string(),
                                   "--latency-threshold",
                                   "35%"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  EXPECT_NO_THROW(app.parse(static_cast<int>(argv.size()), argv.data()));
  EXPECT_TRUE(fs::exists(html));
  EXPECT_TRUE(fs::exists(junit));

  CLI::App failing("sipconf");
  add_report_command(failing);
  std::vector<std::string> bad = {"sipconf", "report", (dir_ / "nope.json").string()};
  std::vector<char*> bad_argv;
  for (auto& a : bad) bad_argv.push_back(a.data());
  try {
    failing.parse(static_cast<int>(bad_argv.size()), bad_argv.data());
    ADD_FAILURE() << "a missing results.json must fail";
  } catch (const CLI::RuntimeError& e) {
    EXPECT_EQ(e.get_exit_code(), kReportBadInput);
  }
}

}  // namespace
}  // namespace sipconf::harness
