#pragma once

#include <filesystem>
#include <functional>
#include <ostream>
#include <stop_token>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace sipconf::harness {

/// `sipconf run [PATH...]` options.
struct RunCommandOptions {
  std::vector<std::filesystem::path> paths;  ///< Suites, case directories or manifests.
  /// `builtin` (the reference mediation) or `HOST:PORT` of an external SUT.
  std::string sut = "builtin";
  std::filesystem::path sut_description;
  int jobs = 0;  ///< 0: one per core.
  std::string filter;
  std::vector<std::string> behaviours;
  int repeat = 1;
  std::filesystem::path output = "out";
  std::filesystem::path junit;
  std::filesystem::path html;
  std::filesystem::path catalogue;
  /// The mediation binary; empty: the one built beside sipconf.
  std::filesystem::path mediation;
  /// The sipsim binary for sipsim endpoints; empty: the one built beside sipconf.
  std::filesystem::path sipsim;
};

/// What the caller of a run controls from outside.
struct RunControl {
  /// Requested on SIGINT/SIGTERM.
  std::stop_token stop;
  /// The signal that requested the stop (0 if none), for the exit status.
  std::function<int()> signal = [] { return 0; };
  /// Redraw a live progress line (stdout is a terminal) instead of plain lines.
  bool terminal = false;
};

/// Exit statuses of `sipconf run` (an interrupted run exits 128 + the signal).
inline constexpr int kRunPassed = 0;
inline constexpr int kRunFailed = 1;  ///< A case is FAIL, XPASS, TIMEOUT, CRASH or ERROR.
inline constexpr int kRunBadInvocation = 2;

/// Runs the selected cases, writes `OUTPUT/results.json` (and JUnit/HTML if asked)
/// even when cases fail or the run is interrupted, prints progress on `out` and
/// problems with the invocation on `err`. Returns one of the statuses above.
int run_run_command(const RunCommandOptions& options, const RunControl& control, std::ostream& out,
                    std::ostream& err);

/// Registers `run`; Ctrl-C and SIGTERM stop it cleanly. A non-zero status is raised
/// as CLI::RuntimeError, which CLI11 turns into the exit status.
void add_run_command(CLI::App& app);

}  // namespace sipconf::harness
