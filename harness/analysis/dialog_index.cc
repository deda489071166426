#include "harness/analysis/dialog_index.h"

namespace sipconf::harness {
namespace {

bool same_pair(const CallLeg& leg, const Endpoint& src, const Endpoint& dst) {
  return (leg.caller.ip == src.ip && leg.callee.ip == dst.ip) ||
         (leg.caller.ip == dst.ip && leg.callee.ip == src.ip);
}

}  // namespace

std::size_t DialogIndex::create_leg(const SipMessageFacts& facts, const Endpoint& src,
                                    const Endpoint& dst) {
  CallLeg leg;
  leg.index = legs_.size();
  leg.call_id = facts.call_id;
  leg.method = facts.method;
  leg.caller = facts.request ? src : dst;
  leg.callee = facts.request ? dst : src;
  leg.caller_tag = facts.from_tag;
  leg.calling_user = facts.from_user;
  leg.called_user = facts.request ? facts.request_uri_user : facts.to_user;
  legs_.push_back(std::move(leg));
  by_call_id_[facts.call_id].push_back(legs_.size() - 1);
  return legs_.size() - 1;
}

std::size_t DialogIndex::choose_leg(const SipMessageFacts& facts, const Endpoint& src,
                                    const Endpoint& dst) {
  const auto it = by_call_id_.find(facts.call_id);
  if (it == by_call_id_.end()) return create_leg(facts, src, dst);
  std::size_t best = kNoIndex;
  int best_score = -1;
  for (std::size_t candidate : it->second) {
    const CallLeg& leg = legs_[candidate];
    if (!same_pair(leg, src, dst)) continue;
    const bool forward = leg.caller.ip == src.ip && leg.callee.ip == dst.ip;
    // A request outside a dialog travelling against the leg's direction is a new leg:
    // a proxy that hairpins the call back to the host it came from.
    if (facts.request && facts.to_tag.empty() && !forward) continue;
    // The side that sent the message, told by its tag: From for requests, To for
    // responses (the responder's tag), relative to the leg's caller.
    const std::string& sender_tag = facts.request ? facts.from_tag : facts.to_tag;
    const bool sent_by_caller =
        facts.request ? sender_tag == leg.caller_tag : sender_tag != leg.caller_tag;
    int score = 1;
    if (forward == sent_by_caller) score += 2;
    const bool exact =
        (leg.caller == src && leg.callee == dst) || (leg.caller == dst && leg.callee == src);
    if (exact) score += 1;
    // Later legs win ties: the most recent conversation is the likeliest.
    if (score >= best_score) {
      best_score = score;
      best = candidate;
    }
  }
  return best == kNoIndex ? create_leg(facts, src, dst) : best;
}

DialogState& DialogIndex::dialog(CallLeg& leg, const std::string& remote_tag) {
  for (DialogState& d : leg.dialogs) {
    if (d.remote_tag == remote_tag) return d;
  }
  leg.dialogs.push_back({remote_tag});
  return leg.dialogs.back();
}

std::size_t DialogIndex::add(const SipMessageFacts& facts, const Endpoint& src, const Endpoint& dst,
                             uint64_t timestamp_ns, std::size_t message_index,
                             const TransactionPlacement& placement,
                             const TransactionIndex& transactions) {
  const std::size_t t = placement.transaction;
  if (leg_of_transaction_.size() < transactions.transactions().size()) {
    leg_of_transaction_.resize(transactions.transactions().size(), kNoIndex);
    initial_.resize(transactions.transactions().size(), false);
  }
  std::size_t leg_index = leg_of_transaction_[t];
  const bool new_transaction = leg_index == kNoIndex;
  if (new_transaction && facts.request && facts.method == "CANCEL") {
    // CANCEL is its own transaction but belongs with the INVITE it cancels.
    const std::size_t invite = transactions.find_invite(facts, src.ip, dst.ip);
    if (invite != kNoIndex) leg_index = leg_of_transaction_[invite];
  }
  if (leg_index == kNoIndex) leg_index = choose_leg(facts, src, dst);
  if (new_transaction) {
    leg_of_transaction_[t] = leg_index;
    initial_[t] = facts.request && facts.to_tag.empty();
    legs_[leg_index].transactions.push_back(t);
  }
  CallLeg& leg = legs_[leg_index];
  if (leg.messages.empty()) leg.first_ns = timestamp_ns;
  leg.last_ns = timestamp_ns;
  leg.messages.push_back(message_index);
  record(leg, facts, timestamp_ns, message_index, placement, transactions.at(t));
  return leg_index;
}

void DialogIndex::record(CallLeg& leg, const SipMessageFacts& facts, uint64_t timestamp_ns,
                         std::size_t message_index, const TransactionPlacement& placement,
                         const Transaction& transaction) {
  if (facts.method == "INVITE") leg.invite_seen = true;
  if (placement.retransmission) return;
  const bool initial = initial_[transaction.index];
  if (facts.request) {
    if (facts.method == "INVITE" && initial && leg.first_invite == kNoIndex) {
      leg.first_invite = message_index;
      leg.first_invite_ns = timestamp_ns;
    }
    if (facts.method == "BYE" && leg.bye == kNoIndex) leg.bye = message_index;
    return;
  }
  if (transaction.method == "INVITE" && initial) {
    if (facts.status >= 180 && facts.status < 190 && leg.first_ringing == kNoIndex) {
      leg.first_ringing = message_index;
    }
    if (facts.status > 100 && facts.status < 200 && !facts.to_tag.empty()) {
      DialogState& d = dialog(leg, facts.to_tag);
      if (d.early == kNoIndex) d.early = message_index;
    }
    if (facts.status >= 200 && facts.status < 300) {
      if (leg.first_success == kNoIndex) leg.first_success = message_index;
      DialogState& d = dialog(leg, facts.to_tag);
      if (d.established == kNoIndex) d.established = message_index;
    }
    if (facts.status >= 200) leg.last_final = message_index;
  }
  if (transaction.method == "BYE" && facts.status >= 200 && facts.status < 300) {
    if (leg.bye_success == kNoIndex) leg.bye_success = message_index;
    // The BYE's From tag is the sender's: the dialog is named by the other tag.
    const std::string& remote = facts.from_tag == leg.caller_tag ? facts.to_tag : facts.from_tag;
    for (DialogState& d : leg.dialogs) {
      if (d.remote_tag == remote && d.ended == kNoIndex) d.ended = message_index;
    }
  }
}

}  // namespace sipconf::harness
