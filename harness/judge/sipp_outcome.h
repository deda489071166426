#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "harness/judge/process_exit.h"

namespace sipconf::harness {

/// SIPp's final counters, read from its -trace_stat CSV (cumulative `(C)` columns).
struct SippStats {
  std::map<std::string, std::int64_t, std::less<>> counters;

  std::int64_t get(std::string_view name) const;
  std::int64_t successful_calls() const { return get("SuccessfulCall(C)"); }
  std::int64_t failed_calls() const { return get("FailedCall(C)"); }
  std::int64_t retransmissions() const { return get("Retransmissions(C)"); }
  std::int64_t calls_created() const { return get("TotalCallCreated"); }
};

/// Parses the text of a -trace_stat file: a `;`-separated header line and one line
/// per dump; the last complete line holds the final values. nullopt if there is none.
std::optional<SippStats> parse_sipp_stats(std::string_view csv);
std::optional<SippStats> read_sipp_stats(const std::filesystem::path& file);

/// How a SIPp run ended, from its documented exit codes (0, 1, 97, 99, -1/255,
/// -2/254) and, to tell a failed call from a failed start, its files.
enum class SippEnd {
  all_calls_succeeded,  ///< 0
  calls_failed,         ///< 1
  internal_command,     ///< 97
  no_calls,             ///< 99
  bind_error,           ///< -2: a socket could not be bound (port in use)
  fatal_error,          ///< -1: SIPp gave up
  start_failed,         ///< 1 before any call: e.g. the scenario could not be loaded
  killed,               ///< ended by a signal (the harness stopped it)
};

struct SippOutcome {
  SippEnd end = SippEnd::all_calls_succeeded;
  /// One line: SIPp's own complaint for failures, e.g. `Unable to bind main socket...`.
  std::string detail;

  /// A problem of the environment or the case files, not of the product: the case
  /// is then ERROR.
  bool is_environment_problem() const;
  /// `exit 1 (at least one call failed)`.
  std::string describe(const ProcessExit& exit) const;
};

/// Interprets a SIPp exit. `stderr_text` is what SIPp printed on stderr; `stats`
/// is whether its statistics file got written (SIPp writes it once it runs calls).
SippOutcome interpret_sipp_exit(const ProcessExit& exit, std::string_view stderr_text,
                                bool stats_written);

/// The first complaint in SIPp's stderr without its timestamp prefix.
std::string first_sipp_error(std::string_view stderr_text);

/// What `sipp -v` says about the installed SIPp.
struct SippVersion {
  std::string version;  ///< `3.6.1`
  bool tls = false;     ///< built with TLS (the -t l1 transport)
};

/// Parses the banner of `sipp -v` (` SIPp v3.6.1-SCTP-PCAP-RTPSTREAM.`).
std::optional<SippVersion> parse_sipp_version(std::string_view banner);

}  // namespace sipconf::harness
