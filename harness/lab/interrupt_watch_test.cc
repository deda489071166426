#include "harness/lab/interrupt_watch.h"

#include <signal.h>

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace sipconf::harness {
namespace {

TEST(InterruptWatch, ASigtermBecomesAStopRequest) {
  InterruptWatch watch;
  const std::stop_token token = watch.token();
  EXPECT_FALSE(token.stop_requested());
  ASSERT_EQ(::raise(SIGTERM), 0);
  for (int i = 0; i < 500 && !token.stop_requested(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  EXPECT_TRUE(token.stop_requested());
  EXPECT_EQ(watch.signal(), SIGTERM);
}

TEST(InterruptWatch, NoSignalNoStop) {
  InterruptWatch watch;
  EXPECT_FALSE(watch.token().stop_requested());
  EXPECT_EQ(watch.signal(), 0);
}

}  // namespace
}  // namespace sipconf::harness
