#pragma once

#include <atomic>
#include <memory>
#include <stop_token>
#include <thread>

namespace sipconf::harness {

/// Turns SIGINT and SIGTERM into a stop request that the run passes down to every
/// case, so a Ctrl-C stops all process groups, writes results for what finished and
/// marks the rest, instead of killing the harness mid-write. Built on
/// boost::asio::signal_set; no handler state lives in globals of ours.
class InterruptWatch {
 public:
  InterruptWatch();
  ~InterruptWatch();
  InterruptWatch(const InterruptWatch&) = delete;
  InterruptWatch& operator=(const InterruptWatch&) = delete;

  std::stop_token token() const { return stop_.get_token(); }
  /// The signal that requested the stop, or 0.
  int signal() const { return signal_.load(); }

 private:
  struct Io;
  std::unique_ptr<Io> io_;
  std::stop_source stop_;
  std::atomic<int> signal_{0};
  std::thread thread_;
};

}  // namespace sipconf::harness
