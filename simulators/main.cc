// sipsim: a simulated Lync, IP-PBX, PSTN-gateway or ITSP endpoint (see simulators/README.md).
//   sipsim --profile pstn-gateway --listen 127.0.0.5:5066/tcp --behaviour ring=183 ...
#include <cstdio>
#include <string>
#include <vector>

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
  std::vector<std::string> errors;
  if (!load_behaviours(options, behaviours, profile, errors)) {
    for (const std::string& error : errors) std::fprintf(stderr, "%s\n", error.c_str());
    return kExitBadInput;
  }
  return run_simulator(options, behaviours, profile);
}
