#include "simulators/options_schedule.h"

#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;

TEST(OptionsScheduleTest, AnswersChangeAtTheirTimes) {
  std::string error;
  auto schedule = OptionsSchedule::parse("200@0s,silent@5s,503@7500ms", error);
  ASSERT_TRUE(schedule) << error;
  EXPECT_EQ(schedule->at(milliseconds(0)).status, 200);
  EXPECT_EQ(schedule->at(milliseconds(4999)).status, 200);
  EXPECT_TRUE(schedule->at(milliseconds(5000)).silent());
  EXPECT_TRUE(schedule->at(milliseconds(7499)).silent());
  EXPECT_EQ(schedule->at(milliseconds(7500)).status, 503);
  EXPECT_EQ(schedule->at(milliseconds(999999)).status, 503);
  EXPECT_EQ(schedule->to_string(), "200@0ms,silent@5000ms,503@7500ms");
}

TEST(OptionsScheduleTest, StepsAreSortedAndTimeDefaultsToZero) {
  std::string error;
  auto schedule = OptionsSchedule::parse("silent@2s, 503", error);
  ASSERT_TRUE(schedule) << error;
  EXPECT_EQ(schedule->at(milliseconds(100)).status, 503);
  EXPECT_TRUE(schedule->at(milliseconds(2000)).silent());
}

TEST(OptionsScheduleTest, BeforeTheFirstStepOptionsGet200) {
  std::string error;
  auto schedule = OptionsSchedule::parse("silent@10s", error);
  ASSERT_TRUE(schedule);
  EXPECT_EQ(schedule->at(milliseconds(9000)).status, 200);
  EXPECT_EQ(OptionsSchedule().at(milliseconds(5)).status, 200);
}

TEST(OptionsScheduleTest, MalformedSchedulesSayWhy) {
  std::string error;
  EXPECT_FALSE(OptionsSchedule::parse("ok@0s", error));
  EXPECT_EQ(error, "`ok`: an OPTIONS answer is a status 200-699 or `silent`");
  EXPECT_FALSE(OptionsSchedule::parse("200@soon", error));
  EXPECT_EQ(error, "`200@soon`: the time after @ must look like 500ms or 5s");
  EXPECT_FALSE(OptionsSchedule::parse("200@0s,,503@1s", error));
  EXPECT_FALSE(OptionsSchedule::parse("99", error));
}

TEST(ParseDurationTest, UnitsAndBareMilliseconds) {
  EXPECT_EQ(parse_duration("250ms"), milliseconds(250));
  EXPECT_EQ(parse_duration("5s"), milliseconds(5000));
  EXPECT_EQ(parse_duration("1.5s"), milliseconds(1500));
  EXPECT_EQ(parse_duration("40"), milliseconds(40));
  EXPECT_FALSE(parse_duration("-1s"));
  EXPECT_FALSE(parse_duration("s"));
  EXPECT_FALSE(parse_duration("5 minutes"));
}

}  // namespace
}  // namespace sipconf::simulators
