#include "mediation/event_log.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "base/temp_tree_for_test.h"
#include "mediation/mediation_error.h"

namespace sipconf::mediation {
namespace {

TEST(EventLog, WritesTextLinesToTheConfiguredFile) {
  base::testing::TempTree tree;
  LogConfig config;
  config.file = (tree.root() / "mediation.log").string();
  base::Diagnostics diags;
  sip::Result<std::shared_ptr<spdlog::logger>> logger = make_logger(config, diags);
  ASSERT_TRUE(logger) << (diags.empty() ? "" : diags.front().to_string());
  EXPECT_TRUE(diags.empty());
  EventLog log(*logger, LogFormat::text);
  log.log(spdlog::level::info, "answered", "c12", "trunk", "200 OK");
  log.flush();
  std::ifstream in(config.file);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find(" info c12 trunk answered 200 OK"), std::string::npos) << text.str();
}

TEST(EventLog, ALogFileThatCannotBeOpenedIsADiagnosticForIt) {
  base::testing::TempTree tree;
  const std::filesystem::path blocker = tree.write("file", "not a directory");
  LogConfig config;
  config.file = (blocker / "mediation.log").string();
  base::Diagnostics diags;
  EXPECT_EQ(make_logger(config, diags).error(), MediationErrc::kCannotOpenLogFile);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, config.file);
  EXPECT_NE(diags[0].message.find(config.file), std::string::npos) << diags[0].message;

  // The form the mediation's main still calls says the same.
  std::string error;
  EXPECT_EQ(make_logger(config, error), nullptr);
  EXPECT_EQ(error, diags[0].message);
}

}  // namespace
}  // namespace sipconf::mediation
