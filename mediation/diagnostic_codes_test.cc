#include "mediation/diagnostic_codes.h"

#include <set>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "base/build_paths.h"
#include "mediation/config/readme_list_test_support.h"

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

// mediation/README.md lists every code between two markers, made from the table.
TEST(DiagnosticCodes, TheReadmeListsEveryCode) {
  testing::expect_readme_list(base::source_dir().string() + "/mediation/README.md", kBegin, kEnd,
                              code_list(), "ms-diagnostics list", "mediation/diagnostic_codes.cc");
}

}  // namespace
}  // namespace sipconf::mediation
