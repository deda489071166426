#pragma once

// A fake clock for the lab's waits (header-only; not part of the library).

#include <chrono>
#include <cstddef>

#include "harness/lab/lab_clock.h"
#include "sip/base/timer_fake.h"

namespace sipconf::harness::testing {

/// A LabClock on a fake timer service: time stands still until the code under test
/// pauses, and a pause moves it forward, running what the test scheduled on timers() on
/// the way (a fake process ending, a port starting to listen, a stop request). A case
/// then runs deterministically and in no real time.
class FakeLabClock final : public LabClock {
 public:
  sip::SteadyTime now() const override { return timers_.now(); }
  void pause(std::chrono::milliseconds duration) override {
    ++pauses_;
    timers_.advance(duration);
  }

  sip::FakeTimerService& timers() { return timers_; }
  /// Time from the clock's start.
  std::chrono::milliseconds elapsed() const { return timers_.elapsed(); }
  std::size_t pauses() const { return pauses_; }

 private:
  sip::FakeTimerService timers_;
  std::size_t pauses_ = 0;
};

}  // namespace sipconf::harness::testing
