#include "reports/render/report_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "reports/model/report_error.h"
#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

std::string slurp(const std::filesystem::path& file) {
  std::string text;
  EXPECT_FALSE(read_text_file(file, text)) << file;
  return text;
}

TEST(ReportFiles, WritesHtmlAndJunitWithRebasedLinks) {
  testing::TempDir dir;
  reports::Run run = testing::load_fixture("failing-run.json");
  ReportFiles files;
  files.results_dir = dir.path() / "run";
  files.html = dir.path() / "published" / "report.html";
  files.junit = dir.path() / "published" / "xml" / "junit.xml";
  std::string diagnostic;
  ASSERT_FALSE(write_reports(run, files, diagnostic)) << diagnostic;
  std::string html = slurp(files.html);
  EXPECT_NE(html.find("href=\\\"../run/cases/starter/basic-out-pstn-gateway/capture.pcap\\\""),
            std::string::npos);
  std::string xml = slurp(files.junit);
  EXPECT_NE(xml.find("[[ATTACHMENT|../../run/cases/starter/basic-out-pstn-gateway/capture.pcap]]"),
            std::string::npos);
  EXPECT_NE(xml.find("report: ../report.html#case="), std::string::npos);
  // Written under a temporary name and renamed: nothing partial is left behind.
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().string().find(".partial"), std::string::npos) << entry.path();
  }
}

TEST(ReportFiles, OnlyTheRequestedFilesAreWritten) {
  testing::TempDir dir;
  ReportFiles files;
  files.junit = dir.path() / "junit.xml";
  std::string diagnostic;
  ASSERT_FALSE(write_reports(testing::load_fixture("passing-run.json"), files, diagnostic));
  EXPECT_TRUE(std::filesystem::exists(files.junit));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()),
                          std::filesystem::directory_iterator()),
            1);
}

TEST(ReportFiles, JsonEntryPointValidatesBeforeWriting) {
  testing::TempDir dir;
  ReportFiles files;
  files.html = dir.path() / "report.html";
  std::string diagnostic;
  nlohmann::json results = {{"schema_version", 1}, {"results", {{{"id", "a"}}}}};
  EXPECT_EQ(write_reports(results, files, diagnostic), ReportErrc::kInvalidField);
  EXPECT_EQ(diagnostic, "results[0].status: is missing");
  EXPECT_FALSE(std::filesystem::exists(files.html));
  results["results"][0]["status"] = "PASS";
  EXPECT_FALSE(write_reports(results, files, diagnostic)) << diagnostic;
  EXPECT_TRUE(std::filesystem::exists(files.html));
}

TEST(ReportFiles, SaysWhichFileCannotBeWritten) {
  testing::TempDir dir;
  std::ofstream(dir.path() / "blocker") << "a file where a directory is needed";
  ReportFiles files;
  files.html = dir.path() / "blocker" / "report.html";
  std::string diagnostic;
  EXPECT_EQ(write_reports(testing::load_fixture("empty-run.json"), files, diagnostic),
            ReportErrc::kWriteFailed);
  EXPECT_EQ(diagnostic.rfind(files.html.string() + ": cannot", 0), 0u) << diagnostic;
}

}  // namespace
}  // namespace sipconf::reports
