#include "sip/base/timer_fake.h"

#include <algorithm>

namespace sipconf::sip {

FakeTimerService::FakeTimerService()
    : start_(SteadyTime() + std::chrono::hours(1000)), now_(start_) {}

TimerHandle FakeTimerService::schedule(std::chrono::milliseconds after, Callback callback) {
  after = std::max(after, std::chrono::milliseconds(0));
  TimerHandle handle = next_sequence_++;
  Key key{now_ + after, handle};
  timers_.emplace(key, std::move(callback));
  by_handle_.emplace(handle, key);
  return handle;
}

bool FakeTimerService::cancel(TimerHandle handle) {
  auto it = by_handle_.find(handle);
  if (it == by_handle_.end()) return false;
  timers_.erase(it->second);
  by_handle_.erase(it);
  return true;
}

std::size_t FakeTimerService::advance(std::chrono::milliseconds by) {
  const SteadyTime target = now_ + std::max(by, std::chrono::milliseconds(0));
  std::size_t ran = 0;
  while (!timers_.empty() && timers_.begin()->first.first <= target) {
    auto it = timers_.begin();
    now_ = it->first.first;
    by_handle_.erase(it->first.second);
    // Moved out before running: the callback may cancel or schedule timers, or destroy the
    // object that owns it.
    Callback callback = std::move(it->second);
    timers_.erase(it);
    callback();
    ++ran;
  }
  now_ = target;
  return ran;
}

std::chrono::milliseconds FakeTimerService::elapsed() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(now_ - start_);
}

std::optional<std::chrono::milliseconds> FakeTimerService::next_due() const {
  if (timers_.empty()) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::milliseconds>(timers_.begin()->first.first - now_);
}

}  // namespace sipconf::sip
