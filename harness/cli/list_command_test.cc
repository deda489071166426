#include "harness/cli/list_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

namespace sipconf::harness {
namespace {

using ::testing::HasSubstr;

TEST(ListCommand, ShowsCasesBehavioursAndPeerKinds) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_list_command({{"harness/cli/testdata/selftest"}, {}, false}, out, err), 0);
  const std::string text = out.str();
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "CASE                         PEERS              BEHAVIOURS");
  EXPECT_THAT(text, HasSubstr("\nselftest/pass                lync,pstn-gateway  RFC3261-13 "
                              "RFC3261-17.1.1\n"));
  EXPECT_THAT(text, HasSubstr("selftest/skip                lync,pstn-gateway  RFC3261-13 "
                              "RFC3261-17.1.1  [skip: kept as a harness self-test of the skip "
                              "flag]\n"));
  EXPECT_THAT(text, HasSubstr("selftest/error-bad-manifest  lync,pstn-gateway  RFC3261-13  "
                              "[invalid (sipconf lint)]\n"));
  EXPECT_EQ(err.str(), "");
}

TEST(ListCommand, JsonCarriesTheModel) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_list_command({{"scenarios/starter", "harness/cli/testdata/selftest"}, {}, true},
                             out, err),
            0);
  const nlohmann::json cases = nlohmann::json::parse(out.str());
  ASSERT_EQ(cases.size(), 22u);
  const nlohmann::json& invalid = cases[0];
  EXPECT_EQ(invalid["id"], "selftest/error-bad-manifest");
  EXPECT_EQ(invalid["valid"], false);
  EXPECT_THAT(invalid["error"].get<std::string>(), HasSubstr("case.xml:15: unknown element"));
  const nlohmann::json& xfail = cases[7];
  EXPECT_EQ(xfail["id"], "selftest/xfail");
  EXPECT_EQ(xfail["flags"]["expected_failure"],
            "the UAS answers 486 Busy Here; the case expects an answered call");
  const nlohmann::json& gateway = cases[13];
  EXPECT_EQ(gateway["id"], "starter/basic-out-pstn-gateway");
  EXPECT_EQ(gateway["sut"], "mediation");
  EXPECT_EQ(gateway["peer_kinds"], nlohmann::json({"lync", "pstn-gateway"}));
  EXPECT_EQ(gateway["behaviours"][0], "RT-01");
  EXPECT_EQ(gateway["endpoints"][1]["mode"], "uas");
  EXPECT_EQ(gateway["timeout_ms"], 10000);
}

TEST(ListCommand, AMissingPathIsReported) {
  std::ostringstream out;
  std::ostringstream err;
  EXPECT_EQ(run_list_command({{"scenarios/nope"}, {}, false}, out, err), 2);
  EXPECT_EQ(err.str(), "scenarios/nope: no such file or directory\n");
}

}  // namespace
}  // namespace sipconf::harness
