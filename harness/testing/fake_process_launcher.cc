#include "harness/testing/fake_process_launcher.h"

#include <csignal>
#include <utility>

namespace sipconf::harness::testing {
namespace {

/// Ends the process once: it stops listening, and later events find it ended.
void end_process(FakeProcessRecord& record, const ProcessExit& exit) {
  if (record.exit) return;
  record.exit = exit;
  record.listening = false;
}

/// True when `args` put the process on `address`: `ip:port` or `ip:port/transport`
/// (sipsim), or `-i ip` with `-p port` (SIPp).
bool names_address(const std::vector<std::string>& args, const NetworkAddress& address) {
  const std::string text = address.to_string();
  bool ip = false;
  bool port = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == text || arg.rfind(text + "/", 0) == 0) return true;
    if (i + 1 < args.size() && arg == "-i") ip = ip || args[i + 1] == address.ip;
    if (i + 1 < args.size() && arg == "-p") {
      port = port || args[i + 1] == std::to_string(address.port);
    }
  }
  return ip && port;
}

class FakeProcess final : public RunningProcess {
 public:
  FakeProcess(std::shared_ptr<FakeProcessRecord> record, FakeLabClock& clock)
      : record_(std::move(record)), clock_(clock) {}

  ~FakeProcess() override {
    end_process(*record_, killed_by(SIGKILL));
    record_->released = true;
  }

  int pid() const override { return record_->pid; }

  std::optional<ProcessExit> poll() override { return record_->exit; }

  void signal_group(int signal) override {
    record_->signals.push_back(signal);
    if (record_->exit) return;
    if (signal == SIGKILL) {
      end_process(*record_, killed_by(SIGKILL));
    } else if (signal == SIGTERM && record_->script.ends_on_sigterm) {
      std::shared_ptr<FakeProcessRecord> record = record_;
      clock_.timers().schedule(record->script.sigterm_takes,
                               [record] { end_process(*record, record->script.sigterm_exit); });
    }
  }

  ProcessExit kill_group() override {
    ++record_->group_kills;
    end_process(*record_, killed_by(SIGKILL));
    return *record_->exit;
  }

 private:
  std::shared_ptr<FakeProcessRecord> record_;
  FakeLabClock& clock_;
};

}  // namespace

ProcessExit exited(int code) {
  ProcessExit exit;
  exit.code = code;
  return exit;
}

ProcessExit killed_by(int signal, bool core_dumped) {
  ProcessExit exit;
  exit.signalled = true;
  exit.signal = signal;
  exit.core_dumped = core_dumped;
  return exit;
}

void FakeProcessLauncher::script(const std::string& name, FakeProcessScript script) {
  scripts_[name] = std::move(script);
}

void FakeProcessLauncher::fail_launch(const std::string& name, std::error_code error) {
  failures_[name] = error;
}

std::unique_ptr<RunningProcess> FakeProcessLauncher::launch(const ProcessSpec& spec,
                                                            std::error_code& ec) {
  ec.clear();
  if (const auto failure = failures_.find(spec.name); failure != failures_.end()) {
    ec = failure->second;
    return nullptr;
  }
  auto record = std::make_shared<FakeProcessRecord>();
  record->spec = spec;
  if (const auto script = scripts_.find(spec.name); script != scripts_.end()) {
    record->script = script->second;
  }
  record->pid = next_pid_++;
  record->launched_at = clock_.now();
  const FakeProcessScript& script = record->script;
  if (script.listens_after) {
    if (script.listens_after->count() <= 0) {
      record->listening = true;
    } else {
      clock_.timers().schedule(*script.listens_after, [record] {
        if (!record->exit) record->listening = true;
      });
    }
  }
  if (script.exits_after) {
    clock_.timers().schedule(*script.exits_after, [record] {
      if (record->exit) return;
      if (record->script.at_exit) record->script.at_exit(record->spec);
      end_process(*record, record->script.exit);
    });
  }
  launched_.push_back(record);
  return std::make_unique<FakeProcess>(std::move(record), clock_);
}

bool FakeProcessLauncher::listening(const NetworkAddress& address) const {
  for (const auto& record : launched_) {
    if (record->listening && names_address(record->spec.args, address)) return true;
  }
  return false;
}

const FakeProcessRecord* FakeProcessLauncher::find(const std::string& name) const {
  for (auto it = launched_.rbegin(); it != launched_.rend(); ++it) {
    if ((*it)->spec.name == name) return it->get();
  }
  return nullptr;
}

}  // namespace sipconf::harness::testing
