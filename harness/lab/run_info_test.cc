#include "harness/lab/run_info.h"

#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"

namespace sipconf::harness {
namespace {

TEST(RunInfo, ReadsThePrettyOsName) {
  EXPECT_EQ(os_name_from("NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 "
                         "(bookworm)\"\nID=debian\n"),
            "Debian GNU/Linux 12 (bookworm)");
  EXPECT_EQ(os_name_from("ID=alpine\n"), "unknown");
  EXPECT_EQ(os_name_from("PRETTY_NAME=Plain\n"), "Plain");
}

TEST(RunInfo, GitRevisionOutsideACheckoutIsUnknown) {
  base::testing::TempTree tree;
  auto launcher = make_process_launcher();
  EXPECT_EQ(git_revision(*launcher, tree.root(), tree.root()), "unknown");
}

TEST(RunInfo, GitRevisionInThisCheckoutIsAShortHash) {
  // Tests run from the repository root.
  base::testing::TempTree tree;
  auto launcher = make_process_launcher();
  const std::string revision = git_revision(*launcher, ".", tree.root());
  if (!std::filesystem::exists(".git")) GTEST_SKIP() << "not a git checkout";
  EXPECT_GE(revision.size(), 7u);
  EXPECT_EQ(revision.find_first_not_of("0123456789abcdef"), std::string::npos) << revision;
}

TEST(RunInfo, CommandLineNamesThisTestBinary) {
  const std::string self = std::filesystem::read_symlink("/proc/self/exe").filename().string();
  EXPECT_EQ(command_line().rfind(self, 0), 0u) << command_line();
  EXPECT_FALSE(host_name().empty());
}

}  // namespace
}  // namespace sipconf::harness
