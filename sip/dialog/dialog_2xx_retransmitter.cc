#include "sip/dialog/dialog_2xx_retransmitter.h"

#include <algorithm>
#include <utility>

namespace sipconf::sip {

Uas2xxRetransmitter::Uas2xxRetransmitter(TimerService& service, const TransactionTimers& timers,
                                         std::function<void()> retransmit,
                                         std::function<void()> give_up)
    : timers_(timers),
      retransmit_(std::move(retransmit)),
      give_up_(std::move(give_up)),
      retransmit_timer_(service),
      give_up_timer_(service) {}

void Uas2xxRetransmitter::start() {
  retransmit_timer_.start(timers_.t1, [this] { on_retransmit(); });
  give_up_timer_.start(timers_.timeout(), [this] { on_give_up(); });
}

void Uas2xxRetransmitter::acknowledged() {
  retransmit_timer_.stop();
  give_up_timer_.stop();
}

void Uas2xxRetransmitter::on_retransmit() {
  // Restarted before the callback so that a callback that acknowledges or destroys us
  // leaves nothing behind.
  retransmit_timer_.start(std::min(2 * retransmit_timer_.interval(), timers_.t2),
                          [this] { on_retransmit(); });
  retransmit_();
}

void Uas2xxRetransmitter::on_give_up() {
  retransmit_timer_.stop();
  give_up_();
}

}  // namespace sipconf::sip
