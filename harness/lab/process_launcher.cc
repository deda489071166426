#include "harness/lab/process_launcher.h"

#include <signal.h>
#include <unistd.h>

#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/extend.hpp>
#include <boost/process/io.hpp>
#include <boost/process/start_dir.hpp>

#include <cstdlib>
#include <utility>

namespace sipconf::harness {
namespace bp = boost::process;

namespace {

/// Puts the child in a new process group between fork and exec.
struct NewProcessGroup : bp::extend::handler {
  template <typename Executor>
  void on_exec_setup(Executor&) const {
    ::setpgid(0, 0);
  }
};

class BoostProcess final : public RunningProcess {
 public:
  explicit BoostProcess(bp::child child) : child_(std::move(child)), pid_(child_.id()) {
    // The child calls setpgid itself; doing it here too closes the window in which a
    // kill of the group could miss a child that has not run yet.
    ::setpgid(pid_, pid_);
  }

  ~BoostProcess() override {
    if (!exit_) kill_group();
    // Members of the group may outlive the leader (e.g. a shell's background job).
    ::kill(-pid_, SIGKILL);
  }

  int pid() const override { return pid_; }

  std::optional<ProcessExit> poll() override {
    if (exit_) return exit_;
    std::error_code ec;
    if (child_.running(ec)) return std::nullopt;
    exit_ = ProcessExit::from_wait_status(child_.native_exit_code());
    return exit_;
  }

  void signal_group(int signal) override { ::kill(-pid_, signal); }

  ProcessExit kill_group() override {
    ::kill(-pid_, SIGKILL);
    if (!exit_) {
      std::error_code ec;
      child_.wait(ec);
      exit_ = ProcessExit::from_wait_status(child_.native_exit_code());
    }
    return *exit_;
  }

 private:
  bp::child child_;
  int pid_;
  std::optional<ProcessExit> exit_;
};

class BoostProcessLauncher final : public ProcessLauncher {
 public:
  std::unique_ptr<RunningProcess> launch(const ProcessSpec& spec, std::error_code& ec) override {
    ec.clear();
    const std::string out = spec.stdout_path.empty() ? "/dev/null" : spec.stdout_path.string();
    const std::string err = spec.stderr_path.empty() ? "/dev/null" : spec.stderr_path.string();
    const std::string dir = spec.working_directory.empty()
                                ? std::filesystem::current_path(ec).string()
                                : spec.working_directory.string();
    if (ec) return nullptr;
    // The child starts in `dir`; a relative program path means one relative to ours.
    const std::filesystem::path program =
        spec.program.is_relative() && spec.program.has_parent_path()
            ? std::filesystem::absolute(spec.program)
            : spec.program;
    bp::child child(program.string(), bp::args(spec.args), (bp::std_in < bp::null),
                    (bp::std_out > out), (bp::std_err > err), bp::start_dir(dir), NewProcessGroup{},
                    ec);
    if (ec) return nullptr;
    return std::make_unique<BoostProcess>(std::move(child));
  }
};

}  // namespace

std::unique_ptr<ProcessLauncher> make_process_launcher() {
  return std::make_unique<BoostProcessLauncher>();
}

std::optional<std::filesystem::path> find_program(std::string_view name) {
  std::error_code ec;
  auto executable = [&](const std::filesystem::path& path) {
    return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
  };
  if (name.find('/') != std::string_view::npos) {
    const std::filesystem::path path(name);
    if (executable(path)) return path;
    return std::nullopt;
  }
  const char* env = std::getenv("PATH");
  std::string_view path_list = env ? env : "/usr/local/bin:/usr/bin:/bin";
  while (!path_list.empty()) {
    const std::size_t colon = path_list.find(':');
    const std::string_view dir = path_list.substr(0, colon);
    path_list.remove_prefix(colon == std::string_view::npos ? path_list.size() : colon + 1);
    if (dir.empty()) continue;
    const std::filesystem::path candidate = std::filesystem::path(dir) / name;
    if (executable(candidate)) return candidate;
  }
  return std::nullopt;
}

std::optional<ProcessExit> wait_for_exit(RunningProcess& process, sip::SteadyTime deadline,
                                         const std::stop_token& stop, LabClock& clock) {
  for (;;) {
    if (std::optional<ProcessExit> exit = process.poll()) return exit;
    if (stop.stop_requested() || clock.now() >= deadline) return std::nullopt;
    clock.pause(std::chrono::milliseconds(5));
  }
}

std::optional<ProcessExit> wait_for_exit(RunningProcess& process,
                                         std::chrono::steady_clock::time_point deadline,
                                         const std::stop_token& stop) {
  RealLabClock clock;
  return wait_for_exit(process, deadline, stop, clock);
}

ProcessExit terminate_group(RunningProcess& process, std::chrono::milliseconds grace,
                            LabClock& clock) {
  if (std::optional<ProcessExit> exit = process.poll()) {
    process.kill_group();  // Leftover members of the group, if any.
    return *exit;
  }
  process.signal_group(SIGTERM);
  const std::optional<ProcessExit> exit =
      wait_for_exit(process, clock.now() + grace, std::stop_token(), clock);
  const ProcessExit killed = process.kill_group();
  return exit ? *exit : killed;
}

ProcessExit terminate_group(RunningProcess& process, std::chrono::milliseconds grace) {
  RealLabClock clock;
  return terminate_group(process, grace, clock);
}

}  // namespace sipconf::harness
