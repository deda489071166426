#include "sip/base/timer_fake.h"

#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sipconf::sip {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

TEST(FakeTimerService, FiresDueTimersInOrderAtTheirDueTime) {
  FakeTimerService timers;
  std::vector<std::string> log;
  auto record = [&](std::string name) {
    return [&log, &timers, name] {
      log.push_back(name + "@" + std::to_string(timers.elapsed().count()));
    };
  };
  timers.schedule(milliseconds(300), record("c"));
  timers.schedule(milliseconds(100), record("a"));
  timers.schedule(milliseconds(100), record("b"));  // same instant: scheduling order
  EXPECT_EQ(timers.advance(milliseconds(99)), 0u);
  EXPECT_EQ(timers.advance(milliseconds(250)), 3u);
  EXPECT_THAT(log, ElementsAre("a@100", "b@100", "c@300"));
  EXPECT_EQ(timers.elapsed(), milliseconds(349));
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(FakeTimerService, CallbacksMayScheduleAndCancel) {
  FakeTimerService timers;
  std::vector<long> fired;
  TimerHandle victim = 0;
  timers.schedule(milliseconds(10), [&] {
    fired.push_back(timers.elapsed().count());
    timers.schedule(milliseconds(5), [&] { fired.push_back(timers.elapsed().count()); });
    EXPECT_TRUE(timers.cancel(victim));
  });
  victim = timers.schedule(milliseconds(12), [&] { fired.push_back(-1); });
  timers.advance(milliseconds(100));
  EXPECT_THAT(fired, ElementsAre(10, 15));
  EXPECT_FALSE(timers.cancel(victim));
}

TEST(FakeTimerService, ZeroAndNegativeDelaysRunOnRunDue) {
  FakeTimerService timers;
  int runs = 0;
  timers.schedule(milliseconds(0), [&] { ++runs; });
  timers.schedule(milliseconds(-5), [&] { ++runs; });
  EXPECT_EQ(runs, 0);  // never from inside schedule()
  EXPECT_EQ(timers.next_due(), milliseconds(0));
  EXPECT_EQ(timers.run_due(), 2u);
  EXPECT_EQ(runs, 2);
  EXPECT_EQ(timers.next_due(), std::nullopt);
}

TEST(Timer, RestartReplacesAndDestructionCancels) {
  FakeTimerService timers;
  std::vector<long> fired;
  {
    Timer t(timers);
    t.start(milliseconds(100), [&] { fired.push_back(1); });
    t.start(milliseconds(200), [&] { fired.push_back(2); });
    EXPECT_EQ(timers.pending(), 1u);
    EXPECT_EQ(t.interval(), milliseconds(200));
    timers.advance(milliseconds(150));
    EXPECT_TRUE(t.running());
    timers.advance(milliseconds(50));
    EXPECT_FALSE(t.running());
    t.start(milliseconds(100), [&] { fired.push_back(3); });
  }
  EXPECT_EQ(timers.pending(), 0u);
  timers.advance(milliseconds(1000));
  EXPECT_THAT(fired, ElementsAre(2));
}

TEST(Timer, CallbackMayRestartItsOwnTimer) {
  FakeTimerService timers;
  Timer t(timers);
  std::vector<long> fired;
  std::function<void()> tick = [&] {
    fired.push_back(timers.elapsed().count());
    if (fired.size() < 4) t.start(2 * t.interval(), tick);
  };
  t.start(milliseconds(10), tick);
  timers.advance(milliseconds(1000));
  EXPECT_THAT(fired, ElementsAre(10, 30, 70, 150));
}

}  // namespace
}  // namespace sipconf::sip
