#include "mediation/routing/fast_failover_timer.h"

#include <gtest/gtest.h>

#include "sip/base/timer_fake.h"

namespace sipconf::mediation {
namespace {

using std::chrono::milliseconds;

class FastFailoverTimerTest : public ::testing::Test {
 protected:
  void arm() {
    timer.arm(settings, [this] { expired_at.push_back(clock.elapsed()); });
  }
  sip::FakeTimerService clock;
  FastFailoverTimer timer{clock};
  TrunkSettings settings;  // Lync's defaults: on, 10 s
  std::vector<milliseconds> expired_at;
};

TEST_F(FastFailoverTimerTest, SilenceRunsOutAfterTenSecondsByDefault) {
  arm();
  clock.advance(milliseconds(9999));
  EXPECT_TRUE(expired_at.empty());
  clock.advance(milliseconds(1));
  EXPECT_EQ(expired_at, (std::vector<milliseconds>{milliseconds(10000)}));
  EXPECT_FALSE(timer.running());
}

TEST_F(FastFailoverTimerTest, HundredTryingIsNoProgress) {
  settings.fast_failover_after = milliseconds(2000);
  arm();
  clock.advance(milliseconds(100));
  timer.on_response(100);
  clock.advance(milliseconds(1900));
  EXPECT_EQ(expired_at, (std::vector<milliseconds>{milliseconds(2000)}));
}

TEST_F(FastFailoverTimerTest, RingingSessionProgressOrAFinalStopIt) {
  for (int status : {180, 181, 183, 200, 486, 503}) {
    arm();
    clock.advance(milliseconds(5000));
    timer.on_response(status);
    EXPECT_FALSE(timer.running()) << status;
    clock.advance(milliseconds(20000));
    EXPECT_TRUE(expired_at.empty()) << status;
  }
}

TEST_F(FastFailoverTimerTest, OffMeansNoCutOff) {
  settings.enable_fast_failover_timer = false;
  arm();
  EXPECT_FALSE(timer.running());
  clock.advance(milliseconds(60000));
  EXPECT_TRUE(expired_at.empty());
}

TEST_F(FastFailoverTimerTest, ArmingAgainRestartsForTheNextAttempt) {
  settings.fast_failover_after = milliseconds(1000);
  arm();
  clock.advance(milliseconds(1000));
  arm();
  clock.advance(milliseconds(999));
  EXPECT_EQ(expired_at.size(), 1u);
  clock.advance(milliseconds(1));
  EXPECT_EQ(expired_at, (std::vector<milliseconds>{milliseconds(1000), milliseconds(2000)}));
}

TEST_F(FastFailoverTimerTest, DestroyingItCancels) {
  {
    FastFailoverTimer scoped(clock);
    scoped.arm(settings, [this] { expired_at.push_back(clock.elapsed()); });
  }
  clock.advance(milliseconds(20000));
  EXPECT_TRUE(expired_at.empty());
  EXPECT_EQ(clock.pending(), 0u);
}

}  // namespace
}  // namespace sipconf::mediation
