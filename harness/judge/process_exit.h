#pragma once

#include <string>

namespace sipconf::harness {

/// How a process ended.
struct ProcessExit {
  bool signalled = false;
  /// Exit status (0-255) when it exited normally.
  int code = 0;
  int signal = 0;
  bool core_dumped = false;

  /// Decodes a waitpid(2) status.
  static ProcessExit from_wait_status(int status);
  /// `exit 1`, `killed by SIGSEGV (core dumped)`.
  std::string describe() const;
  /// Ended by a signal that means a bug (SEGV, ABRT, BUS, FPE, ILL, TRAP) or dumped core.
  bool crashed() const;
};

}  // namespace sipconf::harness
