#include "sip/base/timer_asio.h"

#include <functional>
#include <memory>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <boost/asio/io_context.hpp>

namespace sipconf::sip {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

TEST(AsioTimerService, RunsCallbacksInDueOrderAndSkipsCancelledOnes) {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  std::vector<int> fired;
  const SteadyTime start = timers.now();
  timers.schedule(milliseconds(6), [&] { fired.push_back(3); });
  timers.schedule(milliseconds(1), [&] { fired.push_back(1); });
  TimerHandle cancelled = timers.schedule(milliseconds(2), [&] { fired.push_back(99); });
  timers.schedule(milliseconds(3), [&] {
    fired.push_back(2);
    EXPECT_FALSE(timers.cancel(cancelled));  // already cancelled below
  });
  EXPECT_TRUE(timers.cancel(cancelled));
  EXPECT_EQ(timers.pending(), 3u);
  io.run();  // returns once no timer is left
  EXPECT_THAT(fired, ElementsAre(1, 2, 3));
  EXPECT_GE(timers.now() - start, milliseconds(6));
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(AsioTimerService, CallbackMayScheduleMoreTimers) {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  int depth = 0;
  std::function<void()> again = [&] {
    if (++depth < 3) timers.schedule(milliseconds(0), again);
  };
  timers.schedule(milliseconds(0), again);
  io.run();
  EXPECT_EQ(depth, 3);
}

TEST(AsioTimerService, DestroyedServiceRunsNothing) {
  boost::asio::io_context io;
  bool ran = false;
  {
    AsioTimerService timers(io);
    timers.schedule(milliseconds(0), [&] { ran = true; });
  }
  io.run();
  EXPECT_FALSE(ran);
}

TEST(AsioTimerService, TimerClassWorksOnAsio) {
  boost::asio::io_context io;
  AsioTimerService timers(io);
  Timer t(timers);
  int runs = 0;
  t.start(milliseconds(1), [&] { ++runs; });
  t.start(milliseconds(2), [&] { runs += 10; });
  io.run();
  EXPECT_EQ(runs, 10);
}

}  // namespace
}  // namespace sipconf::sip
