#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "harness/analysis/capture_analysis.h"
#include "reports/model/run_model.h"

namespace CLI {
class App;
}

namespace sipconf::harness {

using reports::Status;

/// `sipconf analyze CAPTURE [--sut ADDR]... [--json FILE | -o DIR] [--per-call] [--strict]`
struct AnalyzeCommandOptions {
  std::filesystem::path capture;
  /// Addresses of the middle element (SUT): `IP` or `IP:port`, the port is ignored.
  std::vector<std::string> sut;
  std::filesystem::path json;        ///< results.json to write; none when empty.
  std::filesystem::path output_dir;  ///< Writes DIR/results.json; none when empty.
  bool per_call = false;             ///< One record per call instead of one per capture.
  bool strict = false;               ///< Exit 1 when a finding of severity error was seen.
  bool quiet = false;                ///< No summary on stdout.
  bool rules = false;                ///< List the finding rules and exit.
};

/// Exit statuses of `sipconf analyze`.
inline constexpr int kAnalyzeDone = 0;
inline constexpr int kAnalyzeViolations = 1;  ///< --strict and an error-severity finding.
inline constexpr int kAnalyzeBadInput = 2;  ///< Unreadable capture, bad option, unwritable output.

/// The results.json of an analysis: one record for the capture, or one per call (plus
/// one for the messages outside calls) with `per_call`. A record is FAIL when findings
/// of severity error were seen, with one `finding` subtest per rule that fired.
reports::Run analysis_run_record(const CaptureAnalysis& analysis,
                                 const AnalyzeCommandOptions& options,
                                 const std::vector<IpAddress>& middle,
                                 const std::filesystem::path& results_dir);

/// Runs the command: prints the summary on `out`, problems on `err` (one line each,
/// naming the file), writes results.json when asked; returns one of the statuses above.
int run_analyze_command(const AnalyzeCommandOptions& options, std::ostream& out, std::ostream& err);

/// Registers the `analyze` subcommand.
void add_analyze_command(CLI::App& app);

}  // namespace sipconf::harness
