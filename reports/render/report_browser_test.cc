// Loads generated reports in a real browser (Debian's headless chromium) and checks the
// DOM after the page's script ran: case rows, matrix cells, a ladder opened by deep link,
// the message panel opened by `&msg=`, fragment filters, and that captured markup is
// shown as text and never runs. Screenshots land in <build>/reports-artifacts/ for CI.

#include <gtest/gtest.h>

#include <fstream>

#include "reports/model/report_test_support.h"
#include "reports/render/artifact_paths.h"
#include "reports/render/conformance_matrix.h"
#include "reports/render/headless_chromium.h"
#include "reports/render/html_text.h"
#include "reports/render/report_files.h"

#include "base/build_paths.h"

namespace sipconf::reports {
namespace {

using testing::count_occurrences;

namespace fs = std::filesystem;

/// The opening tag of the first element whose tag contains all of `parts`.
std::string tag_with(const std::string& dom, std::initializer_list<std::string> parts) {
  for (auto at = dom.find('<'); at != std::string::npos; at = dom.find('<', at + 1)) {
    std::string tag = dom.substr(at, dom.find('>', at) - at + 1);
    bool all = true;
    for (const auto& part : parts) all = all && tag.find(part) != std::string::npos;
    if (all) return tag;
  }
  return {};
}

class ReportBrowser : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_FALSE(chromium_.executable().empty()) << testing::HeadlessChromium::kInstallHint;
    fs::create_directories(artifacts());
  }

  static fs::path artifacts() { return base::binary_dir() / "reports-artifacts"; }

  /// Renders a fixture into the artifacts folder and returns its file:// URL.
  std::string render(const std::string& fixture, const std::string& file) {
    reports::Run run = testing::load_fixture(fixture);
    ReportFiles files;
    files.results_dir = testing::testdata("");
    files.html = artifacts() / file;
    std::string diagnostic;
    EXPECT_FALSE(write_reports(run, files, diagnostic)) << diagnostic;
    return "file://" + href_for_path(fs::absolute(files.html).string());
  }

  std::string dom(const std::string& url) {
    auto result = chromium_.dump_dom(url, scratch_.path());
    EXPECT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.log.find("Uncaught"), std::string::npos) << result.log;
    EXPECT_NE(result.output.find("data-ready=\"1\""), std::string::npos)
        << "the page script did not finish";
    return result.output;
  }

  /// A full-page screenshot: the window is as tall as the page (the page reports its
  /// height), since headless chromium does not paint a scrolled viewport.
  void screenshot(const std::string& url, const std::string& dom_of_url, const std::string& png) {
    int height = 1000;
    auto at = dom_of_url.find("data-height=\"");
    if (at != std::string::npos) height = std::stoi(dom_of_url.substr(at + 13));
    height = std::clamp(height, 600, 16000);
    fs::path file = artifacts() / png;
    fs::remove(file);
    auto result = chromium_.screenshot(url, file, scratch_.path(), 1400, height);
    ASSERT_TRUE(result.ok) << result.error;
    std::ifstream in(file, std::ios::binary);
    char magic[4] = {};
    in.read(magic, 4);
    EXPECT_EQ(std::string(magic + 1, 3), "PNG") << file;
    EXPECT_GT(fs::file_size(file), 20000u) << file << " looks blank";
  }

  testing::HeadlessChromium chromium_;
  testing::TempDir scratch_{"sipconf-browser"};
};

TEST_F(ReportBrowser, OverviewShowsEveryCaseAndTheMatrix) {
  std::string url = render("failing-run.json", "failing-report.html");
  std::string page = dom(url);
  EXPECT_EQ(count_occurrences(page, "<tr class=\"case-row"), 6u);
  EXPECT_EQ(count_occurrences(page, "<tr class=\"detail-row"), 0u);  // Nothing expanded up front.
  EXPECT_NE(page.find("id=\"f-count\" class=\"f-count\">6 of 6 cases<"), std::string::npos);
  EXPECT_NE(page.find("data-verdict=\"FAILED\""), std::string::npos);
  // The matrix in the browser matches the one computed here.
  ConformanceMatrix matrix = build_matrix(testing::load_fixture("failing-run.json"));
  std::map<std::string, std::size_t> states;
  for (const auto& row : matrix.rows) {
    for (const auto& cell : row.cells) ++states[std::string(cell_state_token(cell.state))];
    ++states[std::string(cell_state_token(row.overall.state))];
  }
  for (const auto& [state, n] : states) {
    EXPECT_EQ(count_occurrences(page, "data-state=\"" + state + "\""), n) << state;
  }
  EXPECT_EQ(states["fail"], 12u);  // RT-01, RT-04, RT-09, RFC3261-13: lync, pstn-gateway, all.
  EXPECT_NE(tag_with(page, {"data-behaviour=\"RT-04\"", "data-peer=\"itsp\""}).find("xfail"),
            std::string::npos);
  screenshot(url, page, "overview.png");
}

