#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include "harness/judge/process_exit.h"
#include "harness/lab/network_address.h"
#include "harness/lab/process_launcher.h"
#include "harness/testing/fake_lab_clock.h"

namespace sipconf::harness::testing {

/// How a fake process behaves, in the time of its FakeLabClock from its launch.
struct FakeProcessScript {
  /// When its sockets listen; nullopt: never.
  std::optional<std::chrono::milliseconds> listens_after = std::chrono::milliseconds(0);
  /// When it ends on its own; nullopt: it runs until it is signalled.
  std::optional<std::chrono::milliseconds> exits_after;
  /// How it ends on its own.
  ProcessExit exit;
  /// Whether SIGTERM ends it (after `sigterm_takes`, as `sigterm_exit`); one that
  /// ignores SIGTERM runs until SIGKILL.
  bool ends_on_sigterm = true;
  std::chrono::milliseconds sigterm_takes{10};
  ProcessExit sigterm_exit;
  /// Runs as it ends on its own, e.g. to leave the files its driver writes.
  std::function<void(const ProcessSpec&)> at_exit;
};

/// What became of one launched fake process; the launcher keeps it after the runner
/// has dropped the handle, so that a test can check that nothing was left running.
struct FakeProcessRecord {
  ProcessSpec spec;
  FakeProcessScript script;
  int pid = 0;
  sip::SteadyTime launched_at;
  bool listening = false;
  std::optional<ProcessExit> exit;
  /// Signals sent to its group with signal_group(), in order.
  std::vector<int> signals;
  /// kill_group() calls.
  int group_kills = 0;
  /// The handle was destroyed, which kills what is left of the group (RunningProcess).
  bool released = false;

  /// Ended and its handle dropped: nothing of the process can outlive its case.
  bool stopped() const { return exit.has_value() && released; }
};

/// A ProcessLauncher whose processes run on a FakeLabClock and do what the test
/// scripted for their name (ProcessSpec::name): listen, exit with a status, die by a
/// signal, ignore SIGTERM, or fail to start at all.
class FakeProcessLauncher final : public ProcessLauncher {
 public:
  explicit FakeProcessLauncher(FakeLabClock& clock) : clock_(clock) {}

  /// How processes launched as `name` behave; unscripted ones listen at once and run
  /// until stopped.
  void script(const std::string& name, FakeProcessScript script);
  /// Launching `name` fails with `error`, as for a missing program.
  void fail_launch(const std::string& name, std::error_code error);

  std::unique_ptr<RunningProcess> launch(const ProcessSpec& spec, std::error_code& ec) override;

  /// Whether a running process whose arguments name `address` (sipsim `--listen
  /// ip:port/transport`, SIPp `-i ip -p port`) listens: the runner's ListenProbe.
  bool listening(const NetworkAddress& address) const;

  /// Every launch, in order.
  const std::vector<std::shared_ptr<FakeProcessRecord>>& launched() const { return launched_; }
  /// The last launch of `name`; null if there was none.
  const FakeProcessRecord* find(const std::string& name) const;

 private:
  FakeLabClock& clock_;
  std::map<std::string, FakeProcessScript> scripts_;
  std::map<std::string, std::error_code> failures_;
  std::vector<std::shared_ptr<FakeProcessRecord>> launched_;
  int next_pid_ = 1000;
};

/// An exit with `code`.
ProcessExit exited(int code);
/// An end by `signal` (`core_dumped` as the kernel reports it).
ProcessExit killed_by(int signal, bool core_dumped = false);

}  // namespace sipconf::harness::testing
