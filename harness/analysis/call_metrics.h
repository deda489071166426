#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/analysis/leg_pairing.h"
#include "harness/analysis/sip_trace.h"

namespace sipconf::harness {

/// One message relayed by a middle element: when it arrived on one leg and when its
/// counterpart left on the other.
struct TransitSample {
  std::size_t arrival = 0;    ///< Message index.
  std::size_t departure = 0;  ///< Message index.
  int64_t transit_us = 0;
  std::string method;  ///< Request method, or the CSeq method of a response.
  int status = 0;      ///< 0 for requests.
};

/// Timing of one call on the side that originated it.
struct CallTiming {
  std::size_t origin_leg = 0;
  std::optional<int64_t> post_dial_delay_us;  ///< First INVITE to first 18x.
  std::optional<int64_t> setup_time_us;       ///< First INVITE to first 2xx.
  int final_status = 0;  ///< Last final response to the initial INVITE; 0 if none.
  bool completed = false;
};

struct CallMetrics {
  std::vector<TransitSample> transit;
  std::vector<CallTiming> calls;  ///< In the order of the CallChains given.
  /// Request to its first final response, per method, every transaction on every hop.
  std::map<std::string, std::vector<int64_t>> response_time_us;
  uint64_t retransmissions = 0;
  uint64_t calls_completed = 0;

  /// Transit times of messages of `method` (requests and responses to it); all if empty.
  std::vector<int64_t> transit_us(std::string_view method = {}) const;
  std::vector<int64_t> post_dial_delay_us() const;
  std::vector<int64_t> setup_time_us() const;
};

/// Measures what a call's path through the middle elements took. For each pair of legs
/// a request arriving at the middle element is matched with the first request of the
/// same method it sent on the other leg afterwards, within a transaction's lifetime
/// (both directions: a BYE may come from either end); the ACK of a 2xx with the ACK of
/// the INVITE relayed for the one it acknowledges; and each response the element
/// received to a relayed request with the first response of the same status it sent
/// back (a final response translated to another code still pairs with the final one).
/// 100 Trying and the ACK of a non-2xx are hop-by-hop and never relayed, so they are not
/// measured. Post-dial delay and setup time run from the first initial INVITE on the
/// originating leg (auth retries included, as the caller waits through them).
CallMetrics compute_call_metrics(const SipTrace& trace, const std::vector<LegLink>& links,
                                 const std::vector<CallChain>& calls);

}  // namespace sipconf::harness
