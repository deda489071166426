#include "harness/analysis/sip_trace.h"

namespace sipconf::harness {

void SipTrace::on_sip_message(CapturedSipMessage&& message) {
  const std::size_t index = messages_.size();
  TracedSipMessage& traced = messages_.emplace_back();
  traced.captured = std::move(message);
  const CapturedSipMessage& m = traced.captured;
  const TransactionPlacement placement = transactions_.add(m.facts, m.src.ip, m.dst.ip, index);
  traced.transaction = placement.transaction;
  traced.retransmission = placement.retransmission;
  traced.leg = dialogs_.add(m.facts, m.src, m.dst, m.timestamp_ns, index, placement, transactions_);
}

}  // namespace sipconf::harness
