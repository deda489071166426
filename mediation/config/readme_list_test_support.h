#pragma once

// The check behind the README lists that are made from a table (the trunk parameters, the
// ms-diagnostics codes): the text between two marker lines of a README must be what the
// table makes. With SIPCONF_UPDATE_README=1 the README is rewritten instead (review the diff).
// Header-only: test code, not library code.

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

namespace sipconf::mediation::testing {

inline void expect_readme_list(const std::string& path, std::string_view begin_marker,
                               std::string_view end_marker, const std::string& expected,
                               std::string_view what, std::string_view source) {
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  std::string readme = text.str();
  const std::size_t begin = readme.find(begin_marker);
  const std::size_t end = readme.find(end_marker);
  ASSERT_NE(begin, std::string::npos) << path << " has no line " << begin_marker;
  ASSERT_NE(end, std::string::npos) << path << " has no line " << end_marker;
  ASSERT_LT(begin, end);
  const std::size_t from = begin + begin_marker.size();
  if (readme.compare(from, end - from, expected) == 0) return;
  if (const char* update = std::getenv("SIPCONF_UPDATE_README"); update && *update == '1') {
    readme.replace(from, end - from, expected);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << readme;
    GTEST_SKIP() << "rewrote the " << what << " of " << path;
  }
  ADD_FAILURE() << path << ": the " << what << " differs from " << source
                << "; run this test with SIPCONF_UPDATE_README=1 or put this between the "
                << "markers:\n"
                << expected;
}

}  // namespace sipconf::mediation::testing
