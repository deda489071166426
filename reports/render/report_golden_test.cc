// Golden tests of the generated page's structure. A summary of what a reader would
// see (verdict, totals, case order, matrix cells, ladder arrows per case, escaped text)
// is extracted from the HTML and compared with reports/testdata/golden/<fixture>.txt.
// Regenerate after an intended change with:
//   SIPCONF_UPDATE_GOLDEN=1 build-dir/reports/render/reports_render_tests
//   --gtest_filter='ReportGolden*'
// and review the diff; never edit the golden files by hand.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/model/report_test_support.h"
#include "reports/render/html_page.h"

namespace sipconf::reports {
namespace {

using testing::occurrences;
using testing::start_tags;

/// Everything the summary says, one fact per line, in page order.
std::string structural_summary(const std::string& html) {
  std::ostringstream out;
  for (auto& body : start_tags(html, "<body ")) {
    out << "verdict: " << body["data-verdict"] << "\ncases: " << body["data-cases"] << "\n";
  }
  out << "totals:";
  for (auto& total : start_tags(html, "<a class=\"total ")) {
    out << " " << total["data-status"] << "=" << total["data-count"];
  }
  out << "\n";
  for (auto& coverage : start_tags(html, "<div class=\"coverage\"")) {
    out << "coverage: passing=" << coverage["data-passing"]
        << " exercised=" << coverage["data-exercised"] << " catalogue=" << coverage["data-total"]
        << "\n";
  }
  out << "sections:";
  for (auto& section : start_tags(html, "<section id=")) out << " " << section["id"];
  out << "\n";

  std::vector<std::pair<std::string, std::string>> rows;  // (data block number, case id)
  for (auto& row : start_tags(html, "<tr class=\"case-row ")) {
    out << "row: " << row["data-status"] << " " << row["data-id"] << "\n";
    rows.emplace_back(row["data-case"], row["data-id"]);
  }
  for (auto& cell : start_tags(html, "<td class=\"cell ")) {
    if (cell["data-cases"] == "0") continue;
    std::string peer = cell["data-peer"].empty() ? "all" : cell["data-peer"];
    out << "cell: " << cell["data-behaviour"] << " " << peer << " " << cell["data-state"] << " "
        << cell["data-cases"] << "\n";
  }

  std::map<std::string, nlohmann::json> blocks = testing::data_blocks(html);
  for (const auto& [index, id] : rows) {
    const nlohmann::json& data = blocks[index];
    std::string details = data.value("details", "");
    std::size_t arrows = 0;
    std::map<std::string, int> styles;
    for (auto& arrow : start_tags(details, "<g class=\"arrow ")) {
      if (arrow.count("data-msg") == 0) continue;
      ++arrows;
      std::string style = arrow["class"].substr(6);
      ++styles[style.substr(0, style.find(' '))];
    }
    out << "case " << id << ": messages=" << data["messages"].size() << " arrows=" << arrows;
    for (const auto& [style, n] : styles) out << " " << style << "=" << n;
    out << " offending=" << occurrences(details, " offending\"")
        << " failure-cards=" << occurrences(details, "class=\"failure-card\"")
        << " highlights=" << occurrences(details, "<mark class=\"hl\" data-highlight")
        << " subtests=" << occurrences(details, "<td><span class=\"badge")
        << " artifacts=" << occurrences(details, "<span class=\"art-kind\">")
        << " cdf-plots=" << occurrences(details, "<svg class=\"cdf\"") << "\n";
  }
  std::string all_text = html;
  for (const auto& [index, data] : blocks) {
    all_text += data.value("details", "");
    for (const auto& message : data["messages"]) all_text += message.get<std::string>();
  }
  out << "escaped-script-text: " << occurrences(all_text, "&lt;script&gt;") << "\n";
  out << "script-elements: " << occurrences(all_text, "<script") << "\n";
  out << "img-elements: " << occurrences(all_text, "<img") << "\n";
  return out.str();
}

class ReportGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(ReportGolden, StructureMatchesTheGoldenSummary) {
  const std::string name = GetParam();
  reports::Run run = testing::load_fixture(name + ".json");
  HtmlOptions options;
  options.results_dir = testing::testdata("");
  options.output_dir = testing::testdata("");
  std::ostringstream html;
  ASSERT_FALSE(render_html(run, options, html));
  std::string summary = structural_summary(html.str());
  auto golden = testing::testdata("golden/" + name + ".txt");
  const char* update = std::getenv("SIPCONF_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(golden, std::ios::binary) << summary;
    GTEST_SKIP() << "rewrote " << golden;
  }
  std::string expected;
  ASSERT_FALSE(read_text_file(golden, expected))
      << golden << " is missing; run with SIPCONF_UPDATE_GOLDEN=1 to create it";
  EXPECT_EQ(summary, expected) << "structure changed; if intended, regenerate with "
                                  "SIPCONF_UPDATE_GOLDEN=1 and review the diff";
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ReportGolden,
                         ::testing::Values("passing-run", "failing-run", "empty-run",
                                           "error-timeout-run", "hostile-run"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (c == '-') c = '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace sipconf::reports
