#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "harness/analysis/transaction_index.h"
#include "harness/capture/ip_endpoint.h"
#include "harness/capture/sip_message_facts.h"

namespace sipconf::harness {

/// One dialog of a leg (RFC 3261 §12), named by the tag the called side put in To.
struct DialogState {
  std::string remote_tag;
  std::size_t early = kNoIndex;        ///< First 101-199 with this tag.
  std::size_t established = kNoIndex;  ///< First 2xx to the initial INVITE with this tag.
  std::size_t ended = kNoIndex;        ///< 2xx to a BYE of this dialog.
};

/// Every message of one Call-ID between two elements on one hop: a call leg when it
/// began with an INVITE, else a registration, an OPTIONS ping, ... A B2BUA's call has
/// one leg per side (two Call-IDs); a proxied call has one leg per hop with the same
/// Call-ID.
struct CallLeg {
  std::size_t index = 0;
  std::string call_id;
  std::string method;  ///< Of the first request seen (INVITE for a call).
  Endpoint caller;     ///< Sender of the first request.
  Endpoint callee;
  std::string caller_tag;
  std::string calling_user;  ///< From user of the first request.
  std::string called_user;   ///< Request-URI user of the first request.
  std::vector<std::size_t> messages;
  std::vector<std::size_t> transactions;
  std::size_t first_invite = kNoIndex;  ///< First initial INVITE (no To tag).
  uint64_t first_invite_ns = 0;
  std::size_t first_ringing = kNoIndex;  ///< First 18x to an initial INVITE.
  std::size_t first_success = kNoIndex;  ///< First 2xx to an initial INVITE.
  std::size_t last_final = kNoIndex;     ///< Last final response to an initial INVITE.
  std::size_t bye = kNoIndex;            ///< First BYE.
  std::size_t bye_success = kNoIndex;    ///< First 2xx to a BYE.
  std::vector<DialogState> dialogs;
  uint64_t first_ns = 0;
  uint64_t last_ns = 0;
  /// An INVITE or a response to one was seen (a capture may begin mid-call).
  bool invite_seen = false;

  bool is_call() const { return invite_seen; }
  /// Answered, and hung up with a BYE that was accepted.
  bool completed() const { return first_success != kNoIndex && bye_success != kNoIndex; }
};

/// Puts each message in its leg, in capture order. A message joins the leg of its
/// transaction; otherwise the leg with its Call-ID between the same two IP addresses,
/// except that a request outside a dialog sent the other way starts a new leg (a proxy
/// that hairpins a call back to the host it came from); when several such legs exist
/// the one whose direction fits: a request carrying the caller's From tag travels
/// caller to callee.
class DialogIndex {
 public:
  /// Returns the leg index of the message.
  std::size_t add(const SipMessageFacts& facts, const Endpoint& src, const Endpoint& dst,
                  uint64_t timestamp_ns, std::size_t message_index,
                  const TransactionPlacement& placement, const TransactionIndex& transactions);

  const std::vector<CallLeg>& legs() const { return legs_; }
  const CallLeg& at(std::size_t index) const { return legs_[index]; }

 private:
  std::size_t choose_leg(const SipMessageFacts& facts, const Endpoint& src, const Endpoint& dst);
  std::size_t create_leg(const SipMessageFacts& facts, const Endpoint& src, const Endpoint& dst);
  DialogState& dialog(CallLeg& leg, const std::string& remote_tag);
  void record(CallLeg& leg, const SipMessageFacts& facts, uint64_t timestamp_ns,
              std::size_t message_index, const TransactionPlacement& placement,
              const Transaction& transaction);

  std::vector<CallLeg> legs_;
  std::unordered_map<std::string, std::vector<std::size_t>> by_call_id_;
  std::vector<std::size_t> leg_of_transaction_;
  /// Per transaction: its request had no To tag (it may create a dialog).
  std::vector<bool> initial_;
};

}  // namespace sipconf::harness
