#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "harness/capture/ip_endpoint.h"
#include "harness/capture/sip_message_facts.h"

namespace sipconf::harness {

inline constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);

/// One SIP transaction as seen on one hop of the wire (RFC 3261 §17): the request, its
/// retransmissions, the responses, and for INVITE the ACK of a non-2xx final response
/// (which belongs to the INVITE transaction). The ACK of a 2xx is a transaction of its
/// own (method ACK).
struct Transaction {
  std::size_t index = 0;
  std::string method;
  std::string call_id;
  std::optional<uint32_t> cseq;
  IpAddress client;  ///< Sender of the request.
  IpAddress server;
  /// Message indices: the request first, then its retransmissions.
  std::vector<std::size_t> requests;
  /// Every response in capture order, retransmissions included.
  std::vector<std::size_t> responses;
  std::size_t first_provisional = kNoIndex;  ///< First 101-199 (100 is hop-by-hop).
  std::size_t first_final = kNoIndex;
  std::size_t ack = kNoIndex;  ///< ACK of a non-2xx final response (same branch).
  /// Created by a response whose request the capture does not hold.
  bool request_missing = false;

  std::size_t request() const { return requests.empty() ? kNoIndex : requests.front(); }
};

/// Where one message went.
struct TransactionPlacement {
  std::size_t transaction = kNoIndex;
  /// Repeats a message already in the transaction (same request, or the same response:
  /// status, To tag and RSeq), whether resent by the element or captured twice.
  bool retransmission = false;
};

/// Groups messages into transactions, in capture order. Matching follows RFC 3261
/// §17.1.3/§17.2.3 per hop: the top Via branch and sent-by, the CSeq method (ACK of a
/// non-2xx and the INVITE share a transaction; CANCEL has its own), plus the Call-ID,
/// CSeq number and From tag so that RFC 2543 branches (no magic cookie) still group
/// right, plus the two IP addresses so that the same request relayed across several
/// captured hops (a proxy keeps the branch of the hop before it only in the second Via)
/// is one transaction per hop.
class TransactionIndex {
 public:
  TransactionPlacement add(const SipMessageFacts& facts, const IpAddress& src, const IpAddress& dst,
                           std::size_t message_index);

  const std::vector<Transaction>& transactions() const { return transactions_; }
  const Transaction& at(std::size_t index) const { return transactions_[index]; }

  /// The INVITE transaction a CANCEL or a non-2xx ACK refers to on this hop (same
  /// branch); kNoIndex if the capture does not hold it.
  std::size_t find_invite(const SipMessageFacts& facts, const IpAddress& client,
                          const IpAddress& server) const;

 private:
  static std::string hop_free_key(const SipMessageFacts& facts, std::string_view method);
  static std::string key(const std::string& hop_free_key, const IpAddress& client,
                         const IpAddress& server);
  TransactionPlacement add_request(const SipMessageFacts& facts, const IpAddress& src,
                                   const IpAddress& dst, std::size_t message_index);
  TransactionPlacement add_response(const SipMessageFacts& facts, const IpAddress& src,
                                    const IpAddress& dst, std::size_t message_index);

  std::size_t create(const SipMessageFacts& facts, std::string_view method, const IpAddress& client,
                     const IpAddress& server);

  std::vector<Transaction> transactions_;
  std::unordered_map<std::string, std::size_t> by_key_;
  /// The same keys without the addresses: a response that comes back from another
  /// address than the request went to (multi-homed server) still finds its transaction.
  std::unordered_map<std::string, std::size_t> by_hop_free_key_;
  /// Facts of responses already placed, per transaction, to spot repeats.
  struct SeenResponse {
    int status;
    std::string to_tag;
    std::optional<uint32_t> rseq;
  };
  std::vector<std::vector<SeenResponse>> seen_responses_;
};

}  // namespace sipconf::harness
