#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <utility>

#include "sip/base/timer.h"

namespace sipconf::sip {

/// A TimerService on a fake clock for unit tests: time stands still until advance(), which
/// fires every due timer in (due time, scheduling order) and moves the clock to each one's
/// due time as it runs, so a callback sees now() equal to its due time. Deterministic.
class FakeTimerService final : public TimerService {
 public:
  /// The clock starts at an arbitrary fixed point (not the epoch, so zero means "unset").
  FakeTimerService();

  SteadyTime now() const override { return now_; }
  TimerHandle schedule(std::chrono::milliseconds after, Callback callback) override;
  bool cancel(TimerHandle handle) override;
  std::size_t pending() const override { return timers_.size(); }

  /// Moves time forward by `by`, running the timers due on the way (including ones scheduled
  /// by callbacks); returns how many ran.
  std::size_t advance(std::chrono::milliseconds by);
  /// Runs the timers already due at now() (a zero-delay timer, for instance).
  std::size_t run_due() { return advance(std::chrono::milliseconds(0)); }
  /// Time from the start of this service; what tests compare against.
  std::chrono::milliseconds elapsed() const;
  /// Delay until the next pending timer, if any.
  std::optional<std::chrono::milliseconds> next_due() const;

 private:
  using Key = std::pair<SteadyTime, std::uint64_t>;  // due time, scheduling order

  SteadyTime start_;
  SteadyTime now_;
  std::uint64_t next_sequence_ = 1;
  std::map<Key, Callback> timers_;
  std::map<TimerHandle, Key> by_handle_;
};

}  // namespace sipconf::sip
