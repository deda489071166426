#include "mediation/diagnostic_codes.h"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "base/build_paths.h"

namespace sipconf::mediation {
namespace {

TEST(DiagnosticCodes, DistinctAndInTheirMsOcerRange) {
  std::set<int> seen;
  for (const DiagnosticCodeInfo& info : diagnostic_codes()) {
    const int code = static_cast<int>(info.code);
    EXPECT_TRUE(seen.insert(code).second) << code;
    const bool routing =
        info.code == DiagnosticCode::kNoRoute || info.code == DiagnosticCode::kNoGatewayLeft;
    if (routing) {
      EXPECT_TRUE(code >= 12000 && code <= 12999) << code;
    } else {
      EXPECT_TRUE(code >= 10000 && code <= 10999) << code;
    }
    EXPECT_FALSE(info.reason.empty());
    EXPECT_EQ(info.reason.find('"'), std::string_view::npos) << "reason is a quoted string";
  }
}

TEST(DiagnosticCodes, HeaderValueNamesCodeReasonAndSource) {
  EXPECT_EQ(ms_diagnostics(DiagnosticCode::kNoRoute, "127.0.0.9"),
            "12004;reason=\"No route found\";source=\"127.0.0.9\"");
}

TEST(DiagnosticCodes, RefusalsHaveTheirOwnCodes) {
  EXPECT_EQ(refusal_code(483), DiagnosticCode::kTooManyHops);
  EXPECT_EQ(refusal_code(481), DiagnosticCode::kNoSuchDialog);
  EXPECT_EQ(refusal_code(420), DiagnosticCode::kUnsupportedExtension);
  EXPECT_EQ(refusal_code(491), DiagnosticCode::kRequestPending);
  EXPECT_EQ(refusal_code(599), DiagnosticCode::kRequestRefused);
}

TEST(DiagnosticCodes, AddedToFailuresOnlyAndNeverTwice) {
  sip::Message ok = sip::Message::response(200, "OK");
  add_ms_diagnostics(ok, DiagnosticCode::kPeerFailure, "h");
  EXPECT_FALSE(ok.header("ms-diagnostics"));
  sip::Message busy = sip::Message::response(486, "Busy Here");
  add_ms_diagnostics(busy, DiagnosticCode::kPeerFailure, "h");
  add_ms_diagnostics(busy, DiagnosticCode::kNoRoute, "h");
  EXPECT_EQ(busy.header_values("ms-diagnostics").size(), 1u);
  EXPECT_EQ(busy.header("ms-diagnostics")->substr(0, 6), "10030;");
}

constexpr std::string_view kBegin = "<!-- ms-diagnostics: begin -->\n";
constexpr std::string_view kEnd = "<!-- ms-diagnostics: end -->\n";

std::string code_list() {
  std::string out = "| Code | Reason | Sent with |\n|---|---|---|\n";
  for (const DiagnosticCodeInfo& info : diagnostic_codes()) {
    out += fmt::format("| {} | {} | {} |\n", static_cast<int>(info.code), info.reason, info.when);
  }
  return out;
}

// mediation/README.md lists every code between two markers, made from the table. When this
// fails, SIPCONF_UPDATE_README=1 and this test rewrite the list (review the diff).
TEST(DiagnosticCodes, TheReadmeListsEveryCode) {
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
  const std::string expected = code_list();
  if (readme.compare(from, end - from, expected) == 0) return;
  if (const char* update = std::getenv("SIPCONF_UPDATE_README"); update && *update == '1') {
    readme.replace(from, end - from, expected);
    std::ofstream(path, std::ios::binary | std::ios::trunc) << readme;
    GTEST_SKIP() << "rewrote the ms-diagnostics list of " << path;
  }
  ADD_FAILURE() << path << ": the ms-diagnostics list differs from mediation/diagnostic_codes.cc;"
                << " run this test with SIPCONF_UPDATE_README=1 or put this between the markers:\n"
                << expected;
}

}  // namespace
}  // namespace sipconf::mediation
