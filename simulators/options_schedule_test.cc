#include "simulators/options_schedule.h"

#include <gtest/gtest.h>

#include "simulators/sipsim_error.h"

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;

TEST(OptionsScheduleTest, AnswersChangeAtTheirTimes) {
  base::Diagnostics diags;
  auto schedule = OptionsSchedule::parse("200@0s,silent@5s,503@7500ms", {}, diags);
  ASSERT_TRUE(schedule);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(schedule->at(milliseconds(0)).status, 200);
  EXPECT_EQ(schedule->at(milliseconds(4999)).status, 200);
  EXPECT_TRUE(schedule->at(milliseconds(5000)).silent());
  EXPECT_TRUE(schedule->at(milliseconds(7499)).silent());
  EXPECT_EQ(schedule->at(milliseconds(7500)).status, 503);
  EXPECT_EQ(schedule->at(milliseconds(999999)).status, 503);
  EXPECT_EQ(schedule->to_string(), "200@0s,silent@5s,503@7500ms");
}

TEST(OptionsScheduleTest, StepsAreSortedAndTimeDefaultsToZero) {
  base::Diagnostics diags;
  auto schedule = OptionsSchedule::parse("silent@2s, 503", {}, diags);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->at(milliseconds(100)).status, 503);
  EXPECT_TRUE(schedule->at(milliseconds(2000)).silent());
}

TEST(OptionsScheduleTest, BeforeTheFirstStepOptionsGet200) {
  base::Diagnostics diags;
  auto schedule = OptionsSchedule::parse("silent@10s", {}, diags);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->at(milliseconds(9000)).status, 200);
  EXPECT_EQ(OptionsSchedule().at(milliseconds(5)).status, 200);
}

TEST(OptionsScheduleTest, MalformedSchedulesSayWhy) {
  const base::SourceLocation where{"uas.xml", 7, 0};
  base::Diagnostics diags;
  EXPECT_EQ(OptionsSchedule::parse("ok@0s", where, diags).error(), SipsimErrc::kBadOptionsSchedule);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "uas.xml:7: `ok`: an OPTIONS answer is a status 200-699 or `silent`");
  diags.clear();
  EXPECT_FALSE(OptionsSchedule::parse("200@soon", where, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "`200@soon`: `soon` is not a duration (write e.g. 500ms, 3s, 2min)");
  EXPECT_FALSE(OptionsSchedule::parse("200@0s,,503@1s", where, diags));
  EXPECT_FALSE(OptionsSchedule::parse("99", where, diags));
  EXPECT_EQ(diags.size(), 3u);

  // The form the behaviour keys still call says the same.
  std::string error;
  EXPECT_FALSE(OptionsSchedule::parse("ok@0s", error));
  EXPECT_EQ(error, "`ok`: an OPTIONS answer is a status 200-699 or `silent`");
}

TEST(OptionsScheduleTest, TimesTakeTheOneDurationSyntax) {
  base::Diagnostics diags;
  auto schedule = OptionsSchedule::parse("200@0s,silent@1.5s,503@2min", {}, diags);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->to_string(), "200@0s,silent@1500ms,503@2min");
  EXPECT_FALSE(OptionsSchedule::parse("200@0s,silent@5000", {"uas.xml", 3, 0}, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "uas.xml:3: `silent@5000`: `5000` has no unit (a bare number no longer means ms): "
            "write 5000ms");
}

}  // namespace
}  // namespace sipconf::simulators
