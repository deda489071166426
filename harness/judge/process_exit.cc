#include "harness/judge/process_exit.h"

#include <signal.h>
#include <sys/wait.h>

#include <fmt/format.h>

namespace sipconf::harness {
namespace {

std::string signal_name(int signal) {
  switch (signal) {
    case SIGSEGV:
      return "SIGSEGV";
    case SIGABRT:
      return "SIGABRT";
    case SIGBUS:
      return "SIGBUS";
    case SIGFPE:
      return "SIGFPE";
    case SIGILL:
      return "SIGILL";
    case SIGTRAP:
      return "SIGTRAP";
    case SIGKILL:
      return "SIGKILL";
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    case SIGHUP:
      return "SIGHUP";
    case SIGPIPE:
      return "SIGPIPE";
    default:
      return fmt::format("signal {}", signal);
  }
}

}  // namespace

ProcessExit ProcessExit::from_wait_status(int status) {
  ProcessExit exit;
  if (WIFSIGNALED(status)) {
    exit.signalled = true;
    exit.signal = WTERMSIG(status);
    exit.core_dumped = WCOREDUMP(status);
  } else if (WIFEXITED(status)) {
    exit.code = WEXITSTATUS(status);
  }
  return exit;
}

std::string ProcessExit::describe() const {
  if (!signalled) return fmt::format("exit {}", code);
  return fmt::format("killed by {}{}", signal_name(signal), core_dumped ? " (core dumped)" : "");
}

bool ProcessExit::crashed() const {
  if (core_dumped) return true;
  if (!signalled) return false;
  return signal == SIGSEGV || signal == SIGABRT || signal == SIGBUS || signal == SIGFPE ||
         signal == SIGILL || signal == SIGTRAP;
}

}  // namespace sipconf::harness
