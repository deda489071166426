#pragma once

#include <chrono>
#include <functional>

#include "mediation/config/trunk_settings.h"
#include "sip/base/timer.h"

namespace sipconf::mediation {

/// TC-11 and decision 5: an INVITE sent to a trunk whose EnableFastFailoverTimer is on must
/// show progress within `fast-failover-after` (Lync's 10 s): a 180, a 183 (any provisional
/// but 100 Trying) or a final response stops the timer; if it runs out, the call moves on
/// (the B2BUA cancels the attempt and tries the next candidate). With the parameter off,
/// arming does nothing: no cut-off.
class FastFailoverTimer {
 public:
  explicit FastFailoverTimer(sip::TimerService& timers) : timer_(timers) {}

  /// Starts the timer for an INVITE toward a trunk with `settings`; `expired` runs once when
  /// nothing stopped it in time. Arming again replaces the previous run.
  void arm(const TrunkSettings& settings, std::function<void()> expired);
  /// A response to that INVITE: anything but 100 Trying shows progress.
  void on_response(int status);
  void stop() { timer_.stop(); }
  bool running() const { return timer_.running(); }

 private:
  sip::Timer timer_;
};

}  // namespace sipconf::mediation
