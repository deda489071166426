#include "harness/lab/lab_error.h"

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

TEST(LabError, IsAnErrorCodeEnumWithItsOwnCategory) {
  const std::error_code ec = LabErrc::kSutNotListening;
  EXPECT_EQ(ec.category().name(), std::string("lab"));
  EXPECT_EQ(ec.message(), "the SUT did not listen in time");
  EXPECT_EQ(std::error_code(LabErrc::kCertificateFailed).message(),
            "cannot make a TLS key or certificate");
  EXPECT_NE(ec, std::make_error_code(std::errc::timed_out));
}

TEST(LabError, EveryCodeHasAMessage) {
  for (int v = static_cast<int>(LabErrc::kCertificateFailed);
       v <= static_cast<int>(LabErrc::kBadRunOption); ++v) {
    const std::error_code ec(v, lab_category());
    EXPECT_NE(ec.message(), "unknown lab error") << v;
  }
  EXPECT_EQ(std::error_code(0, lab_category()).message(), "unknown lab error");
}

}  // namespace
}  // namespace sipconf::harness
