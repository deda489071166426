#include "reports/render/html_page.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/model/report_error.h"
#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

using testing::count_occurrences;

std::string page(const Run& run, HtmlOptions options = {}) {
  std::ostringstream out;
  EXPECT_FALSE(render_html(run, options, out));
  return out.str();
}

TEST(HtmlPage, IsOneSelfContainedDocument) {
  std::string html = page(testing::load_fixture("failing-run.json"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(count_occurrences(html, "<style>"), 1u);
  EXPECT_EQ(count_occurrences(html, "<script>"),
            1u);  // The page script; the rest are inert data blocks.
  // Nothing is fetched: no external scripts, stylesheets, images or fonts.
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
}

TEST(HtmlPage, HeaderCarriesVerdictTotalsAndRunInfo) {
  std::string html = page(testing::load_fixture("failing-run.json"));
  EXPECT_NE(html.find("<body data-verdict=\"failed\" data-cases=\"6\">"), std::string::npos);
  EXPECT_NE(html.find("<span class=\"verdict-word\">FAILED</span><span class=\"verdict-why\">1 of "
                      "6 cases fail</span>"),
            std::string::npos);
  EXPECT_NE(html.find("data-status=\"PASS\" data-count=\"3\""), std::string::npos);
  EXPECT_NE(html.find("data-status=\"XFAIL\" data-count=\"1\""), std::string::npos);
  EXPECT_NE(html.find("<dt>Git revision</dt><dd><code>3f2c1ab</code>"), std::string::npos);
  EXPECT_NE(html.find("<dt>Wall time</dt><dd>29.3 s</dd>"), std::string::npos);
  EXPECT_NE(html.find("<dt>SIPp</dt><dd>3.6.1</dd>"), std::string::npos);
  EXPECT_NE(html.find("sipconf mediation <span class=\"ver\">0.1.0</span>"), std::string::npos);
}

TEST(HtmlPage, VerdictSeparatesHarnessErrorsFromProductFailures) {
  reports::Run run = testing::load_fixture("error-timeout-run.json");
  EXPECT_NE(page(run).find("2 of 4 cases fail; 1 could not run (harness error)"),
            std::string::npos);
  run.results.erase(run.results.begin() + 1, run.results.begin() + 3);  // Keep ERROR and PASS.
  std::string html = page(run);
  EXPECT_NE(html.find("data-verdict=\"ERROR\""), std::string::npos);
  EXPECT_NE(html.find("not the product"), std::string::npos);
  EXPECT_NE(page(testing::load_fixture("passing-run.json")).find("All 3 cases pass"),
            std::string::npos);
  EXPECT_NE(page(testing::load_fixture("empty-run.json")).find("This run contains no cases."),
            std::string::npos);
}

TEST(HtmlPage, CasesAreListedFailuresFirst) {
  std::string html = page(testing::load_fixture("failing-run.json"));
  std::vector<std::string> statuses;
  for (auto& row : testing::start_tags(html, "<tr class=\"case-row ")) {
    statuses.push_back(row["data-status"]);
  }
  EXPECT_EQ(statuses, (std::vector<std::string>{"FAIL", "XFAIL", "SKIP", "PASS", "PASS", "PASS"}));
}

TEST(HtmlPage, EveryCaseHasAParsableDataBlock) {
  reports::Run run = testing::load_fixture("failing-run.json");
  std::string html = page(run);
  auto blocks = testing::data_blocks(html);
  ASSERT_EQ(blocks.size(), run.results.size());
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    const auto& block = blocks.at(std::to_string(i));
    EXPECT_EQ(block.at("messages").size(), run.results[i].messages.size()) << run.results[i].id;
  }
  // Ladders are not in the page up front: only inside the data blocks.
  auto first_block = html.find("<script type=\"application/json\"");
  EXPECT_EQ(html.substr(0, first_block).find("<svg class=\"ladder\""), std::string::npos);
}

TEST(HtmlPage, HostileTextIsInertEverywhere) {
  reports::Run run = testing::load_fixture("hostile-run.json");
  std::string html = page(run);
  // The only elements named script are the page's own: the data blocks and the code.
  EXPECT_EQ(count_occurrences(html, "<script"), run.results.size() + 1);
  EXPECT_EQ(count_occurrences(html, "</script>"), run.results.size() + 1);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<svg onload"), std::string::npos);
  EXPECT_EQ(html.find("<!--"), std::string::npos);
  EXPECT_EQ(html.find("\xE2\x80\xA8"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;document.title=&#39;PWN&#39;+&#39;ED&#39;&lt;/script&gt;"),
            std::string::npos);
  // Hostile ids still work as deep links and data attributes.
  EXPECT_NE(html.find("data-id=\"hostile/&lt;script&gt;document.title=&#39;PWN&#39;+&#39;ED&#39;"
                      "&lt;/script&gt;\""),
            std::string::npos);
  EXPECT_NE(html.find("data-id=\"hostile/quote&quot;and&#39;amp&amp;\""), std::string::npos);
  auto blocks = testing::data_blocks(html);
  std::string panel = blocks.at("0").at("messages").at(2).get<std::string>();
  EXPECT_NE(panel.find("<mark class=\"hl\" data-highlight=\"X-Note\">X-Note: &lt;script&gt;"),
            std::string::npos);
  EXPECT_EQ(panel.find("<script"), std::string::npos);
}

TEST(HtmlPage, BaselineAddsAComparisonSection) {
  reports::Run before = testing::load_fixture("passing-run.json");
  HtmlOptions options;
  options.baseline = &before;
  std::string html = page(testing::load_fixture("failing-run.json"), options);
  EXPECT_NE(html.find("<section id=\"comparison\">"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#comparison\">Comparison</a>"), std::string::npos);
  EXPECT_EQ(page(before).find("<section id=\"comparison\">"), std::string::npos);
}

TEST(HtmlPage, JsonEntryPointValidatesFirst) {
  nlohmann::json bad = {{"schema_version", 1}, {"results", {{{"id", "x"}, {"status", "MAYBE"}}}}};
  std::ostringstream out;
  std::string diagnostic;
  EXPECT_EQ(render_html(bad, {}, out, diagnostic), ReportErrc::kInvalidField);
  EXPECT_TRUE(out.str().empty());
  EXPECT_NE(diagnostic.find("results[0].status"), std::string::npos);

  nlohmann::json good = {{"schema_version", 1}, {"results", nlohmann::json::array()}};
  EXPECT_FALSE(render_html(good, {}, out, diagnostic)) << diagnostic;
  EXPECT_NE(out.str().find("NO CASES"), std::string::npos);
}

TEST(HtmlPage, ReportsAFailedStream) {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  EXPECT_EQ(render_html(testing::load_fixture("empty-run.json"), {}, out),
            ReportErrc::kWriteFailed);
}

}  // namespace
}  // namespace sipconf::reports
