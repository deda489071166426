#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reports/model/status.h"

namespace sipconf::reports {

/// The results model (schema version 1, see harness/results-json.md): the harness fills
/// it, results.json is its file form (run_writer.h, run_loader.h) and the renderers read
/// it, so nothing past the writer and the loader looks at raw JSON. Optional keys that are
/// absent decode to empty strings, empty lists or nullopt; the writer leaves them out.

struct SutInfo {
  std::string kind;
  std::string name;
  std::string version;
  std::string address;
  std::string description;
};

struct RunInfo {
  std::string sipconf_version;
  std::string sipp_version;
  std::string git_revision;
  std::string host;
  std::string os;
  std::string command;
  std::optional<std::int64_t> jobs;
  SutInfo sut;
};

/// One entry of the behaviour catalogue the run was judged against.
struct Behaviour {
  std::string id;
  std::string title;
};

/// A party of a case: a peer (role = peer kind) or a SUT interface (role "sut").
struct Endpoint {
  std::string name;
  std::string role;
  std::string interface;
  std::string address;
  std::string transport;
  std::string driver;

  bool is_sut() const { return role == "sut"; }
};

/// One dialog-carrying connection between two endpoints (a B2BUA side).
struct Leg {
  std::string name;
  std::vector<std::string> endpoints;
  std::vector<std::string> call_ids;
};

/// A decoded SIP message of the case, in capture order.
struct Message {
  std::int64_t t_us = 0;
  std::string from;
  std::string to;
  std::string leg;
  std::string transport;
  std::string kind;  ///< "request" or "response".
  std::string method;
  std::optional<int> status_code;
  std::string summary;
  std::string call_id;
  std::string cseq;
  bool retransmission = false;
  bool unanswered = false;
  std::string raw;

  bool is_request() const { return kind != "response"; }
};

/// One assertion of a case.
struct Subtest {
  std::string name;
  Status status = Status::kPass;
  std::string kind;
  std::string leg;
  std::string message;
  std::string expected;
  std::string actual;
  std::optional<std::size_t> message_index;
  std::string highlight;
};

/// Nearest-rank summary of one latency measure, in microseconds.
struct LatencyMetric {
  std::string name;  ///< "transit", "post_dial_delay", "setup_time" or a newer key.
  std::int64_t count = 0;
  std::int64_t p50 = 0;
  std::int64_t p90 = 0;
  std::int64_t p99 = 0;
  std::int64_t max = 0;
  std::vector<std::int64_t> samples;
};

struct Count {
  std::string name;
  std::int64_t value = 0;
};

struct RtpStream {
  std::string leg;
  std::string ssrc;
  std::string from;
  std::string to;
  std::optional<int> payload_type;
  std::string codec;
  std::int64_t packets = 0;
  std::int64_t lost = 0;
  double jitter_ms = 0;
  std::int64_t first_packet_us = 0;
  std::int64_t duration_ms = 0;
  /// RFC 4733 events (DTMF digits); written only when some were seen.
  std::optional<std::int64_t> telephone_events;
};

/// An RFC 3261 violation the analyser saw on the wire.
struct Finding {
  std::string rule;
  std::string severity;
  std::string message;
  std::optional<std::size_t> message_index;
};

/// A file the case left behind; `path` is relative to the results.json directory.
struct Artifact {
  std::string kind;  ///< The results.json key: "pcap", "sut_log", "sipp_traces", ...
  std::string path;
};

/// The documented keys in the order the contract lists them. Named entries (latency
/// measures, counts, artifacts) keep these first and any others after them by name, so
/// a case filled by the harness and one read back from results.json list them alike.
inline constexpr std::string_view kLatencyOrder[] = {"transit", "post_dial_delay", "setup_time"};
inline constexpr std::string_view kCountOrder[] = {"messages", "retransmissions", "calls_completed",
                                                   "findings"};
inline constexpr std::string_view kArtifactOrder[] = {"pcap", "sut_log", "sut_config",
                                                      "sipp_traces", "logs"};

struct CaseResult {
  std::string id;
  std::string path;
  std::string description;
  Status status = Status::kPass;
  Status expected = Status::kPass;
  std::string message;
  std::optional<std::int64_t> duration_ms;
  /// 1-based run number under `sipconf run --repeat N`; written only from 2 on.
  int repetition = 1;
  std::vector<std::string> behaviours;
  std::vector<std::string> peer_kinds;
  std::vector<Endpoint> endpoints;
  std::vector<Leg> legs;
  std::vector<Message> messages;
  std::vector<Subtest> subtests;
  std::vector<LatencyMetric> latency;  ///< In kLatencyOrder, then by name.
  std::vector<Count> counts;           ///< In kCountOrder, then by name.
  std::vector<RtpStream> rtp;
  std::vector<Finding> findings;
  std::vector<Artifact> artifacts;  ///< In kArtifactOrder, then by kind.

  /// The suite a case belongs to: the part of its id before the first '/'.
  std::string suite() const;
  const LatencyMetric* latency_metric(std::string_view name) const;
  /// Replaces measure `name` by the nearest-rank summary of `samples` (none: removes it).
  void set_latency(std::string_view name, std::vector<std::int64_t> samples);
  /// The value of count `name`, nullopt when the case has none.
  std::optional<std::int64_t> count(std::string_view name) const;
  void set_count(std::string_view name, std::int64_t value);
  /// Adds a file after those of the same kind.
  void add_artifact(std::string_view kind, std::string path);
};

struct Run {
  int schema_version = 1;
  std::string tool;  ///< "sipconf run" or "sipconf analyze".
  RunInfo run_info;
  std::vector<Behaviour> catalogue;
  std::string time_start;  ///< RFC 3339 UTC, e.g. "2026-11-21T17:00:00.123456Z".
  std::string time_end;
  std::vector<CaseResult> results;

  /// Number of cases per status, computed from `results` (the file's own totals are
  /// not trusted: shards may have been merged).
  std::int64_t count(Status status) const;
  bool fails() const;
  const CaseResult* find_case(std::string_view id) const;
};

}  // namespace sipconf::reports
