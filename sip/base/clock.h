#pragma once

#include <chrono>

namespace sipconf::sip {

/// The time base of every SIP timer: monotonic, so that wall-clock jumps never fire or
/// delay a retransmission.
using SteadyTime = std::chrono::steady_clock::time_point;

/// Where state machines read the time. Injected, so that tests run on a fake clock.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual SteadyTime now() const = 0;
};

/// std::chrono::steady_clock behind the Clock interface.
class SteadyClock final : public Clock {
 public:
  SteadyTime now() const override { return std::chrono::steady_clock::now(); }
};

}  // namespace sipconf::sip
