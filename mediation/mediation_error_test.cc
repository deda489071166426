#include "mediation/mediation_error.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

TEST(MediationError, IsAnErrorCodeEnumWithItsOwnCategory) {
  const std::error_code ec = MediationErrc::kCannotOpenLogFile;
  EXPECT_EQ(ec.category().name(), std::string("mediation"));
  EXPECT_EQ(ec.message(), "cannot open the log file");
  EXPECT_EQ(std::error_code(0, mediation_category()).message(), "unknown mediation error");
}

}  // namespace
}  // namespace sipconf::mediation
