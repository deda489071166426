#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "base/build_paths.h"
#include "mediation/config/trunk_parameters.h"

namespace sipconf::mediation {
namespace {

constexpr std::string_view kBegin = "<!-- trunk-parameters: begin -->\n";
constexpr std::string_view kEnd = "<!-- trunk-parameters: end -->\n";

/// The README's parameter list as the table makes it (Markdown).
std::string parameter_list() {
  const TrunkParameters defaults;
  std::string out =
      "| Attribute | Values | Default | Meaning |\n"
      "|---|---|---|---|\n";
  for (const TrunkParameter& p : trunk_parameters()) {
    const std::string value = format_value(p, defaults);
    out += "| `" + std::string(p.name) + "` | " + value_range(p) + " | " +
           (value.empty() ? "(empty)" : value) + " | " + std::string(p.meaning) + " |\n";
  }
  return out;
}

// mediation/README.md lists the trunk parameters between two markers; the list is made from
// the table. When this fails, SIPCONF_UPDATE_README=1 and this test rewrite the README's
// list (review the diff), or paste the expected list from the message.
TEST(TrunkParameterReadme, ListsTheTable) {
  const std::string path = base::source_dir().string() + "/mediation/README.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  std::string readme = text.str();
  const std::size_t begin = readme.find(kBegin);
  const std::size_t end = readme.find(kEnd);
  ASSERT_NE(begin, std::string::npos) << path << " has no line " << kBegin;
  ASSERT_NE(end, std::string::npos) << path << " has no line " << kEnd;
  ASSERT_LT(begin, end);
  const std::size_t from = begin + kBegin.size();
  const std::string expected = parameter_list();
  if (readme.compare(from, end - from, expected) == 0) return;
  if (const char* update = std::getenv("SIPCONF_UPDATE_README"); update && *update == '1') {
    readme.replace(from, end - from, expected);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << readme;
    GTEST_SKIP() << "rewrote the trunk parameter list of " << path;
  }
  ADD_FAILURE() << path << ": the trunk parameter list differs from the table "
                << "(mediation/config/trunk_parameters.cc); run this test with "
                << "SIPCONF_UPDATE_README=1 or put this between the markers:\n"
                << expected;
}

}  // namespace
}  // namespace sipconf::mediation
