#include "sip/base/timer_asio.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include <boost/asio/steady_timer.hpp>

namespace sipconf::sip {

struct AsioTimerService::State {
  struct Entry {
    explicit Entry(boost::asio::io_context& io) : timer(io) {}
    boost::asio::steady_timer timer;
    Callback callback;
  };
  std::unordered_map<TimerHandle, std::unique_ptr<Entry>> entries;
  TimerHandle next_handle = 1;
};

AsioTimerService::AsioTimerService(boost::asio::io_context& io)
    : io_(io), state_(std::make_shared<State>()) {}

AsioTimerService::~AsioTimerService() {
  for (auto& [handle, entry] : state_->entries) entry->timer.cancel();
}

TimerHandle AsioTimerService::schedule(std::chrono::milliseconds after, Callback callback) {
  TimerHandle handle = state_->next_handle++;
  auto entry = std::make_unique<State::Entry>(io_);
  entry->callback = std::move(callback);
  entry->timer.expires_after(std::max(after, std::chrono::milliseconds(0)));
  // The handler holds the state weakly: a handler that the io_context runs after the service
  // is gone, or after cancel() (the expiry may already be queued), finds nothing to run.
  entry->timer.async_wait(
      [weak = std::weak_ptr<State>(state_), handle](const boost::system::error_code& ec) {
        if (ec) return;
        auto state = weak.lock();
        if (!state) return;
        auto it = state->entries.find(handle);
        if (it == state->entries.end()) return;
        std::unique_ptr<State::Entry> fired = std::move(it->second);
        state->entries.erase(it);
        fired->callback();
      });
  state_->entries.emplace(handle, std::move(entry));
  return handle;
}

bool AsioTimerService::cancel(TimerHandle handle) {
  auto it = state_->entries.find(handle);
  if (it == state_->entries.end()) return false;
  it->second->timer.cancel();
  state_->entries.erase(it);
  return true;
}

std::size_t AsioTimerService::pending() const { return state_->entries.size(); }

}  // namespace sipconf::sip
