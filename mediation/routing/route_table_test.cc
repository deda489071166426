#include "mediation/routing/route_table.h"

#include <gtest/gtest.h>

#include "mediation/config/config_loader.h"

namespace sipconf::mediation {
namespace {

MediationConfig lab(const std::string& usages) {
  ConfigLoadOptions options;
  options.check_files = false;
  ConfigLoad r = parse_config(R"(<mediation>
  <internal listen-address="127.0.0.1" transport="tcp" peer-address="127.0.0.2"/>
  <trunk name="a" peer="127.0.0.3"/>
  <trunk name="b" peer="127.0.0.4"/>
  <trunk name="c" peer="127.0.0.5"/>
)" + usages + "</mediation>",
                              "routes.xml", ".", options);
  EXPECT_TRUE(r.ok()) << r.error.to_string();
  return *r.config;
}

TEST(RouteTable, FirstMatchingRouteLeadsAndLaterMatchesFollowInUsageOrder) {
  const MediationConfig c = lab(R"(
  <pstn-usage name="Local">
    <route name="redmond" pattern="^\+1425\d{7}$"><trunk name="b"/><trunk name="a"/></route>
    <route name="us" pattern="^\+1"><trunk name="a"/><trunk name="c"/></route>
  </pstn-usage>
  <pstn-usage name="GlobalPSTNHopoff">
    <route name="any" pattern="."><trunk name="c"/></route>
  </pstn-usage>)");
  const RouteTable table(c);
  EXPECT_EQ(table.size(), 3u);
  RouteCandidates r = table.select("+14255550100");
  EXPECT_EQ(r.route, "redmond");
  EXPECT_EQ(r.trunks, (std::vector<std::size_t>{1, 0, 2}));  // b, a, then c once
  r = table.select("+12065550100");
  EXPECT_EQ(r.route, "us");
  EXPECT_EQ(r.trunks, (std::vector<std::size_t>{0, 2}));
  r = table.select("+441235551010");
  EXPECT_EQ(r.route, "any");
  EXPECT_EQ(r.trunks, std::vector<std::size_t>{2});
  EXPECT_TRUE(table.select("").empty());
}

TEST(RouteTable, InterTrunkRoutingTakesTheTrunksUsagesInItsOwnOrder) {
  const RouteTable table(lab(R"(
  <pstn-usage name="Local">
    <route name="us" pattern="^\+1"><trunk name="a"/></route>
  </pstn-usage>
  <pstn-usage name="Hopoff">
    <route name="any" pattern="."><trunk name="c"/></route>
  </pstn-usage>)"));
  RouteCandidates r = table.select("+14255550100", {"Hopoff", "Local"});
  EXPECT_EQ(r.route, "any");
  EXPECT_EQ(r.trunks, (std::vector<std::size_t>{2, 0}));
  r = table.select("+14255550100", {"Local"});
  EXPECT_EQ(r.trunks, std::vector<std::size_t>{0});
  EXPECT_TRUE(table.select("+441235551010", {"Local"}).empty());
  EXPECT_TRUE(table.select("+14255550100", {}).empty());
}

TEST(RouteTable, PatternsAreSearchedLikeDotNetIsMatch) {
  const RouteTable table(lab(R"(
  <pstn-usage name="Local">
    <route name="default"><trunk name="a"/></route>
  </pstn-usage>)"));
  // The Lync default [0-9]{10} matches ten digits anywhere in the number.
  EXPECT_FALSE(table.select("+1425555010").empty());
  EXPECT_FALSE(table.select("+14255550100").empty());
  EXPECT_TRUE(table.select("+142555501").empty());
}

TEST(RouteTable, DialedNumberIsTheUserPartWithoutParameters) {
  EXPECT_EQ(dialed_number(*sip::Uri::parse("sip:+14255550100@lync.test;user=phone")),
            "+14255550100");
  EXPECT_EQ(dialed_number(*sip::Uri::parse("sip:0100;phone-context=enterprise@lync.test")), "0100");
  EXPECT_EQ(dialed_number(*sip::Uri::parse("tel:+14255550100;ext=12")), "+14255550100");
  EXPECT_EQ(dialed_number(*sip::Uri::parse("sip:lync.test")), "");
  EXPECT_EQ(dialed_number(*sip::Uri::parse("mailto:a@b")), "");
}

}  // namespace
}  // namespace sipconf::mediation
