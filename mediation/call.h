#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mediation/metrics.h"
#include "mediation/peer_directory.h"
#include "mediation/routing/fast_failover_timer.h"
#include "mediation/routing/route_table.h"
#include "mediation/runtime_config.h"
#include "sip/base/clock.h"
#include "sip/dialog/dialog.h"
#include "sip/dialog/dialog_2xx_retransmitter.h"
#include "sip/message/message.h"
#include "sip/transaction/transaction.h"

namespace sipconf::mediation {

/// Which leg of a call: the caller's (we are its UAS) or the callee's (we are its UAC).
enum class LegRole : std::uint8_t { caller = 0, callee = 1 };
inline LegRole other(LegRole role) {
  return role == LegRole::caller ? LegRole::callee : LegRole::caller;
}
std::string_view to_string(LegRole role);

/// Where a call is. The caller leg's INVITE is answered once (final_sent); the callee leg's
/// INVITE ends once (final_received); the call is over when both happened and no dialog of
/// it is alive.
enum class CallState : std::uint8_t {
  proceeding,  ///< INVITE sent on the callee leg, no final response yet
  answered,    ///< 2xx relayed to the caller, waiting for its ACK
  active,      ///< confirmed on both legs
  ending,      ///< cancelled, failed or hung up: winding down
};
std::string_view to_string(CallState state);

/// One side of a call: whom it reaches and the identifiers and dialog state the B2BUA keeps
/// for it. Each leg has its own Call-ID, tags and CSeq (a B2BUA is two UAs back to back).
struct Leg {
  /// Where the leg goes; points into the call's RuntimeConfig, which the call keeps alive.
  const LegAddress* address = nullptr;
  std::string call_id;
  std::string
      tag;  ///< our tag: From tag on the callee leg, answered fork's To tag on the caller leg
  std::string remote_tag;         ///< the caller's From tag (caller leg only: callee forks vary)
  sip::Dialog* dialog = nullptr;  ///< the confirmed dialog (owned by the B2BUA's DialogTable)
  /// A 2xx to an INVITE received on this leg, ACKed once the other leg ACKs our relayed 2xx
  /// (so an answer in that ACK reaches this leg, late offer included).
  std::unique_ptr<sip::Message> unacked_2xx;
  /// Our own 2xx on this leg, resent until the peer ACKs it (RFC 3261 §13.3.1.4).
  std::unique_ptr<sip::Uas2xxRetransmitter> retransmitter;
  sip::TransactionId retransmit_tx = 0;
  /// CSeq of the last 2xx we ACKed on this leg: its retransmissions are re-ACKed.
  std::optional<std::uint32_t> acked_cseq;
};

/// An early dialog the callee leg forked into, and the caller-leg tag that represents it
/// (forked early dialogs reach the caller as distinct early dialogs, MD-04 / TC-06).
struct Fork {
  std::string callee_tag;
  std::string caller_tag;
  bool relayed = false;  ///< an 18x of it reached the caller (false past MaxEarlyDialogs)
};

/// An attempt on a trunk that the fast failover timer gave up on (TC-11): cancelled, but its
/// transaction lives on until the trunk answers the CANCEL (or Timer B), and a 2xx crossing
/// the CANCEL must still be ACKed and hung up from that trunk's address.
struct AbandonedAttempt {
  sip::TransactionId tx = 0;
  std::size_t trunk = 0;
  std::string call_id;
  std::string tag;
  bool ended = false;  ///< its transaction is gone
};

/// One call through the B2BUA. Owned by the B2BUA; found from transactions and dialogs by id.
struct Call {
  std::uint64_t id = 0;
  std::shared_ptr<const RuntimeConfig> config;  ///< the configuration the call started under
  std::size_t trunk = 0;                        ///< the trunk the call goes through
  Direction outbound = Direction::to_trunk;     ///< to_trunk: the internal side called
  CallState state = CallState::proceeding;
  std::array<Leg, 2> legs;
  sip::TransactionId caller_invite = 0;  ///< server transaction of the caller's INVITE
  sip::TransactionId callee_invite = 0;  ///< client transaction of our INVITE
  bool final_sent = false;               ///< the caller's INVITE got its final response
  bool final_received = false;           ///< our INVITE got its final response (or failed)
  bool cancelled = false;                ///< the caller cancelled
  std::vector<Fork> forks;
  RouteCandidates candidates;  ///< outbound calls: trunks left to try (front = current)
  std::size_t attempt = 0;     ///< index into candidates.trunks
  /// TC-11: runs while the current attempt on a trunk has shown no progress.
  std::unique_ptr<FastFailoverTimer> failover;
  std::vector<AbandonedAttempt> abandoned;
  bool provisional_relayed = false;
  /// Server transactions of in-dialog requests still being relayed to the other leg.
  std::vector<sip::TransactionId> relays;
  /// Client transactions of relayed re-INVITEs without a final response: a 2xx to one must
  /// still be ACKed, so the call stays until they end.
  std::vector<sip::TransactionId> pending_invites;
  std::optional<CallResult> result;
  sip::SteadyTime started{};
  /// The caller's INVITE after the media hook: what a retry on the next trunk sends again.
  std::string offer;
  std::string offer_type;

  Leg& leg(LegRole role) { return legs[static_cast<std::size_t>(role)]; }
  const Leg& leg(LegRole role) const { return legs[static_cast<std::size_t>(role)]; }
  /// "c<id>", what logs show.
  std::string name() const { return "c" + std::to_string(id); }
  /// The direction a message sent on `role`'s leg travels.
  Direction toward(LegRole role) const {
    const bool internal = leg(role).address->peer.side == Side::internal;
    return internal ? Direction::to_internal : Direction::to_trunk;
  }
  Fork* fork_by_callee_tag(std::string_view tag);
  /// The header policy for messages sent on `role`'s leg: that leg's own trunk's policy
  /// toward a trunk (so inter-trunk calls follow each trunk's switches), the call's trunk's
  /// toward the internal side.
  const HeaderPolicy& policy_toward(LegRole role) const {
    const Peer& peer = leg(role).address->peer;
    if (peer.side == Side::trunk) return config->policy(peer.trunk, Direction::to_trunk);
    return config->policy(trunk, Direction::to_internal);
  }
};

/// The user data a B2BUA stores in a dialog: call id and leg.
inline std::uint64_t dialog_tag(std::uint64_t call, LegRole role) {
  return (call << 1) | static_cast<std::uint64_t>(role);
}
inline std::uint64_t call_of_dialog(std::uint64_t data) { return data >> 1; }
inline LegRole role_of_dialog(std::uint64_t data) { return static_cast<LegRole>(data & 1); }

}  // namespace sipconf::mediation
