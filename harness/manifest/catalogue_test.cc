#include "harness/manifest/catalogue.h"

#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"

namespace sipconf::manifest {
namespace {

std::vector<std::string> messages(const base::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const base::Diagnostic& d : diags) out.push_back(d.to_string());
  return out;
}

TEST(Catalogue, ParsesEntriesAndSkipsCommentsAndBlankLines) {
  base::Diagnostics diags;
  const Catalogue catalogue = Catalogue::parse(
      "# header\n\nRT-01\tRoute by regex\nTC-11\tFast failover\n", "cat.txt", diags);
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(catalogue.entries().size(), 2u);
  EXPECT_EQ(catalogue.entries()[1].id, "TC-11");
  EXPECT_EQ(catalogue.entries()[1].title, "Fast failover");
  EXPECT_TRUE(catalogue.contains("RT-01"));
  EXPECT_FALSE(catalogue.contains("RT-02"));
}

TEST(Catalogue, ReportsMalformedLinesWithTheirLineNumber) {
  base::Diagnostics diags;
  const Catalogue catalogue = Catalogue::parse(
      "RT-01\tok\nRT-02 no tab\nrt-3\tlower\nRT-04\t\nRT-01\tagain\n", "cat.txt", diags);
  EXPECT_EQ(catalogue.entries().size(), 1u);
  EXPECT_EQ(messages(diags),
            (std::vector<std::string>{
                "cat.txt:2: expected `ID<TAB>title`",
                "cat.txt:3: behaviour ID `rt-3` is not of the form AB-01 (letters, dash, digits)",
                "cat.txt:4: behaviour RT-04 has no title",
                "cat.txt:5: behaviour RT-01 is listed twice",
            }));
}

TEST(Catalogue, AcceptsCatalogueIdsAndRfcReferences) {
  Catalogue catalogue(std::vector<CatalogueEntry>{{"RT-02", "Called-number translation"}});
  EXPECT_TRUE(catalogue.accepts("RT-02"));
  EXPECT_TRUE(catalogue.accepts("RFC3261"));
  EXPECT_TRUE(catalogue.accepts("RFC3261-17.1.1"));
  EXPECT_FALSE(catalogue.accepts("RT-99"));
  EXPECT_FALSE(catalogue.accepts("RFC-3261"));
  EXPECT_FALSE(catalogue.accepts("RFC3261-"));
  EXPECT_FALSE(catalogue.accepts("rfc3261"));
}

TEST(Catalogue, TheRepositoryCatalogueLoadsCleanly) {
  base::Diagnostics diags;
  const Catalogue catalogue = Catalogue::load("scenarios/catalogue.txt", diags);
  EXPECT_TRUE(diags.empty()) << messages(diags).front();
  EXPECT_TRUE(catalogue.contains("RT-02"));
  EXPECT_TRUE(catalogue.contains("TC-11"));
  EXPECT_GT(catalogue.entries().size(), 40u);
}

TEST(Catalogue, IsFoundInTheNearestAncestor) {
  base::testing::TempTree tree;
  tree.write("catalogue.txt", "RT-01\tx\n");
  tree.write("suite/case/case.xml", "<case/>");
  EXPECT_EQ(find_catalogue_for(tree.root() / "suite/case/case.xml"), tree.root() / "catalogue.txt");
  EXPECT_EQ(find_catalogue_for(tree.root() / "suite"), tree.root() / "catalogue.txt");
}

TEST(Catalogue, UnreadableFileIsOneDiagnostic) {
  base::Diagnostics diags;
  Catalogue::load("/nonexistent/catalogue.txt", diags);
  EXPECT_EQ(
      messages(diags),
      std::vector<std::string>{"/nonexistent/catalogue.txt: cannot read the behaviour catalogue"});
}

}  // namespace
}  // namespace sipconf::manifest
