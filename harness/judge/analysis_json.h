#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "harness/analysis/capture_analysis.h"
#include "reports/model/run_model.h"

namespace sipconf::harness {

using reports::Status;

/// How the parties and legs of a capture are named in results.json. The wire judge
/// names them after the case's endpoints; `sipconf analyze` after their addresses.
class CaptureLabels {
 public:
  virtual ~CaptureLabels() = default;
  /// The party at `self` in a message exchanged with `other` (an endpoint name, or
  /// `ip:port` when nobody is known there).
  virtual std::string party(const Endpoint& self, const Endpoint& other) const = 0;
  /// The name of the leg a message travelled on.
  virtual std::string leg(const CaptureAnalysis& analysis,
                          const TracedSipMessage& message) const = 0;
  /// The name of the leg an RTP stream belongs to; by default that of the call leg whose
  /// SDP announced it, empty when none did.
  virtual std::string media_leg(const CaptureAnalysis& analysis,
                                const RtpStreamSummary& stream) const;
};

/// Names parties `ip:port` (or `sut` plus the port for the middle element's addresses)
/// and legs `leg1`, `leg2`... after the analysis's call legs.
class AddressLabels final : public CaptureLabels {
 public:
  explicit AddressLabels(std::vector<IpAddress> middle = {}) : middle_(std::move(middle)) {}
  std::string party(const Endpoint& self, const Endpoint& other) const override;
  std::string leg(const CaptureAnalysis& analysis, const TracedSipMessage& message) const override;
  static std::string leg_name(std::size_t leg_index);

 private:
  std::vector<IpAddress> middle_;
};

/// The messages, legs, calls and streams one results.json record covers.
struct RecordScope {
  std::vector<std::size_t> messages;  ///< In capture order.
  std::vector<std::size_t> calls;     ///< CallChain indices (post-dial delay, setup time).
  /// Everything in the capture.
  static RecordScope whole(const CaptureAnalysis& analysis);
  /// One call: the messages of its legs.
  static RecordScope call(const CaptureAnalysis& analysis, std::size_t call_index);
};

/// `start line` of a message as the ladder shows it: `INVITE sip:bob@b.test`, `180 Ringing`.
std::string message_summary(const TracedSipMessage& message);

/// Fills `record` with what the capture shows for `scope`: messages (re-indexed from 0),
/// legs, findings, metrics.rtp, latency samples (transit, post_dial_delay, setup_time, and
/// response_time_<METHOD>: request to first final response on each hop) and counts (messages,
/// requests, responses, retransmissions, calls_completed, findings). Endpoints are the caller's
/// business (they come from the case plan, or from endpoints_seen()).
void fill_case_record(const CaptureAnalysis& analysis, const RecordScope& scope,
                      const CaptureLabels& labels, reports::CaseResult& record);

/// Every party that sent or received a message in `scope`, in order of appearance, as
/// `endpoints[]` entries (role `sut` for the middle element's addresses).
std::vector<reports::Endpoint> endpoints_seen(const CaptureAnalysis& analysis,
                                              const RecordScope& scope, const CaptureLabels& labels,
                                              const std::vector<IpAddress>& middle);

}  // namespace sipconf::harness
