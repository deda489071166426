#include "harness/manifest/sipp_scenario.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"

namespace sipconf::manifest {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::vector<std::string> check(const base::testing::TempTree& tree, const std::string& name,
                               const std::string& text,
                               std::optional<SippScenarioFacts>* facts = nullptr) {
  const std::filesystem::path path = tree.write(name, text);
  base::Diagnostics diags;
  std::optional<SippScenarioFacts> result = check_sipp_scenario(path, diags);
  if (facts) *facts = result;
  std::vector<std::string> out;
  for (const base::Diagnostic& d : diags) {
    std::string line = d.to_string();
    out.push_back(line.substr(tree.root().string().size() + 1));
  }
  return out;
}

TEST(SippScenario, AcceptsAUasScenarioAndImpliesItsMode) {
  base::testing::TempTree tree;
  std::optional<SippScenarioFacts> facts;
  EXPECT_THAT(check(tree, "uas.xml",
                    "<?xml version=\"1.0\"?>\n<scenario name=\"x\">\n<recv request=\"INVITE\"/>\n"
                    "<send><![CDATA[SIP/2.0 200 OK\n]]></send>\n<pause milliseconds=\"10\"/>\n"
                    "<ResponseTimeRepartition value=\"10\"/>\n</scenario>\n",
                    &facts),
              IsEmpty());
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->implied_mode, EndpointMode::uas);
  EXPECT_EQ(facts->commands, 3);
}

TEST(SippScenario, AUacScenarioStartsWithSend) {
  base::testing::TempTree tree;
  std::optional<SippScenarioFacts> facts;
  check(tree, "uac.xml",
        "<?xml version=\"1.0\"?><scenario><send>INVITE x</send><recv response=\"200\"/></scenario>",
        &facts);
  ASSERT_TRUE(facts);
  EXPECT_EQ(facts->implied_mode, EndpointMode::uac);
}

TEST(SippScenario, SippNeedsTheXmlDeclaration) {
  base::testing::TempTree tree;
  EXPECT_THAT(check(tree, "e.xml", "<scenario>\n<recv request=\"INVITE\"/>\n</scenario>\n"),
              ElementsAre("e.xml:1: SIPp needs the XML declaration first: <?xml version=\"1.0\" "
                          "encoding=\"UTF-8\"?>"));
}

TEST(SippScenario, ErrorsPointIntoTheSippFile) {
  base::testing::TempTree tree;
  EXPECT_THAT(check(tree, "a.xml", "<scenario>\n<recv request=\"INVITE\">\n</scenario>\n"),
              ElementsAre(::testing::StartsWith("a.xml:3:")));
  EXPECT_THAT(check(tree, "b.xml", "<?xml version=\"1.0\"?>\n<case/>\n"),
              ElementsAre("b.xml:2: the root element is <case>; a SIPp scenario starts with "
                          "<scenario>"));
  EXPECT_THAT(check(tree, "c.xml",
                    "<?xml version=\"1.0\"?><scenario>\n<recv "
                    "request=\"INVITE\"/>\n<sned>x</sned>\n<send/>\n<recv/>\n"
                    "</scenario>\n"),
              ElementsAre("c.xml:3: SIPp does not know <sned> inside <scenario>",
                          "c.xml:4: <send> has no message text",
                          "c.xml:5: <recv> needs `request` or `response`"));
  EXPECT_THAT(
      check(tree, "d.xml", "<?xml version=\"1.0\"?><scenario>\n<label id=\"1\"/>\n</scenario>\n"),
      ElementsAre("d.xml:1: the scenario has no send/recv/pause/nop command"));
}

}  // namespace
}  // namespace sipconf::manifest
