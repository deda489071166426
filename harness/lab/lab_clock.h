#pragma once

#include <chrono>

#include "sip/base/clock.h"

namespace sipconf::harness {

/// Where the lab's synchronous waits (a UAS to listen, a case to end, a process to exit
/// after SIGTERM) read the time and pause between polls. Injected, so that the case
/// runner's state machine runs on a fake clock in tests, without real sleeps.
class LabClock : public sip::Clock {
 public:
  /// Lets `duration` pass before the next poll: the real clock sleeps, a fake one moves
  /// its time forward (and with it whatever the test scheduled).
  virtual void pause(std::chrono::milliseconds duration) = 0;
};

/// The steady clock and a real sleep. Stateless, so the cases a run executes in
/// parallel share one.
class RealLabClock final : public LabClock {
 public:
  sip::SteadyTime now() const override { return std::chrono::steady_clock::now(); }
  void pause(std::chrono::milliseconds duration) override;
};

}  // namespace sipconf::harness
