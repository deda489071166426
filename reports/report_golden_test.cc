// Golden tests of the generated page's structure. A summary of what a reader would
// see (verdict, totals, case order, matrix cells, ladder arrows per case, escaped text)
// is extracted from the HTML and compared with reports/testdata/golden/<fixture>.txt.
// Regenerate after an intended change with:
//   SIPCONF_UPDATE_GOLDEN=1 build-dir/reports/reports_tests --gtest_filter='ReportGolden*'
// and review the diff; never edit the golden files by hand.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "reports/html_page.h"
#include "reports/report_test_support.h"

namespace sipconf::reports {
namespace {

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

std::size_t count(const std::string& text, const std::regex& pattern) {
  return static_cast<std::size_t>(std::distance(
      std::sregex_iterator(text.begin(), text.end(), pattern), std::sregex_iterator()));
}

/// The inline JSON data blocks, parsed, keyed by the number in their id `case-N`.
/// (Found with plain searches: std::regex recurses per character and would overflow the
/// stack on a block of a few hundred kilobytes.)
std::map<std::string, nlohmann::json> data_blocks(const std::string& html) {
  std::map<std::string, nlohmann::json> blocks;
  const std::string open = "<script type=\"application/json\" id=\"case-";
  for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
    auto id_end = html.find('"', at + open.size());
    auto body = html.find('>', id_end) + 1;
    auto close = html.find("</script>", body);
    blocks[html.substr(at + open.size(), id_end - at - open.size())] =
        nlohmann::json::parse(html.substr(body, close - body));
  }
  return blocks;
}

/// Everything the summary says, one fact per line, in page order.
std::string structural_summary(const std::string& html) {
  std::ostringstream out;
  std::smatch m;
  if (std::regex_search(html, m,
                        std::regex(R"re(<body data-verdict="([a-z]+)" data-cases="(\d+)">)re"))) {
    out << "verdict: " << m[1] << "\ncases: " << m[2] << "\n";
  }
  out << "totals:";
  std::regex total(R"re(data-status="([A-Z]+)" data-count="(\d+)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), total), end; it != end; ++it) {
    out << " " << (*it)[1] << "=" << (*it)[2];
  }
  out << "\n";
  if (std::regex_search(
          html, m,
          std::regex(R"re(data-passing="(\d+)" data-exercised="(\d+)" data-total="(\d+)")re"))) {
    out << "coverage: passing=" << m[1] << " exercised=" << m[2] << " catalogue=" << m[3] << "\n";
  }
  out << "sections:";
  std::regex section(R"re(<section id="([a-z]+)">)re");
  for (std::sregex_iterator it(html.begin(), html.end(), section), end; it != end; ++it) {
    out << " " << (*it)[1];
  }
  out << "\n";

  std::regex row(
      R"re(<tr class="case-row [a-z]+" data-case="(\d+)" data-id="([^"]*)" data-status="([A-Z]+)")re");
  std::vector<std::pair<std::string, std::string>> rows;  // (block index, id)
  for (std::sregex_iterator it(html.begin(), html.end(), row), end; it != end; ++it) {
    out << "row: " << (*it)[3] << " " << (*it)[2] << "\n";
    rows.emplace_back((*it)[1], (*it)[2]);
  }
  std::regex cell(
      R"re(data-behaviour="([^"]*)" data-peer="([^"]*)" data-state="([a-z]+)" data-cases="([1-9]\d*)")re");
  for (std::sregex_iterator it(html.begin(), html.end(), cell), end; it != end; ++it) {
    std::string peer = (*it)[2].str().empty() ? "all" : (*it)[2].str();
    out << "cell: " << (*it)[1] << " " << peer << " " << (*it)[3] << " " << (*it)[4] << "\n";
  }

  std::map<std::string, nlohmann::json> blocks = data_blocks(html);
  std::regex arrow(R"re(<g class="arrow ([a-z ]+)" data-msg="\d+")re");
  for (const auto& [index, id] : rows) {
    const nlohmann::json& data = blocks[index];
    std::string details = data.value("details", "");
    std::string arrows_by_style;
    std::map<std::string, int> styles;
    for (std::sregex_iterator it(details.begin(), details.end(), arrow), end; it != end; ++it) {
      std::string cls = (*it)[1];
      ++styles[cls.substr(0, cls.find(' '))];
    }
    out << "case " << id << ": messages=" << data["messages"].size()
        << " arrows=" << count(details, arrow);
    for (const auto& [style, n] : styles) out << " " << style << "=" << n;
    out << " offending=" << count(details, " offending\"")
        << " failure-cards=" << count(details, "class=\"failure-card\"")
        << " highlights=" << count(details, "<mark class=\"hl\" data-highlight") << " subtests="
        << count(details, std::regex("<tr class=\"[a-z]+\"><td><span class=\"badge"))
        << " artifacts=" << count(details, "<span class=\"art-kind\">")
        << " cdf-plots=" << count(details, "<svg class=\"cdf\"") << "\n";
  }
  std::string all_text = html;
  for (const auto& [index, data] : blocks) {
    all_text += data.value("details", "");
    for (const auto& message : data["messages"]) all_text += message.get<std::string>();
  }
  out << "escaped-script-text: " << count(all_text, "&lt;script&gt;") << "\n";
  out << "script-elements: " << count(all_text, "<script") << "\n";
  out << "img-elements: " << count(all_text, "<img") << "\n";
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
