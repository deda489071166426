#include "sip/dialog/dialog_2xx_retransmitter.h"

#include <memory>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sip/base/timer_fake.h"

namespace sipconf::sip {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

TEST(Uas2xxRetransmitter, RetransmitsDoublingToT2UntilGivingUpAt64T1) {
  FakeTimerService timers;
  std::vector<long> sends;
  long gave_up_at = -1;
  Uas2xxRetransmitter r(
      timers, TransactionTimers{}, [&] { sends.push_back(timers.elapsed().count()); },
      [&] { gave_up_at = timers.elapsed().count(); });
  r.start();
  timers.advance(milliseconds(40000));
  EXPECT_THAT(sends, ElementsAre(500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500));
  EXPECT_EQ(gave_up_at, 32000);
  EXPECT_FALSE(r.running());
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(Uas2xxRetransmitter, AckStopsEverything) {
  FakeTimerService timers;
  int sends = 0;
  bool gave_up = false;
  Uas2xxRetransmitter r(
      timers, TransactionTimers{}, [&] { ++sends; }, [&] { gave_up = true; });
  r.start();
  timers.advance(milliseconds(2000));
  r.acknowledged();
  timers.advance(milliseconds(60000));
  EXPECT_EQ(sends, 2);
  EXPECT_FALSE(gave_up);
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(Uas2xxRetransmitter, OwnerMayDestroyItFromTheGiveUpCallback) {
  FakeTimerService timers;
  std::unique_ptr<Uas2xxRetransmitter> r;
  r = std::make_unique<Uas2xxRetransmitter>(
      timers, TransactionTimers{}, [] {}, [&] { r.reset(); });
  r->start();
  timers.advance(milliseconds(32000));
  EXPECT_EQ(r, nullptr);
  EXPECT_EQ(timers.pending(), 0u);
}

}  // namespace
}  // namespace sipconf::sip
