#include "reports/model/status.h"

#include <gtest/gtest.h>

namespace sipconf::reports {
namespace {

TEST(Status, ParsesEveryNameAndRoundTrips) {
  for (Status s : kAllStatuses) {
    auto parsed = parse_status(status_name(s));
    ASSERT_TRUE(parsed.has_value()) << status_name(s);
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_FALSE(parse_status("pass"));
  EXPECT_FALSE(parse_status("PASSED"));
  EXPECT_FALSE(parse_status(""));
}

TEST(Status, FailureBitFollowsLit) {
  EXPECT_FALSE(fails_run(Status::kPass));
  EXPECT_FALSE(fails_run(Status::kXfail));
  EXPECT_FALSE(fails_run(Status::kSkip));
  EXPECT_TRUE(fails_run(Status::kFail));
  EXPECT_TRUE(fails_run(Status::kXpass));
  EXPECT_TRUE(fails_run(Status::kTimeout));
  EXPECT_TRUE(fails_run(Status::kCrash));
  EXPECT_TRUE(fails_run(Status::kError));
  // ERROR fails the run but is never a product failure.
  EXPECT_FALSE(is_product_failure(Status::kError));
  EXPECT_TRUE(is_product_failure(Status::kCrash));
}

TEST(Status, AttentionOrderPutsBreakageFirst) {
  EXPECT_LT(attention_rank(Status::kCrash), attention_rank(Status::kFail));
  EXPECT_LT(attention_rank(Status::kFail), attention_rank(Status::kError));
  EXPECT_LT(attention_rank(Status::kError), attention_rank(Status::kXfail));
  EXPECT_LT(attention_rank(Status::kSkip), attention_rank(Status::kPass));
  EXPECT_EQ(status_token(Status::kXpass), "xpass");
}

}  // namespace
}  // namespace sipconf::reports
