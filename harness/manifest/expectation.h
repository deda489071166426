#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "base/diagnostic.h"

namespace sipconf::manifest {

/// The kinds of expectation; the names are the manifest elements and the
/// `subtests[].kind` values of results.json.
enum class ExpectationKind {
  message,
  absent,
  order,
  header,
  sdp,
  response,
  latency,
  count,
  media,
  process
};

std::string_view to_string(ExpectationKind kind);
std::optional<ExpectationKind> expectation_kind_from(std::string_view text);

/// Picks SIP messages out of a decoded capture. A leg is named by its endpoint: leg
/// `gw1` is the traffic between endpoint gw1 and the SUT (or, without a SUT, the
/// endpoint it calls). Retransmissions are not separate occurrences.
struct MessageSelector {
  std::string leg;
  /// Sender: an endpoint name or `sut`; empty matches both directions.
  std::string from;
  /// Request method, or for responses the CSeq method; empty matches any.
  std::string method;
  /// Empty selects requests; `486`, `4xx` or `18x` selects responses.
  std::string status;
  /// 1-based occurrence among the matching messages; 0 means any (checks on values
  /// then look at the first match).
  int occurrence = 0;
  base::SourceLocation where;

  bool selects_responses() const { return !status.empty(); }
};

/// Inclusive bounds on a measured value; unset sides are open.
struct Bounds {
  std::optional<std::int64_t> min;
  std::optional<std::int64_t> max;
  /// Exactly this value (then min and max are unset).
  std::optional<std::int64_t> equals;

  bool contains(std::int64_t value) const;
  /// `== 3`, `<= 5000`, `>= 1`, `in [1, 5]`.
  std::string describe() const;
};

/// A matching message is present.
struct MessageCheck {
  MessageSelector selector;
};

/// No message matches.
struct AbsentCheck {
  MessageSelector selector;
};

/// How long after the previous step's message a step's message must come, by the capture's
/// timestamps (a timer on the wire: TC-11's fast failover cut-off); unset sides are open.
struct StepDelay {
  std::optional<std::chrono::microseconds> min;
  std::optional<std::chrono::microseconds> max;
};

/// The steps occur in this order (each step is the first match after the previous
/// one); steps may name different legs, to order the two sides of the B2BUA.
struct OrderCheck {
  std::vector<MessageSelector> steps;
  /// Per step (the first one's is open); missing entries are open too.
  std::vector<StepDelay> delays;
};

enum class HeaderPredicate { present, absent, equals, matches };

/// A header (or `Request-URI`, `Status-Line`) of the selected message.
struct HeaderCheck {
  MessageSelector selector;
  std::string header;
  HeaderPredicate predicate = HeaderPredicate::present;
  /// The value for `equals`, the ECMAScript regex for `matches` (searched, not anchored).
  std::string value;
};

/// Facts about the SDP body of the selected message; every set fact must hold.
struct SdpCheck {
  MessageSelector selector;
  /// Exactly these codecs offered on the audio m= line, in this order.
  std::vector<std::string> codecs;
  /// These codecs are among those offered / none of these is offered.
  std::vector<std::string> codecs_include;
  std::vector<std::string> codecs_exclude;
  /// c= address: `sut` (the SUT's address on this leg), an endpoint name, or an IP.
  std::string connection;
  /// sendrecv, sendonly, recvonly or inactive.
  std::string direction;
  /// `RTP/AVP` or `RTP/SAVP`.
  std::string profile;
  std::optional<bool> crypto;
};

/// The responses to the selected request: the final status (`200`, `4xx`) and a
/// provisional that must have been seen (`180`, `18x`).
struct ResponseCheck {
  MessageSelector selector;
  std::string final_status;
  std::string provisional;
};

enum class LatencyMetric { transit, post_dial_delay, setup_time };
std::string_view to_string(LatencyMetric metric);

/// A latency statistic of the case (metrics.latency_us.*) within bounds.
struct LatencyCheck {
  LatencyMetric metric = LatencyMetric::transit;
  /// Restricts `transit` to messages of this method (e.g. INVITE); empty: all.
  std::string method;
  /// `p50`, `p90`, `p99` or `max` (nearest-rank percentiles).
  std::string statistic = "p99";
  std::optional<std::chrono::microseconds> min;
  std::optional<std::chrono::microseconds> max;
};

enum class CountedThing {
  messages,
  requests,
  responses,
  retransmissions,
  calls_completed,
  findings,
  /// Distinct early dialogs (a 101-199 response with a To tag, one per tag): a fork the
  /// caller's side sees as a dialog of its own (TC-06).
  early_dialogs
};
std::string_view to_string(CountedThing thing);

/// A count (optionally restricted by leg/method/status/from) within bounds.
struct CountCheck {
  CountedThing what = CountedThing::messages;
  MessageSelector selector;
  Bounds bounds;
};

/// RTP seen on a leg: present with enough packets, little loss, bounded jitter; or
/// absent (media bypass: nothing at the SUT's media ports).
struct MediaCheck {
  std::string leg;
  std::string from;
  bool present = true;
  std::string codec;
  std::optional<std::int64_t> min_packets;
  std::optional<std::int64_t> max_lost;
  std::optional<std::chrono::microseconds> max_jitter;
};

/// How a process of the case ended. `endpoint` names a SIPp endpoint or `sut`.
/// These are judged without decoding the capture.
struct ProcessCheck {
  std::string endpoint;
  /// SIPp exit status: 0 all calls succeeded, 1 some failed, 99 no calls processed.
  std::optional<int> exit_code;
  std::optional<std::int64_t> successful_calls;
  std::optional<std::int64_t> failed_calls;
  /// For `sut`: the SUT must still run at the end of traffic and stop cleanly.
  std::optional<bool> alive;
};

/// One assertion of a case; judged into one subtest named `name`.
struct Expectation {
  std::string name;
  std::variant<MessageCheck, AbsentCheck, OrderCheck, HeaderCheck, SdpCheck, ResponseCheck,
               LatencyCheck, CountCheck, MediaCheck, ProcessCheck>
      check;
  base::SourceLocation where;

  ExpectationKind kind() const { return static_cast<ExpectationKind>(check.index()); }
};

/// True when `status` (e.g. 486) matches `pattern` (`486`, `4xx`, `48x`).
bool status_matches(std::string_view pattern, int status);
/// True when `pattern` is a valid status pattern.
bool is_status_pattern(std::string_view pattern);

}  // namespace sipconf::manifest
