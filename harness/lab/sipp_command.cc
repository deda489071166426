#include "harness/lab/sipp_command.h"

#include <fmt/format.h>

namespace sipconf::harness {

std::string sipp_transport_mode(manifest::Transport transport) {
  switch (transport) {
    case manifest::Transport::udp:
      return "u1";
    case manifest::Transport::tcp:
      return "t1";
    case manifest::Transport::tls:
      return "l1";
  }
  return "u1";
}

std::vector<std::string> sipp_arguments(const SippInvocation& invocation) {
  std::vector<std::string> args = {
      "-sf",
      invocation.scenario.string(),
      "-t",
      sipp_transport_mode(invocation.transport),
      "-i",
      invocation.local_address,
      "-p",
      std::to_string(invocation.local_port),
      "-bind_local",
      "-ci",
      invocation.local_address,
      "-cp",
      std::to_string(invocation.control_port),
      "-mi",
      invocation.local_address,
      "-mp",
      std::to_string(invocation.media_port),
      "-m",
      std::to_string(invocation.calls),
      "-nostdin",
  };
  if (invocation.mode == manifest::EndpointMode::uac) {
    args.insert(args.end(), {"-r", fmt::format("{:g}", invocation.rate), "-rp", "1000"});
  }
  if (invocation.max_concurrent > 0) {
    args.insert(args.end(), {"-l", std::to_string(invocation.max_concurrent)});
  }
  if (!invocation.service.empty()) args.insert(args.end(), {"-s", invocation.service});
  for (const manifest::NameValue& key : invocation.keys) {
    args.insert(args.end(), {"-key", key.name, key.value});
  }
  for (const manifest::NameValue& variable : invocation.variables) {
    args.insert(args.end(), {"-set", variable.name, variable.value});
  }
  if (!invocation.injection_file.empty()) {
    args.insert(args.end(), {"-inf", invocation.injection_file.string()});
  }
  // SIPp reads -timeout in seconds; round up so the backstop never fires early.
  const auto seconds = (invocation.backstop.count() + 999) / 1000;
  args.insert(args.end(), {"-timeout", fmt::format("{}s", seconds), "-timeout_error"});
  args.insert(args.end(), {"-trace_msg", "-message_file", invocation.traces.messages.string(),
                           "-trace_err", "-error_file", invocation.traces.errors.string(),
                           "-trace_stat", "-stf", invocation.traces.stats.string()});
  if (!invocation.remote.empty()) args.push_back(invocation.remote);
  return args;
}

}  // namespace sipconf::harness
