#include "reports/render/ladder_svg.h"

#include <gtest/gtest.h>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

using testing::count_occurrences;

const CaseResult& basic(const Run& run) { return *run.find_case("starter/basic-out-pstn-gateway"); }

TEST(LadderSvg, ColumnsAreTheEndpointsInOrderWithTheSutInTheMiddle) {
  reports::Run run = testing::load_fixture("failing-run.json");
  Ladder ladder = layout_ladder(basic(run));
  ASSERT_EQ(ladder.columns.size(), 4u);
  EXPECT_EQ(ladder.columns[0].name, "fe");
  EXPECT_EQ(ladder.columns[1].name, "sut-internal");
  EXPECT_TRUE(ladder.columns[1].sut);
  EXPECT_EQ(ladder.columns[1].detail, "SUT internal");
  EXPECT_EQ(ladder.columns[2].detail, "SUT trunk:gw1");
  EXPECT_EQ(ladder.columns[3].address, "127.0.0.32:5066 · udp");
  ASSERT_EQ(ladder.arrows.size(), 15u);
  // INVITE on the gateway leg goes from the SUT's trunk side to gw1.
  EXPECT_EQ(ladder.arrows[2].from, 2u);
  EXPECT_EQ(ladder.arrows[2].to, 3u);
  EXPECT_TRUE(ladder.arrows[2].offending);
  EXPECT_TRUE(ladder.arrows[4].offending);  // The finding on the 180.
  EXPECT_FALSE(ladder.arrows[0].offending);
}

TEST(LadderSvg, ArrowStylesFollowTheMessage) {
  reports::Run run = testing::load_fixture("failing-run.json");
  Ladder ladder = layout_ladder(basic(run));
  EXPECT_EQ(ladder.arrows[0].style, ArrowStyle::kRequest);
  EXPECT_EQ(ladder.arrows[1].style, ArrowStyle::kProvisional);
  EXPECT_EQ(ladder.arrows[6].style, ArrowStyle::kSuccess);
  EXPECT_EQ(ladder.arrows[8].style, ArrowStyle::kRetransmission);
  Ladder failover = layout_ladder(*run.find_case("failover/fast-failover-10s"));
  EXPECT_EQ(failover.arrows[2].style, ArrowStyle::kUnanswered);
  EXPECT_EQ(failover.arrows[4].style, ArrowStyle::kUnanswered);
  EXPECT_EQ(failover.arrows[9].style, ArrowStyle::kRetransmission);
  Ladder busy = layout_ladder(*run.find_case("routing/remove-plus-itsp"));
  EXPECT_EQ(busy.arrows[4].style, ArrowStyle::kFailure);
}

TEST(LadderSvg, UnknownAddressesGetTheirOwnColumn) {
  CaseResult c;
  c.id = "x";
  c.endpoints = {{"a", "lync", "", "127.0.0.3:5061", "tcp", "sipp"}};
  Message m;
  m.from = "a";
  m.to = "10.9.9.9:5060";
  m.kind = "request";
  m.method = "OPTIONS";
  c.messages = {m};
  Ladder ladder = layout_ladder(c);
  ASSERT_EQ(ladder.columns.size(), 2u);
  EXPECT_EQ(ladder.columns[1].name, "10.9.9.9:5060");
  EXPECT_EQ(ladder.columns[1].role, "unknown");
  EXPECT_NE(render_ladder_svg(c).find("class=\"col unknown\""), std::string::npos);
}

TEST(LadderSvg, SvgHasOneClickableArrowPerMessage) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string svg = render_ladder_svg(basic(run));
  EXPECT_NE(svg.find("data-arrows=\"15\""), std::string::npos);
  std::size_t arrows = 0;
  for (auto& arrow : testing::start_tags(svg, "<g class=\"arrow "))
    arrows += arrow.count("data-msg");
  EXPECT_EQ(arrows, 15u);
  EXPECT_EQ(count_occurrences(svg, "<g class=\"arrow rtx\""), 1u);
  EXPECT_EQ(count_occurrences(svg, " offending\""), 2u);
  EXPECT_EQ(count_occurrences(svg, "class=\"sut-box\""), 1u);  // Both SUT interfaces share one box.
  EXPECT_NE(svg.find(">+322 µs<"), std::string::npos);
  EXPECT_NE(svg.find(">200 OK ↻<"), std::string::npos);
}

TEST(LadderSvg, UnansweredRequestsAreMarked) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string svg = render_ladder_svg(*run.find_case("failover/fast-failover-10s"));
  EXPECT_EQ(count_occurrences(svg, "<g class=\"arrow lost\""), 2u);
  EXPECT_EQ(count_occurrences(svg, ">no final response</text>"),
            3u);                                           // Including the retransmitted CANCEL.
  EXPECT_NE(svg.find("t-delta long"), std::string::npos);  // The 10 s silence stands out.
}

TEST(LadderSvg, EscapesEveryCapturedName) {
  reports::Run run = testing::load_fixture("hostile-run.json");
  std::string svg = render_ladder_svg(run.results.at(0));
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(svg.find("<svg onload"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;Ringing&lt;/b&gt;"), std::string::npos);
}

TEST(LadderSvg, LegendExplainsEveryStyle) {
  std::string legend = render_ladder_legend();
  for (const char* cls : {"req", "prov", "ok", "err", "rtx", "lost"}) {
    EXPECT_NE(legend.find(std::string("class=\"arrow ") + cls + "\""), std::string::npos) << cls;
  }
  EXPECT_NE(legend.find("retransmission"), std::string::npos);
  EXPECT_NE(legend.find("unanswered request"), std::string::npos);
}

}  // namespace
}  // namespace sipconf::reports
