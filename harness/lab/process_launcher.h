#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "harness/judge/process_exit.h"
#include "harness/lab/lab_clock.h"

namespace sipconf::harness {

/// What to start: a program with arguments, its output captured into files.
struct ProcessSpec {
  /// Short name for messages (`caller`, `sut`).
  std::string name;
  std::filesystem::path program;
  std::vector<std::string> args;
  /// Empty: the harness's working directory.
  std::filesystem::path working_directory;
  /// Empty: discarded.
  std::filesystem::path stdout_path;
  std::filesystem::path stderr_path;
};

/// A started process. It runs in its own process group, so that it and everything
/// it spawns can be stopped together, and so that a Ctrl-C at the terminal reaches
/// only the harness, which then stops the groups itself.
class RunningProcess {
 public:
  /// Kills the group if it is still running: a handle never leaves an orphan behind.
  virtual ~RunningProcess() = default;
  virtual int pid() const = 0;
  /// The exit once the process has ended (it is reaped then); never blocks.
  virtual std::optional<ProcessExit> poll() = 0;
  /// Sends `signal` to every process of the group.
  virtual void signal_group(int signal) = 0;
  /// SIGKILLs the whole group, reaps the child and returns how it ended.
  virtual ProcessExit kill_group() = 0;
};

/// Starts processes; the seam that lets the runner be tested with fakes.
class ProcessLauncher {
 public:
  virtual ~ProcessLauncher() = default;
  /// Starts `spec`; on failure returns null and sets `ec` (e.g. no such file).
  virtual std::unique_ptr<RunningProcess> launch(const ProcessSpec& spec, std::error_code& ec) = 0;
};

/// The real launcher, on Boost.Process; each child calls setpgid(0, 0) before exec.
std::unique_ptr<ProcessLauncher> make_process_launcher();

/// Looks `name` up on PATH (a name with a `/` is checked as is).
std::optional<std::filesystem::path> find_program(std::string_view name);

/// Polls until the process ends, `deadline` passes or a stop is requested;
/// nullopt unless it ended. `clock` tells the time and paces the polls.
std::optional<ProcessExit> wait_for_exit(RunningProcess& process, sip::SteadyTime deadline,
                                         const std::stop_token& stop, LabClock& clock);
/// The same on the real clock.
std::optional<ProcessExit> wait_for_exit(RunningProcess& process,
                                         std::chrono::steady_clock::time_point deadline,
                                         const std::stop_token& stop);

/// Stops a process politely: SIGTERM to its group, then SIGKILL after `grace` on
/// `clock`. Returns how the process itself ended.
ProcessExit terminate_group(RunningProcess& process, std::chrono::milliseconds grace,
                            LabClock& clock);
/// The same on the real clock.
ProcessExit terminate_group(RunningProcess& process, std::chrono::milliseconds grace);

}  // namespace sipconf::harness