TEST_F(ReportBrowser, CaseDeepLinkOpensTheCaseWithItsLadder) {
  std::string url = render("failing-run.json", "failing-report-case.html") +
                    "#case=starter%2Fbasic-out-pstn-gateway";
  std::string page = dom(url);
  EXPECT_NE(
      tag_with(page, {"data-id=\"starter/basic-out-pstn-gateway\""}).find("aria-expanded=\"true\""),
      std::string::npos);
  EXPECT_EQ(count_occurrences(page, "<div class=\"case-detail\""), 1u);
  auto ladder = page.find("<svg class=\"ladder\"");
  ASSERT_NE(ladder, std::string::npos);
  std::string svg = page.substr(ladder, page.find("</svg>", ladder) - ladder);
  EXPECT_EQ(count_occurrences(svg, "data-msg=\""), 15u);
  EXPECT_EQ(count_occurrences(svg, "<g class=\"arrow rtx\""), 1u);
  EXPECT_EQ(count_occurrences(svg, " offending\""), 2u);
  EXPECT_NE(
      page.find("<span>Actual</span><code>sip:+14255550100@127.0.0.32:5066;user=phone</code>"),
      std::string::npos);
  EXPECT_NE(tag_with(page, {"id=\"msg-panel\""}).find("hidden"), std::string::npos);
  screenshot(url, page, "case.png");
}

TEST_F(ReportBrowser, MessageDeepLinkOpensThePanel) {
  std::string url = render("failing-run.json", "failing-report-message.html") +
                    "#case=starter%2Fbasic-out-pstn-gateway&msg=2";
  std::string page = dom(url);
  std::string panel = tag_with(page, {"id=\"msg-panel\""});
  EXPECT_EQ(panel.find("hidden"), std::string::npos) << panel;
  EXPECT_NE(panel.find("data-msg=\"2\""), std::string::npos) << panel;
  EXPECT_NE(page.find("<mark class=\"hl\" data-highlight=\"Request-URI\">"
                      "sip:+14255550100@127.0.0.32:5066;user=phone</mark>"),
            std::string::npos);
  EXPECT_NE(page.find("Message #2 of starter/basic-out-pstn-gateway"), std::string::npos);
  EXPECT_NE(tag_with(page, {"<g class=\"arrow", "data-msg=\"2\""}).find("selected"),
            std::string::npos);
  screenshot(url, page, "message.png");
}

TEST_F(ReportBrowser, FragmentFiltersHideTheOtherCases) {
  std::string url = render("failing-run.json", "failing-report-filters.html");
  auto visible = [](const std::string& page) {
    return count_occurrences(page, "<tr class=\"case-row") -
           count_occurrences(page, "tabindex=\"0\" aria-expanded=\"false\" hidden");
  };
  std::string by_status = dom(url + "#status=FAIL,XFAIL");
  EXPECT_EQ(visible(by_status), 2u);
  EXPECT_NE(by_status.find(">2 of 6 cases<"), std::string::npos);
  EXPECT_EQ(visible(dom(url + "#behaviour=RT-04&peer=itsp")), 1u);
  EXPECT_EQ(visible(dom(url + "#q=failover")), 1u);
  EXPECT_EQ(visible(dom(url + "#behaviour=TC-02")), 0u);
}

TEST_F(ReportBrowser, CapturedMarkupIsShownAsTextAndNeverRuns) {
  const std::string id = "hostile/<script>document.title='PWN'+'ED'</script>";
  std::string url =
      render("hostile-run.json", "hostile-report.html") + "#case=" + uri_component(id) + "&msg=2";
  std::string page = dom(url);
  // Every payload would set the title to PWNED if it ran.
  EXPECT_EQ(page.find("PWNED"), std::string::npos);
  EXPECT_NE(page.find("<title>FAILED — sipconf mediation — SIP conformance report</title>"),
            std::string::npos);
  // Only the page's own script elements exist: one data block per case and the code.
  EXPECT_EQ(count_occurrences(page, "<script"), 3u);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_EQ(page.find("<svg onload"), std::string::npos);
  // The hostile header is in the open message panel, as text, highlighted.
  EXPECT_EQ(tag_with(page, {"id=\"msg-panel\""}).find("hidden"), std::string::npos);
  EXPECT_NE(page.find("data-highlight=\"X-Note\">X-Note: &lt;script&gt;document.title='PWN'+'ED'"
                      "&lt;/script&gt;</mark>"),
            std::string::npos);
  EXPECT_NE(page.find("<div class=\"case-detail\" data-case=\"0\">"), std::string::npos);
  screenshot(url, page, "hostile-message.png");
}

}  // namespace
}  // namespace sipconf::reports
