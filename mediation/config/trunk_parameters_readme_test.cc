#include <string>

#include <gtest/gtest.h>

#include "base/build_paths.h"
#include "mediation/config/readme_list_test_support.h"
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
  testing::expect_readme_list(base::source_dir().string() + "/mediation/README.md", kBegin, kEnd,
                              parameter_list(), "trunk parameter list",
                              "the table (mediation/config/trunk_parameters.cc)");
}

}  // namespace
}  // namespace sipconf::mediation
