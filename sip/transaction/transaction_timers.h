#pragma once

#include <chrono>
#include <optional>

namespace sipconf::sip {

/// The timer values of RFC 3261 §17 (Table 4) and RFC 6026. T1, T2 and T4 are the knobs;
/// every other timer derives from them, as the RFC defines, except Timer D's fixed 32 s.
struct TransactionTimers {
  /// RTT estimate: first retransmission interval (Timers A, E, G).
  std::chrono::milliseconds t1{500};
  /// Cap of the doubling retransmission interval for non-INVITE requests and final INVITE
  /// responses (Timers E, G).
  std::chrono::milliseconds t2{4000};
  /// How long the network may hold a message: Timers I and K.
  std::chrono::milliseconds t4{5000};
  /// Timer D on unreliable transports (RFC 3261: "at least 32 s").
  std::chrono::milliseconds timer_d_unreliable{32000};
  /// When an INVITE server transaction sends 100 Trying if the TU has not sent a provisional
  /// response yet: zero sends it at once (what a B2BUA does), 200 ms is §17.2.1's allowance
  /// for a TU that answers quickly, nullopt never sends one (a peer quirk to simulate).
  std::optional<std::chrono::milliseconds> trying_after{std::chrono::milliseconds(0)};

  /// 64*T1: Timers B, F, H, J, L and M, and the CANCEL guard of §9.1.
  std::chrono::milliseconds timeout() const { return 64 * t1; }
  /// Retransmission intervals are used on unreliable transports only; the wait timers below
  /// are zero on reliable ones (§17.1.1.2, §17.1.2.2, §17.2.1, §17.2.2).
  std::chrono::milliseconds timer_d(bool reliable) const {
    return reliable ? std::chrono::milliseconds(0) : timer_d_unreliable;
  }
  std::chrono::milliseconds timer_i(bool reliable) const {
    return reliable ? std::chrono::milliseconds(0) : t4;
  }
  std::chrono::milliseconds timer_j(bool reliable) const {
    return reliable ? std::chrono::milliseconds(0) : timeout();
  }
  std::chrono::milliseconds timer_k(bool reliable) const {
    return reliable ? std::chrono::milliseconds(0) : t4;
  }

  bool operator==(const TransactionTimers&) const = default;
};

}  // namespace sipconf::sip
