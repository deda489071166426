#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "sip/base/clock.h"

namespace sipconf::sip {

/// Names one scheduled callback; 0 is "no timer".
using TimerHandle = std::uint64_t;

/// Runs callbacks after a delay. Every SIP timer (A-M, 100 Trying, 2xx retransmission) goes
/// through this interface so that the state machines run unchanged on Boost.Asio
/// (AsioTimerService) and on a fake clock in tests (FakeTimerService).
///
/// Single-threaded: callbacks run on the thread that drives the service, never from inside
/// schedule() or cancel(). A callback may schedule and cancel timers, itself included.
class TimerService : public Clock {
 public:
  using Callback = std::function<void()>;

  /// Runs `callback` once, `after` from now (a negative delay counts as zero). Timers due at
  /// the same instant run in the order they were scheduled.
  virtual TimerHandle schedule(std::chrono::milliseconds after, Callback callback) = 0;
  /// Stops a pending timer; false if it already ran, was cancelled, or never existed.
  virtual bool cancel(TimerHandle handle) = 0;
  /// Timers scheduled and neither run nor cancelled.
  virtual std::size_t pending() const = 0;
};

/// A one-shot timer owned by a state machine: starting it again replaces the pending run,
/// and destroying it cancels it, so no callback outlives its owner.
class Timer {
 public:
  explicit Timer(TimerService& service) : service_(&service) {}
  ~Timer() { stop(); }
  Timer(const Timer&) = delete;
  Timer& operator=(const Timer&) = delete;

  /// (Re)starts the timer; a pending run is cancelled first.
  void start(std::chrono::milliseconds after, TimerService::Callback callback);
  void stop();
  bool running() const { return handle_ != 0; }
  /// The delay given to the last start(); lets a retransmission timer double its interval.
  std::chrono::milliseconds interval() const { return interval_; }

 private:
  TimerService* service_;
  TimerHandle handle_ = 0;
  std::chrono::milliseconds interval_{0};
};

}  // namespace sipconf::sip
