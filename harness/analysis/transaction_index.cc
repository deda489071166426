#include "harness/analysis/transaction_index.h"

#include <fmt/format.h>

#include <algorithm>

namespace sipconf::harness {

std::string TransactionIndex::hop_free_key(const SipMessageFacts& facts, std::string_view method) {
  std::string out;
  out.reserve(facts.branch.size() + facts.sent_by.size() + facts.call_id.size() +
              facts.from_tag.size() + method.size() + 24);
  out += facts.branch;
  out += '\x1f';
  out += facts.sent_by;
  out += '\x1f';
  out += method;
  out += '\x1f';
  out += facts.call_id;
  out += '\x1f';
  if (facts.cseq) out += fmt::format_int(*facts.cseq).c_str();
  out += '\x1f';
  out += facts.from_tag;
  return out;
}

std::string TransactionIndex::key(const std::string& hop_free_key, const IpAddress& client,
                                  const IpAddress& server) {
  std::string out = hop_free_key;
  out += '\x1f';
  out.append(reinterpret_cast<const char*>(client.bytes.data()), client.size());
  out += '\x1f';
  out.append(reinterpret_cast<const char*>(server.bytes.data()), server.size());
  return out;
}

std::size_t TransactionIndex::create(const SipMessageFacts& facts, std::string_view method,
                                     const IpAddress& client, const IpAddress& server) {
  Transaction t;
  t.index = transactions_.size();
  t.method = std::string(method);
  t.call_id = facts.call_id;
  t.cseq = facts.cseq;
  t.client = client;
  t.server = server;
  transactions_.push_back(std::move(t));
  seen_responses_.emplace_back();
  const std::string hop_free = hop_free_key(facts, method);
  by_key_[key(hop_free, client, server)] = transactions_.size() - 1;
  by_hop_free_key_[hop_free] = transactions_.size() - 1;
  return transactions_.size() - 1;
}

std::size_t TransactionIndex::find_invite(const SipMessageFacts& facts, const IpAddress& client,
                                          const IpAddress& server) const {
  const auto it = by_key_.find(key(hop_free_key(facts, "INVITE"), client, server));
  return it == by_key_.end() ? kNoIndex : it->second;
}

TransactionPlacement TransactionIndex::add(const SipMessageFacts& facts, const IpAddress& src,
                                           const IpAddress& dst, std::size_t message_index) {
  return facts.request ? add_request(facts, src, dst, message_index)
                       : add_response(facts, src, dst, message_index);
}

TransactionPlacement TransactionIndex::add_request(const SipMessageFacts& facts,
                                                   const IpAddress& src, const IpAddress& dst,
                                                   std::size_t message_index) {
  TransactionPlacement placement;
  if (facts.method == "ACK") {
    // The ACK of a non-2xx final response carries the INVITE's branch.
    const std::size_t invite = find_invite(facts, src, dst);
    if (invite != kNoIndex) {
      Transaction& t = transactions_[invite];
      placement.transaction = invite;
      placement.retransmission = t.ack != kNoIndex;
      if (t.ack == kNoIndex) t.ack = message_index;
      return placement;
    }
  }
  const auto it = by_key_.find(key(hop_free_key(facts, facts.method), src, dst));
  if (it != by_key_.end()) {
    Transaction& t = transactions_[it->second];
    placement.transaction = it->second;
    placement.retransmission = !t.requests.empty();
    if (t.requests.empty()) t.request_missing = false;
    t.requests.push_back(message_index);
    return placement;
  }
  placement.transaction = create(facts, facts.method, src, dst);
  transactions_[placement.transaction].requests.push_back(message_index);
  return placement;
}

TransactionPlacement TransactionIndex::add_response(const SipMessageFacts& facts,
                                                    const IpAddress& src, const IpAddress& dst,
                                                    std::size_t message_index) {
  TransactionPlacement placement;
  const std::string hop_free = hop_free_key(facts, facts.method);
  if (const auto it = by_key_.find(key(hop_free, dst, src)); it != by_key_.end()) {
    placement.transaction = it->second;
  } else if (const auto loose = by_hop_free_key_.find(hop_free); loose != by_hop_free_key_.end()) {
    placement.transaction = loose->second;
  } else {
    placement.transaction = create(facts, facts.method, dst, src);
    transactions_[placement.transaction].request_missing = true;
  }
  Transaction& t = transactions_[placement.transaction];
  auto& seen = seen_responses_[placement.transaction];
  placement.retransmission = std::any_of(seen.begin(), seen.end(), [&](const SeenResponse& s) {
    return s.status == facts.status && s.to_tag == facts.to_tag && s.rseq == facts.rseq;
  });
  if (!placement.retransmission) {
    seen.push_back({facts.status, facts.to_tag, facts.rseq});
    if (facts.status > 100 && facts.status < 200 && t.first_provisional == kNoIndex) {
      t.first_provisional = message_index;
    }
    if (facts.status >= 200 && t.first_final == kNoIndex) t.first_final = message_index;
  }
  t.responses.push_back(message_index);
  return placement;
}

}  // namespace sipconf::harness
