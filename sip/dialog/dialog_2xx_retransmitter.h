#pragma once

#include <functional>

#include "sip/base/timer.h"
#include "sip/transaction/transaction_timers.h"

namespace sipconf::sip {

/// The UAS core's 2xx retransmission (RFC 3261 §13.3.1.4), which RFC 6026 leaves to the TU:
/// after the 2xx to an INVITE is sent, it goes again at T1, then doubling up to T2, until the
/// ACK arrives; after 64*T1 without ACK the TU gives up (and should send BYE). End to end,
/// so it runs on reliable transports too. The INVITE server transaction stays Accepted for
/// the same 64*T1, so `retransmit` normally calls TransactionLayer::respond() with the 2xx.
class Uas2xxRetransmitter {
 public:
  Uas2xxRetransmitter(TimerService& service, const TransactionTimers& timers,
                      std::function<void()> retransmit, std::function<void()> give_up);

  /// Call once the 2xx has been sent.
  void start();
  /// The ACK for the 2xx arrived: stop.
  void acknowledged();
  bool running() const { return give_up_timer_.running(); }

 private:
  void on_retransmit();
  void on_give_up();

  TransactionTimers timers_;
  std::function<void()> retransmit_;
  std::function<void()> give_up_;
  Timer retransmit_timer_;
  Timer give_up_timer_;
};

}  // namespace sipconf::sip
