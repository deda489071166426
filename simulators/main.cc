// sipsim: a simulated Lync, IP-PBX, PSTN-gateway or ITSP endpoint (see simulators/README.md).
//   sipsim --profile pstn-gateway --listen 127.0.0.5:5066/tcp --behaviour ring=183 ...
#include <cstdio>

#include "base/diagnostic_renderer.h"
#include "simulators/command_line.h"
#include "simulators/simulator.h"

int main(int argc, char** argv) {
  using namespace sipconf::simulators;
  SimulatorOptions options;
  switch (parse_command_line(argc, argv, options)) {
    case CommandLineOutcome::exit_success:
      return 0;
    case CommandLineOutcome::exit_failure:
      return kExitBadInput;
    case CommandLineOutcome::run:
      break;
  }
  Behaviours behaviours;
  ProfileInfo profile;
  sipconf::base::Diagnostics diags;
  if (load_behaviours(options, behaviours, profile, diags)) {
    std::fputs(sipconf::base::DiagnosticRenderer().render(diags).c_str(), stderr);
    return kExitBadInput;
  }
  return run_simulator(options, behaviours, profile);
}
