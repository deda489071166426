#include "harness/manifest/case_set.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"

namespace sipconf::manifest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::string minimal_case(const std::string& id) {
  return "<case id=\"" + id +
         "\">\n<description>d</description>\n<behaviour id=\"RT-01\"/>\n<topology>\n"
         "<sut kind=\"none\"/>\n"
         "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
         "scenario=\"uas.xml\"/>\n"
         "</topology>\n</case>\n";
}

constexpr std::string_view kSetUas =
    "<?xml version=\"1.0\"?><scenario><recv request=\"INVITE\"/></scenario>";

TEST(CaseSet, FindsManifestsInTreesDirectoriesAndFiles) {
  base::testing::TempTree tree;
  tree.write("s/a/case.xml", "x");
  tree.write("s/b/case.xml", "x");
  tree.write("s/b/nested/case.xml", "x");
  tree.write("t/c/case.xml", "x");
  base::Diagnostics diags;
  const std::vector<std::filesystem::path> found =
      find_manifests({tree.root() / "s", tree.root() / "t/c", tree.root() / "t/c/case.xml",
                      tree.root() / "missing"},
                     diags);
  EXPECT_THAT(found,
              ElementsAre(tree.root() / "s/a/case.xml", tree.root() / "s/b/case.xml",
                          tree.root() / "s/b/nested/case.xml", tree.root() / "t/c/case.xml"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            (tree.root() / "missing").string() + ": no such file or directory");
}

TEST(CaseSet, ADirectoryWithoutCasesIsReported) {
  base::testing::TempTree tree;
  tree.write("empty/readme.txt", "x");
  base::Diagnostics diags;
  EXPECT_THAT(find_manifests({tree.root() / "empty"}, diags), IsEmpty());
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "no case.xml found here");
}

TEST(CaseSet, LoadsCasesSortedByIdWithTheCatalogueAbove) {
  base::testing::TempTree tree;
  tree.write("catalogue.txt", "RT-01\tRoute\n");
  tree.write("s/zeta/case.xml", minimal_case("s/zeta"));
  tree.write("s/zeta/uas.xml", kSetUas);
  tree.write("s/alpha/case.xml", minimal_case("s/alpha"));
  tree.write("s/alpha/uas.xml", kSetUas);
  const CaseSet set = load_cases({tree.root() / "s"});
  EXPECT_THAT(set.diagnostics, IsEmpty());
  EXPECT_EQ(set.catalogue_path, tree.root() / "catalogue.txt");
  ASSERT_EQ(set.cases.size(), 2u);
  EXPECT_EQ(set.cases[0].id, "s/alpha");
  EXPECT_TRUE(set.cases[0].runnable());
  EXPECT_EQ(set.cases[1].id, "s/zeta");
  EXPECT_EQ(set.error_count(), 0u);
}

TEST(CaseSet, DuplicateIdsAreReportedOnTheLaterCase) {
  base::testing::TempTree tree;
  tree.write("catalogue.txt", "RT-01\tRoute\n");
  tree.write("s/a/case.xml", minimal_case("s/same"));
  tree.write("s/a/uas.xml", kSetUas);
  tree.write("s/b/case.xml", minimal_case("s/same"));
  tree.write("s/b/uas.xml", kSetUas);
  const CaseSet set = load_cases({tree.root() / "s"});
  ASSERT_EQ(set.cases.size(), 2u);
  EXPECT_TRUE(set.cases[0].runnable());
  ASSERT_EQ(set.cases[1].diagnostics.size(), 1u);
  EXPECT_EQ(set.cases[1].diagnostics[0].to_string(), (tree.root() / "s/b/case.xml").string() +
                                                         ":1: case id `s/same` is also used by " +
                                                         (tree.root() / "s/a/case.xml").string());
}

TEST(CaseSet, AnUnreadableManifestKeepsAnIdFromItsPath) {
  base::testing::TempTree tree;
  tree.write("catalogue.txt", "RT-01\tRoute\n");
  tree.write("suite/broken/case.xml", "<case id=\"x\"");
  const CaseSet set = load_cases({tree.root() / "suite"});
  ASSERT_EQ(set.cases.size(), 1u);
  EXPECT_EQ(set.cases[0].id, "suite/broken");
  EXPECT_FALSE(set.cases[0].runnable());
  EXPECT_FALSE(set.cases[0].manifest);
  EXPECT_EQ(set.error_count(), 1u);
}

TEST(CaseSet, AMissingCatalogueIsReported) {
  base::testing::TempTree tree;
  tree.write("s/a/case.xml", minimal_case("s/a"));
  tree.write("s/a/uas.xml", kSetUas);
  const CaseSet set = load_cases({tree.root() / "s"}, tree.root() / "nope.txt");
  ASSERT_EQ(set.diagnostics.size(), 1u);
  EXPECT_EQ(set.diagnostics[0].message, "cannot read the behaviour catalogue");
  // Without a catalogue, RT-01 is unknown: the case says so.
  EXPECT_FALSE(set.cases.at(0).runnable());
}

// The repository's self-test suite: every case is valid except the one that is
// deliberately broken, and that one names the exact line of its mistake.
TEST(CaseSet, TheSelftestSuiteHasExactlyTheDeliberateError) {
  const CaseSet set = load_cases({"harness/cli/testdata/selftest"});
  EXPECT_THAT(set.diagnostics, IsEmpty());
  EXPECT_EQ(set.catalogue_path,
            std::filesystem::path("harness/cli/testdata/selftest/catalogue.txt"));
  std::vector<std::string> ids;
  for (const LoadedCase& loaded : set.cases) {
    ids.push_back(loaded.id);
    if (loaded.id == "selftest/error-bad-manifest") {
      ASSERT_EQ(loaded.diagnostics.size(), 1u);
      EXPECT_EQ(loaded.diagnostics[0].to_string(),
                "harness/cli/testdata/selftest/error-bad-manifest/case.xml:15: unknown element "
                "<expectation> inside <case> (allowed: description, behaviour, flags, topology, "
                "expectations)");
    } else {
      EXPECT_TRUE(loaded.runnable()) << loaded.id << ": " << loaded.diagnostics.front().to_string();
    }
  }
  EXPECT_THAT(ids, ElementsAre("selftest/error-bad-manifest", "selftest/fail-busy", "selftest/pass",
                               "selftest/pass-tcp", "selftest/sipsim-pair", "selftest/skip",
                               "selftest/timeout", "selftest/xfail"));
}

}  // namespace
}  // namespace sipconf::manifest
