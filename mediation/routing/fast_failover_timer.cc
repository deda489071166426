#include "mediation/routing/fast_failover_timer.h"

#include <utility>

namespace sipconf::mediation {

void FastFailoverTimer::arm(const TrunkSettings& settings, std::function<void()> expired) {
  timer_.stop();
  if (!settings.enable_fast_failover_timer) return;
  timer_.start(settings.fast_failover_after, std::move(expired));
}

void FastFailoverTimer::on_response(int status) {
  if (status > 100) timer_.stop();
}

}  // namespace sipconf::mediation
