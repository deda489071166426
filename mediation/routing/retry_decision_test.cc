#include "mediation/routing/retry_decision.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

TEST(RetryDecision, ServerFailuresAndTimeoutsMoveOn) {
  for (int status : {500, 502, 503, 504, 580, 599, 408}) {
    EXPECT_TRUE(moves_to_next_trunk(status)) << status;
  }
}

TEST(RetryDecision, TheCalleesAnswersDoNot) {
  for (int status : {400, 403, 404, 480, 484, 486, 487, 488, 600, 603, 604, 606, 200, 302}) {
    EXPECT_FALSE(moves_to_next_trunk(status)) << status;
  }
}

}  // namespace
}  // namespace sipconf::mediation
