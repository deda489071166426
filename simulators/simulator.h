#pragma once

#include <string>

#include "simulators/behaviours.h"
#include "simulators/command_line.h"
#include "simulators/profile_loader.h"

namespace sipconf::simulators {

/// Exit statuses of the sipsim binary.
inline constexpr int kExitAsIntended = 0;
inline constexpr int kExitCallsFailed = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitCannotStart = 3;

/// Runs one simulator process on real sockets and timers until its calls are done, its
/// duration ends or SIGINT/SIGTERM arrives; writes the summary and returns the exit status.
int run_simulator(const SimulatorOptions& options, const Behaviours& behaviours,
                  const ProfileInfo& profile);

}  // namespace sipconf::simulators
