#include "sip/base/timer.h"

#include <utility>

namespace sipconf::sip {

void Timer::start(std::chrono::milliseconds after, TimerService::Callback callback) {
  stop();
  interval_ = after;
  // The handle is cleared before the callback runs so that the callback may restart the timer.
  handle_ = service_->schedule(after, [this, callback = std::move(callback)] {
    handle_ = 0;
    callback();
  });
}

void Timer::stop() {
  if (handle_ != 0) service_->cancel(std::exchange(handle_, 0));
}

}  // namespace sipconf::sip
