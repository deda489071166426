#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>

namespace CLI {
class App;
}

namespace sipconf::harness {

/// `sipconf report results.json [-o report.html] [--junit junit.xml] [--baseline OLD.json]`
struct ReportCommandOptions {
  std::filesystem::path results;   ///< results.json of the run to render.
  std::filesystem::path html;      ///< HTML report; defaults to report.html beside results.json
                                   ///< when neither output is given.
  std::filesystem::path junit;     ///< JUnit XML; none when empty.
  std::filesystem::path baseline;  ///< An earlier results.json to compare with; none when empty.
  std::string latency_threshold = "20%";
  std::int64_t latency_floor_us = 100;
};

/// Exit statuses of `sipconf report`.
inline constexpr int kReportWritten = 0;
inline constexpr int kReportWriteFailed = 1;  ///< An output file could not be written.
inline constexpr int kReportBadInput = 2;     ///< results.json, the baseline or an option is bad.

/// Renders the requested files. Says what it wrote on `out` (one line per file) and
/// what is wrong on `err` (`file: what is wrong`); returns one of the statuses above.
int run_report_command(const ReportCommandOptions& options, std::ostream& out, std::ostream& err);

/// Registers the `report` subcommand. A non-zero status is raised as CLI::RuntimeError,
/// which CLI11's App::exit turns into the process exit status without printing more.
void add_report_command(CLI::App& app);

}  // namespace sipconf::harness
