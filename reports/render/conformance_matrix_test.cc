#include "reports/render/conformance_matrix.h"

#include <gtest/gtest.h>

#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

const MatrixRow& row(const ConformanceMatrix& m, const std::string& id) {
  for (const auto& r : m.rows) {
    if (r.id == id) return r;
  }
  ADD_FAILURE() << "no row " << id;
  return m.rows.front();
}

std::size_t column(const ConformanceMatrix& m, const std::string& kind) {
  for (std::size_t i = 0; i < m.peer_kinds.size(); ++i) {
    if (m.peer_kinds[i] == kind) return i;
  }
  ADD_FAILURE() << "no column " << kind;
  return 0;
}

TEST(ConformanceMatrix, CellsTakeTheWorstStatusOfTheirCases) {
  reports::Run run = testing::load_fixture("failing-run.json");
  ConformanceMatrix m = build_matrix(run);
  ASSERT_EQ(m.peer_kinds.size(), 4u);
  EXPECT_EQ(m.peer_kinds[0], "lync");
  EXPECT_EQ(m.peer_kinds[3], "itsp");
  // RT-04: the FAIL (lync, pstn-gateway) and the XFAIL (lync, itsp).
  const MatrixRow& rt04 = row(m, "RT-04");
  EXPECT_EQ(rt04.cells[column(m, "lync")].state, CellState::kFail);
  EXPECT_EQ(rt04.cells[column(m, "lync")].cases.size(), 2u);
  EXPECT_EQ(rt04.cells[column(m, "itsp")].state, CellState::kXfail);
  EXPECT_EQ(rt04.cells[column(m, "ip-pbx")].state, CellState::kNotCovered);
  EXPECT_EQ(rt04.overall.passing, 0u);
  const MatrixRow& rt06 = row(m, "RT-06");
  EXPECT_EQ(rt06.cells[column(m, "ip-pbx")].state, CellState::kPass);
  EXPECT_EQ(rt06.cells[column(m, "ip-pbx")].passing, 1u);
  EXPECT_EQ(row(m, "TC-01").overall.state, CellState::kSkip);
  EXPECT_EQ(row(m, "TC-02").overall.state, CellState::kNotCovered);
}

TEST(ConformanceMatrix, CoverageCountsCatalogueBehavioursWithAPassingCase) {
  reports::Run run = testing::load_fixture("failing-run.json");
  ConformanceMatrix m = build_matrix(run);
  EXPECT_EQ(m.catalogue_size, run.catalogue.size());
  // Passing: RT-06 SG-03 SG-06 (inbound), TC-11 HF-04 (failover), HF-01 (keep-alive).
  EXPECT_EQ(m.catalogue_passing, 6u);
  // Also exercised: RT-01 RT-04 RT-09 (failing), SG-11 (xfail), TC-01 SEC-04 (skip).
  EXPECT_EQ(m.catalogue_exercised, 12u);
}

TEST(ConformanceMatrix, RfcSectionsFollowTheCatalogueInNaturalOrder) {
  reports::Run run = testing::load_fixture("failing-run.json");
  ConformanceMatrix m = build_matrix(run);
  std::vector<std::string> extra;
  for (const auto& r : m.rows) {
    if (!r.in_catalogue) extra.push_back(r.id);
  }
  EXPECT_EQ(extra, (std::vector<std::string>{"RFC3261-9.1", "RFC3261-13", "RFC3261-17.1.2.2"}));
}

TEST(ConformanceMatrix, ErrorsAreNotFailures) {
  reports::Run run = testing::load_fixture("error-timeout-run.json");
  ConformanceMatrix m = build_matrix(run);
  EXPECT_EQ(row(m, "RT-01").cells[column(m, "itsp")].state, CellState::kError);
  EXPECT_EQ(row(m, "TC-05").overall.state, CellState::kFail);  // TIMEOUT is a product failure.
}

TEST(ConformanceMatrix, RenderedCellsLinkToTheirCases) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string out = render_matrix(build_matrix(run));
  EXPECT_NE(out.find("data-passing=\"6\" data-exercised=\"12\""), std::string::npos);
  EXPECT_NE(out.find("data-behaviour=\"RT-04\" data-peer=\"itsp\" data-state=\"xfail\" "
                     "data-cases=\"1\"><a href=\"#behaviour=RT-04&amp;peer=itsp\""),
            std::string::npos);
  EXPECT_NE(out.find("<tr class=\"group\"><th colspan=\"6\">RFC sections named by cases"),
            std::string::npos);
}

TEST(ConformanceMatrix, UnknownPeerKindsGetAColumnAndIdsAreEscaped) {
  reports::Run run = testing::load_fixture("hostile-run.json");
  ConformanceMatrix m = build_matrix(run);
  std::string out = render_matrix(m);
  EXPECT_EQ(out.find("<b>bold</b>"), std::string::npos);
  EXPECT_NE(out.find("<code>X-&lt;b&gt;bold&lt;/b&gt;</code>"), std::string::npos);
  EXPECT_NE(out.find("#behaviour=X-%3Cb%3Ebold%3C%2Fb%3E"), std::string::npos);
  EXPECT_EQ(out.find("</script>"), std::string::npos);

  CaseResult extra;
  extra.id = "x";
  extra.peer_kinds = {"webrtc-gateway"};
  extra.behaviours = {"RT-01"};
  run.results.push_back(extra);
  EXPECT_EQ(build_matrix(run).peer_kinds.back(), "webrtc-gateway");
}

}  // namespace
}  // namespace sipconf::reports
