// The starter suite is the first thing a user runs (`ci/suite.sh`): the real `sipconf`
// binary runs it with two jobs through the built-in mediation, with real SIPp
// endpoints and a real loopback capture. Every case must come out PASS, or XFAIL where
// the manifest says the mediation does not do it yet, and be judged from the wire.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "base/temp_tree_for_test.h"
#include "harness/lab/process_launcher.h"

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

using nlohmann::json;

const std::filesystem::path kStarter = base::source_dir() / "scenarios/starter";

/// Every case of the suite is one directory holding a case.xml.
std::set<std::string> case_ids_on_disk() {
  std::set<std::string> ids;
  for (const auto& entry : std::filesystem::directory_iterator(kStarter)) {
    if (entry.is_directory() && std::filesystem::exists(entry.path() / "case.xml")) {
      ids.insert("starter/" + entry.path().filename().string());
    }
  }
  return ids;
}

std::string read_suite_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(StarterSuite, EveryCasePassesOrIsAKnownGapThroughTheBuiltinMediation) {
  const std::filesystem::path sipconf = base::binary_dir() / "harness" / "sipconf";
  for (const char* target : {"harness/sipconf", "mediation/mediation"}) {
    ASSERT_TRUE(std::filesystem::exists(base::binary_dir() / target))
        << "build it first: cmake --build " << base::binary_dir().string() << " --target "
        << std::filesystem::path(target).filename().string();
  }
  base::testing::TempTree tree;
  const std::filesystem::path out = tree.root() / "out";
  std::unique_ptr<ProcessLauncher> launcher = make_process_launcher();
  std::error_code ec;
  std::unique_ptr<RunningProcess> run = launcher->launch(
      ProcessSpec{
          "sipconf",
          sipconf,
          // Relative outputs, as a user types them: the SUT and
          // the endpoints start in other directories.
          {"run", kStarter.string(), "--jobs", "2", "--output", "out", "--junit", "out/junit.xml"},
          tree.root(),
          tree.root() / "stdout",
          tree.root() / "stderr"},
      ec);
  ASSERT_TRUE(run) << ec.message();
  // Every case has a 10 s timeout and takes about half a second; a run still going
  // after 60 s is stuck, not slow.
  const std::optional<ProcessExit> exit =
      wait_for_exit(*run, std::chrono::steady_clock::now() + std::chrono::seconds(60), {});
  if (!exit) {
    run->kill_group();
    FAIL() << "the starter suite did not finish within 60 s:\n"
           << read_suite_text(tree.root() / "stdout");
  }
  EXPECT_TRUE(!exit->signalled && exit->code == 0)
      << exit->describe() << "\n"
      << read_suite_text(tree.root() / "stdout") << read_suite_text(tree.root() / "stderr");

  std::ifstream in(out / "results.json");
  const json results = json::parse(in);
  std::set<std::string> ids;
  for (const json& result : results["results"]) {
    const std::string id = result["id"];
    ids.insert(id);
    const std::string status = result["status"];
    if (result["expected"] == "FAIL") {
      EXPECT_EQ(status, "XFAIL") << id << ": " << result["message"];
    } else {
      EXPECT_EQ(status, "PASS") << id << ": " << result["message"];
    }
    // Judged from the capture, not only from how the SIPp processes exited.
    int wire_subtests = 0;
    for (const json& subtest : result["subtests"]) {
      if (subtest["kind"] != "process") ++wire_subtests;
    }
    EXPECT_GE(wire_subtests, 1) << id;
  }
  EXPECT_EQ(ids, case_ids_on_disk());
  EXPECT_EQ(results["run_info"]["jobs"], 2);
  EXPECT_EQ(results["run_info"]["sut"]["kind"], "builtin");
  // The minimum: a basic call out and in for each peer kind.
  for (const char* kind : {"pstn-gateway", "ip-pbx", "itsp"}) {
    for (const char* direction : {"out", "in"}) {
      EXPECT_EQ(ids.count(std::string("starter/basic-") + direction + "-" + kind), 1u)
          << direction << " " << kind;
    }
  }
  EXPECT_TRUE(std::filesystem::exists(out / "junit.xml"));
}

}  // namespace
}  // namespace sipconf::harness
