#include "harness/cli/lint_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "base/temp_tree_for_test.h"

namespace sipconf::harness {
namespace {

using ::testing::HasSubstr;

TEST(LintCommand, TheSelftestSuiteHasOneDeliberateError) {
  std::ostringstream out;
  EXPECT_EQ(run_lint_command({{"harness/cli/testdata/selftest"}, {}}, out), kLintErrors);
  EXPECT_EQ(
      out.str(),
      "harness/cli/testdata/selftest/error-bad-manifest/case.xml:15: unknown element <expectation> "
      "inside <case> (allowed: description, behaviour, flags, topology, expectations)\n"
      "      <expectation>\n"
      "8 cases checked, 1 with errors, 1 error\n");
}

TEST(LintCommand, TheStarterSuiteIsClean) {
  std::ostringstream out;
  EXPECT_EQ(run_lint_command({{"scenarios/starter"}, {}}, out), kLintClean);
  EXPECT_THAT(out.str(), HasSubstr(" checked, 0 with errors, 0 errors\n"));
}

// With no arguments the commands take `scenarios/`: the shipped suites only, so the
// self-test cases that fail on purpose are not among them.
TEST(LintCommand, TheDefaultSuitesAreTheShippedOnesAndClean) {
  std::ostringstream out;
  EXPECT_EQ(run_lint_command({{}, {}}, out), kLintClean) << out.str();
  EXPECT_THAT(out.str(), HasSubstr(" checked, 0 with errors, 0 errors\n"));
}

TEST(LintCommand, SyntaxErrorsGetACaretAndSippFilesTheirOwnLines) {
  base::testing::TempTree tree;
  tree.write("catalogue.txt", "RT-01\tRoute\n");
  tree.write("s/a/case.xml", "<case id=\"s/a\">\n  <description>x</descripton>\n</case>\n");
  tree.write("s/b/case.xml",
             "<case id=\"s/b\"><description>d</description><behaviour id=\"RT-01\"/>\n"
             "<topology><sut kind=\"none\"/>\n"
             "<endpoint name=\"gw\" role=\"itsp\" driver=\"sipp\" mode=\"uas\" "
             "scenario=\"uas.xml\"/>\n"
             "</topology></case>\n");
  tree.write(
      "s/b/uas.xml",
      "<?xml version=\"1.0\"?><scenario>\n  <recv request=\"INVITE\"/>\n  <sned/>\n</scenario>\n");
  std::ostringstream out;
  EXPECT_EQ(run_lint_command({{tree.root() / "s"}, {}}, out), kLintErrors);
  const std::string root = tree.root().string();
  EXPECT_THAT(out.str(), HasSubstr(root + "/s/a/case.xml:2:"));
  EXPECT_THAT(out.str(), HasSubstr("XML is not well-formed"));
  EXPECT_THAT(out.str(), HasSubstr("\n      <description>x</descripton>\n"));
  EXPECT_THAT(out.str(), HasSubstr("^\n"));
  EXPECT_THAT(out.str(), HasSubstr(root + "/s/b/uas.xml:3: SIPp does not know <sned> inside "
                                          "<scenario>\n      <sned/>\n"));
  EXPECT_THAT(out.str(), HasSubstr("2 cases checked, 2 with errors, 2 errors\n"));
}

TEST(LintCommand, AMissingPathIsAnError) {
  std::ostringstream out;
  EXPECT_EQ(run_lint_command({{"scenarios/no-such-suite"}, {}}, out), kLintErrors);
  EXPECT_THAT(out.str(), HasSubstr("scenarios/no-such-suite: no such file or directory\n"));
}

}  // namespace
}  // namespace sipconf::harness
