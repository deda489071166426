#pragma once

#include <cstddef>
#include <deque>

#include "harness/analysis/dialog_index.h"
#include "harness/analysis/transaction_index.h"
#include "harness/capture/sip_capture_decoder.h"

namespace sipconf::harness {

/// A captured message with its place in the trace.
struct TracedSipMessage {
  CapturedSipMessage captured;
  std::size_t transaction = kNoIndex;
  std::size_t leg = kNoIndex;
  bool retransmission = false;

  const SipMessageFacts& facts() const { return captured.facts; }
  uint64_t timestamp_ns() const { return captured.timestamp_ns; }
};

/// The SIP side of a capture in capture order, grouped into transactions and legs as it
/// arrives: the sink the decoder writes to.
class SipTrace final : public SipMessageSink {
 public:
  void on_sip_message(CapturedSipMessage&& message) override;

  /// In capture order. A deque: messages never move once traced, so references to them
  /// stay valid while the trace grows.
  const std::deque<TracedSipMessage>& messages() const { return messages_; }
  const TracedSipMessage& message(std::size_t index) const { return messages_[index]; }
  const TransactionIndex& transactions() const { return transactions_; }
  const DialogIndex& dialogs() const { return dialogs_; }
  const std::vector<CallLeg>& legs() const { return dialogs_.legs(); }

 private:
  std::deque<TracedSipMessage> messages_;
  TransactionIndex transactions_;
  DialogIndex dialogs_;
};

}  // namespace sipconf::harness
