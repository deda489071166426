#include "harness/lab/sipsim_command.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <fstream>

#include "base/duration.h"

namespace sipconf::harness {

std::vector<std::string> sipsim_arguments(const SipsimInvocation& invocation) {
  const std::string transport(manifest::to_string(invocation.transport));
  std::vector<std::string> args = {
      "--profile",       invocation.profile,
      "--mode",          std::string(manifest::to_string(invocation.mode)),
      "--listen",        invocation.listen.to_string() + "/" + transport,
      "--media-address", invocation.listen.ip,
  };
  if (invocation.remote) {
    args.insert(args.end(), {"--remote", invocation.remote->to_string() + "/" + transport});
  }
  if (invocation.tls) {
    args.insert(args.end(),
                {"--tls-cert", invocation.tls->certificate.string(), "--tls-key",
                 invocation.tls->key.string(), "--tls-ca", invocation.tls->ca.string()});
    if (!invocation.tls_server_name.empty()) {
      args.insert(args.end(), {"--tls-server-name", invocation.tls_server_name});
    }
  }
  std::string shape = fmt::format("calls={},rate={:g}", invocation.calls, invocation.rate);
  if (invocation.max_concurrent > 0) {
    shape += fmt::format(",max_concurrent={}", invocation.max_concurrent);
  }
  args.insert(args.end(), {"--behaviour", shape});
  for (const manifest::NameValue& behaviour : invocation.behaviours) {
    args.insert(args.end(), {"--behaviour", behaviour.name + "=" + behaviour.value});
  }
  args.insert(args.end(), {"--duration", base::duration_spelling(invocation.backstop),
                           "--message-log", invocation.message_log.string(), "--summary",
                           invocation.summary.string(), "--log-level", "info"});
  return args;
}

std::optional<CallCounts> read_sipsim_summary(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  const nlohmann::json summary = nlohmann::json::parse(in, nullptr, false);
  if (summary.is_discarded() || !summary.contains("calls") || !summary["calls"].is_object()) {
    return std::nullopt;
  }
  const nlohmann::json& calls = summary["calls"];
  auto count = [&](const char* key) -> std::int64_t {
    return calls.contains(key) && calls[key].is_number_integer() ? calls[key].get<std::int64_t>()
                                                                 : 0;
  };
  return CallCounts{count("as_intended"), count("failed") + count("unfinished")};
}

SipsimOutcome interpret_sipsim_exit(const ProcessExit& exit, std::string_view stderr_text) {
  SipsimOutcome outcome;
  if (exit.signalled) {
    outcome.description = exit.describe();
    return outcome;
  }
  const std::string first_line(stderr_text.substr(0, stderr_text.find('\n')));
  switch (exit.code) {
    case 0:
      outcome.description = "exit 0 (calls went as intended)";
      return outcome;
    case 1:
      outcome.description = "exit 1 (calls did not go as intended)";
      return outcome;
    case 2:
      outcome.description = "exit 2 (bad options or profile)";
      break;
    case 3:
      outcome.description = "exit 3 (could not start)";
      break;
    default:
      outcome.description = exit.describe();
      break;
  }
  outcome.environment_problem = true;
  outcome.detail = first_line;
  outcome.port_in_use = stderr_text.find("in use") != std::string_view::npos;
  return outcome;
}

}  // namespace sipconf::harness
