#pragma once

#include <memory>

#include <boost/asio/io_context.hpp>

#include "sip/base/timer.h"

namespace sipconf::sip {

/// TimerService on a Boost.Asio io_context (one steady_timer per scheduled callback).
/// Callbacks run from io_context::run() on its thread; the service must be used from that
/// thread only. Destroying the service cancels every pending timer; handlers still queued in
/// the io_context then do nothing.
class AsioTimerService final : public TimerService {
 public:
  explicit AsioTimerService(boost::asio::io_context& io);
  ~AsioTimerService() override;
  AsioTimerService(const AsioTimerService&) = delete;
  AsioTimerService& operator=(const AsioTimerService&) = delete;

  SteadyTime now() const override { return std::chrono::steady_clock::now(); }
  TimerHandle schedule(std::chrono::milliseconds after, Callback callback) override;
  bool cancel(TimerHandle handle) override;
  std::size_t pending() const override;

 private:
  struct State;
  boost::asio::io_context& io_;
  std::shared_ptr<State> state_;
};

}  // namespace sipconf::sip
