#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "reports/status.h"
#include "scenarios/catalogue.h"

namespace sipconf::harness {

using reports::Status;

/// A party of a case as results.json lists it (ladder columns, in this order).
struct EndpointRecord {
  std::string name;
  std::string role;       ///< a peer kind, or `sut`
  std::string interface;  ///< SUT interfaces: `internal` or `trunk:<name>`
  std::string address;    ///< `ip:port`
  std::string transport;
  std::string driver;
};

/// One judged expectation.
struct SubtestRecord {
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

/// Files a case left behind, relative to the results.json directory.
struct ArtifactPaths {
  std::string pcap;
  std::string sut_log;
  std::string sut_config;
  std::vector<std::string> sipp_traces;
  std::vector<std::string> logs;
};

struct CaseRecord {
  std::string id;
  std::string path;
  std::string description;
  Status status = Status::kPass;
  Status expected = Status::kPass;
  std::string message;
  std::int64_t duration_ms = 0;
  /// 1-based repetition number under `--repeat`; written only when above 1.
  int repetition = 1;
  std::vector<std::string> behaviours;
  std::vector<std::string> peer_kinds;
  std::vector<EndpointRecord> endpoints;
  std::vector<SubtestRecord> subtests;
  /// metrics.latency_us: samples per measure (transit, post_dial_delay, setup_time);
  /// the writer adds the nearest-rank percentiles.
  std::map<std::string, std::vector<std::int64_t>> latency_samples_us;
  /// metrics.counts.
  std::map<std::string, std::int64_t> counts;
  /// Filled by the capture analysis (legs, messages, findings, metrics.rtp); written
  /// through unchanged.
  nlohmann::json legs = nlohmann::json::array();
  nlohmann::json messages = nlohmann::json::array();
  nlohmann::json findings = nlohmann::json::array();
  nlohmann::json rtp = nlohmann::json::array();
  ArtifactPaths artifacts;
};

struct SutRecord {
  std::string kind;  ///< `builtin`, `external` or `none`
  std::string name;
  std::string version;
  std::string address;
  std::string description;
};

struct RunInfoRecord {
  std::string sipconf_version;
  std::string sipp_version;
  std::string git_revision;
  std::string host;
  std::string os;
  std::string command;
  int jobs = 1;
  SutRecord sut;
};

struct RunRecord {
  std::string tool = "sipconf run";
  RunInfoRecord run_info;
  std::vector<scenarios::CatalogueEntry> catalogue;
  std::chrono::system_clock::time_point time_start;
  std::chrono::system_clock::time_point time_end;
  std::vector<CaseRecord> results;

  std::int64_t count(Status status) const;
  /// True when any case has a status with the failure bit.
  bool fails() const;
};

/// `2026-11-21T17:00:00.123456Z`.
std::string format_utc_timestamp(std::chrono::system_clock::time_point time);

/// Nearest-rank percentile (1-100) of `samples`; 0 for none.
std::int64_t nearest_rank(std::vector<std::int64_t> samples, int percentile);

/// results.json, schema version 1 (harness/results-json.md).
nlohmann::json to_json(const RunRecord& run);

/// Writes results.json through a temporary file renamed into place, so a reader (or
/// a run interrupted mid-write) never sees half a file. On failure `diagnostic` says
/// `file: cannot write: reason`.
std::error_code write_results_json(const RunRecord& run, const std::filesystem::path& file,
                                   std::string& diagnostic);

}  // namespace sipconf::harness
