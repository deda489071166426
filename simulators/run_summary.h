#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulators/call.h"
#include "simulators/rtp_stream.h"

/// What a run did, for the harness (`--summary FILE`) and the exit code: calls placed,
/// answered and failed, everything the behaviours exercised, and RTP per stream.
namespace sipconf::simulators {

struct SignallingCounters {
  std::uint64_t calls_placed = 0;
  std::uint64_t calls_received = 0;
  std::uint64_t calls_answered = 0;  ///< a 2xx to the initial INVITE, sent or received
  std::uint64_t calls_rejected = 0;  ///< ended by a failure final response, as intended or not
  std::uint64_t calls_cancelled = 0;
  std::uint64_t calls_failed = 0;      ///< did not go as the behaviours intended
  std::uint64_t calls_unfinished = 0;  ///< still running when the simulator stopped
  std::uint64_t transfer_calls = 0;    ///< placed for a REFER we accepted
  std::uint64_t early_dialogs_max = 0;
  std::uint64_t provisionals_sent = 0;
  std::uint64_t provisionals_received = 0;
  std::uint64_t reliable_provisionals_sent = 0;
  std::uint64_t prack_sent = 0;
  std::uint64_t prack_received = 0;
  std::uint64_t options_received = 0;
  std::uint64_t options_ignored = 0;
  std::map<int, std::uint64_t> options_answered;  ///< by status
  std::uint64_t refer_sent = 0;
  std::uint64_t refer_accepted = 0;  ///< 202 received
  std::uint64_t refer_rejected = 0;  ///< failure received
  std::uint64_t refer_received = 0;
  std::uint64_t transfers_completed = 0;  ///< sipfrag 2xx in a NOTIFY we received
  std::uint64_t notify_sent = 0;
  std::uint64_t notify_received = 0;
  std::uint64_t holds_sent = 0;
  std::uint64_t resumes_sent = 0;
  std::uint64_t holds_received = 0;
  std::uint64_t reinvites_received = 0;
  std::uint64_t updates_received = 0;
  std::uint64_t session_refreshes_sent = 0;
  std::uint64_t session_refreshes_received = 0;
  std::uint64_t sessions_expired = 0;
  std::uint64_t dtmf_digits_sent = 0;
  std::uint64_t requests_rejected = 0;    ///< answered 4xx/5xx by the request checks
  std::uint64_t in_dialog_unmatched = 0;  ///< answered 481
  std::uint64_t transaction_failures = 0;
};

/// One finished call as the summary lists it.
struct CallRecord {
  std::string call_id;
  std::string role;  ///< "uac" or "uas"
  int final_status = 0;
  bool as_intended = true;
  bool cancelled = false;
  bool transfer = false;
  std::string problem;
  std::uint32_t early_dialogs = 0;
  std::vector<std::string> ms_diagnostics;
  std::optional<double> setup_ms;  ///< INVITE to 2xx
  std::optional<RtpStreamReport> rtp;
};

class RunSummary {
 public:
  /// At most this many calls are listed one by one; the counters cover all.
  static constexpr std::size_t kMaxListedCalls = 10000;

  SignallingCounters& counters() { return counters_; }
  const SignallingCounters& counters() const { return counters_; }
  std::map<int, std::uint64_t>& final_statuses() { return final_statuses_; }

  void add_call(CallRecord record);
  std::uint64_t calls_recorded() const { return calls_recorded_; }

  /// The exit status the run earns: 0 when every call went as intended and none was left
  /// unfinished (and a UAC placed every call it was asked to), 1 otherwise.
  int exit_code(std::uint64_t calls_wanted, bool placing) const;

  /// The whole summary; `extra` (profile, transport counters, duration, ...) is merged in.
  nlohmann::json to_json(const nlohmann::json& extra) const;

 private:
  SignallingCounters counters_;
  std::map<int, std::uint64_t> final_statuses_;
  std::vector<CallRecord> calls_;
  std::uint64_t calls_recorded_ = 0;
  // RTP totals over every stream.
  std::uint64_t rtp_streams_ = 0;
  std::uint64_t rtp_packets_sent_ = 0;
  std::uint64_t rtp_packets_received_ = 0;
  std::int64_t rtp_lost_ = 0;
  double rtp_max_jitter_ms_ = 0;
};

nlohmann::json to_json(const RtpStreamReport& report);

}  // namespace sipconf::simulators
