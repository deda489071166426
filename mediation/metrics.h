#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport.h"

namespace sipconf::mediation {

/// How a call ended, as counted in `sipconf_mediation_calls_total{result=...}`.
enum class CallResult : std::uint8_t {
  answered,   ///< a 2xx reached the caller
  busy,       ///< 486 or 600
  cancelled,  ///< the caller cancelled (487)
  no_answer,  ///< 408 or 480
  rejected,   ///< another 4xx or 6xx from the callee or our checks
  failed,     ///< 5xx, transport failure
  no_route,   ///< no voice route matched (404, 12004)
  refused,    ///< 503 from the mediation itself: draining or the call limit
};
inline constexpr std::size_t kCallResultCount = 8;
std::string_view to_string(CallResult result);
/// The result a final status to the caller stands for.
CallResult result_of_status(int status);

/// Calls through one trunk, by direction.
struct TrunkCounters {
  std::uint64_t calls_in = 0;         ///< from the trunk's peer toward the internal side
  std::uint64_t calls_out = 0;        ///< from the internal side out through the trunk
  std::uint64_t failures = 0;         ///< calls through the trunk that did not end answered
  std::uint64_t probes_sent = 0;      ///< OPTIONS keep-alives sent to the peer (HF-01)
  std::uint64_t probes_answered = 0;  ///< ... answered with a final response other than 503
  std::uint64_t probes_missed = 0;    ///< ... timed out, failed to send, or answered 503
};

/// Counters the B2BUA and the server keep; they only grow. Gauges are read from the live
/// objects when rendered (MetricsSnapshot).
struct Metrics {
  std::array<std::uint64_t, kCallResultCount> calls{};
  std::map<int, std::uint64_t> rejected_requests;  ///< by status: 403, 404, 416, 420, 483, 501...
  std::uint64_t untrusted_requests = 0;            ///< requests from no configured peer (403)
  std::uint64_t orphan_responses = 0;              ///< responses for calls already gone
  std::uint64_t config_reloads = 0;
  std::uint64_t config_reload_failures = 0;
  std::map<std::string, TrunkCounters> trunks;  ///< by name, so that reloads keep history
};

/// What a scrape shows: the counters plus the gauges and the lower layers' counters.
struct MetricsSnapshot {
  const Metrics& metrics;
  std::size_t active_calls = 0;
  std::size_t active_dialogs = 0;
  std::size_t active_transactions = 0;
  std::size_t connections = 0;
  bool draining = false;
  const sip::TransactionCounters& transactions;
  const sip::TransportCounters& transport;
  /// Each trunk's name and whether OPTIONS health has it up (TrunkHealth::states()).
  std::vector<std::pair<std::string, bool>> trunk_up = {};
};

/// Renders the Prometheus text exposition format (version 0.0.4).
std::string render_prometheus(const MetricsSnapshot& snapshot);

}  // namespace sipconf::mediation
