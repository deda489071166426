#include "harness/lab/endpoint_driver.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "harness/analysis/sipsim_message_log.h"
#include "harness/judge/sipp_outcome.h"
#include "harness/lab/sipp_command.h"
#include "harness/lab/sipsim_command.h"

namespace sipconf::harness {
namespace {

using manifest::Driver;

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

SippTraceFiles sipp_traces(const PlacedEndpoint& endpoint) {
  return {endpoint.suffixed("_messages.log"), endpoint.suffixed("_errors.log"),
          endpoint.suffixed("_stats.csv")};
}

ProcessSpec sipp_process(const PlacedEndpoint& endpoint, const manifest::CaseManifest& manifest,
                         const Toolbox& tools, const DriverSetup& setup) {
  const manifest::Endpoint& spec = *endpoint.spec;
  SippInvocation invocation;
  invocation.scenario = std::filesystem::absolute(manifest.directory / spec.scenario);
  invocation.mode = spec.mode;
  invocation.transport = spec.transport;
  invocation.local_address = endpoint.sip.ip;
  invocation.local_port = endpoint.sip.port;
  invocation.control_port = endpoint.control_port;
  invocation.media_port = endpoint.media_port;
  if (setup.remote) invocation.remote = setup.remote->to_string();
  invocation.calls = spec.calls;
  invocation.rate = spec.rate;
  invocation.max_concurrent = spec.max_concurrent;
  invocation.service = spec.service;
  invocation.keys = spec.keys;
  invocation.variables = spec.variables;
  if (!spec.injection_file.empty()) {
    invocation.injection_file = std::filesystem::absolute(manifest.directory / spec.injection_file);
  }
  invocation.backstop = setup.backstop;
  invocation.traces = sipp_traces(endpoint);
  return ProcessSpec{spec.name,
                     tools.sipp.value_or("sipp"),
                     sipp_arguments(invocation),
                     setup.case_directory,
                     endpoint.stdout_path(),
                     endpoint.stderr_path()};
}

ProcessSpec sipsim_process(const PlacedEndpoint& endpoint, const Toolbox& tools,
                           const DriverSetup& setup) {
  const manifest::Endpoint& spec = *endpoint.spec;
  SipsimInvocation invocation;
  invocation.profile = spec.profile;
  invocation.mode = spec.mode;
  invocation.transport = spec.transport;
  invocation.listen = endpoint.sip;
  invocation.remote = setup.remote;
  invocation.behaviours = spec.behaviours;
  invocation.calls = spec.calls;
  invocation.rate = spec.rate;
  invocation.max_concurrent = spec.max_concurrent;
  invocation.backstop = setup.backstop;
  invocation.message_log = sipsim_message_log_path(setup.case_directory, spec.name);
  invocation.summary = endpoint.suffixed("_summary.json");
  invocation.tls = setup.tls;
  invocation.tls_server_name = setup.tls_server_name;
  return ProcessSpec{spec.name,
                     tools.sipsim.value_or("sipsim"),
                     sipsim_arguments(invocation),
                     setup.case_directory,
                     endpoint.stdout_path(),
                     endpoint.stderr_path()};
}

std::optional<EnvironmentProblem> read_sipp_exit(PlacedEndpoint& endpoint) {
  const SippTraceFiles traces = sipp_traces(endpoint);
  std::error_code ec;
  const bool stats_written = std::filesystem::exists(traces.stats, ec);
  const SippOutcome outcome =
      interpret_sipp_exit(*endpoint.run.exit, read_text(endpoint.stderr_path()), stats_written);
  endpoint.run.sipp = outcome;
  endpoint.run.exit_description = outcome.describe(*endpoint.run.exit);
  endpoint.run.stats = read_sipp_stats(traces.stats);
  if (endpoint.run.stats) {
    endpoint.run.calls =
        CallCounts{endpoint.run.stats->successful_calls(), endpoint.run.stats->failed_calls()};
  }
  if (!outcome.is_environment_problem()) return std::nullopt;
  const std::string& name = endpoint.spec->name;
  switch (outcome.end) {
    case SippEnd::bind_error:
      return EnvironmentProblem{fmt::format("port in use: {}: {}", name, outcome.detail), true};
    case SippEnd::start_failed:
      return EnvironmentProblem{fmt::format("{}: sipp could not start: {}", name, outcome.detail)};
    default:
      return EnvironmentProblem{fmt::format("{}: sipp fatal error ({}): {}", name,
                                            endpoint.run.exit->describe(), outcome.detail)};
  }
}

std::optional<EnvironmentProblem> read_sipsim_exit(PlacedEndpoint& endpoint) {
  const SipsimOutcome outcome =
      interpret_sipsim_exit(*endpoint.run.exit, read_text(endpoint.stderr_path()));
  endpoint.run.exit_description = outcome.description;
  endpoint.run.calls = read_sipsim_summary(endpoint.suffixed("_summary.json"));
  if (!outcome.environment_problem) return std::nullopt;
  const std::string& name = endpoint.spec->name;
  if (outcome.port_in_use) {
    return EnvironmentProblem{fmt::format("port in use: {}: {}", name, outcome.detail), true};
  }
  return EnvironmentProblem{
      fmt::format("{}: sipsim {}: {}", name, outcome.description, outcome.detail)};
}

}  // namespace

std::filesystem::path PlacedEndpoint::suffixed(const char* suffix) const {
  std::filesystem::path path = base;
  path += suffix;
  return path;
}

std::vector<std::filesystem::path> PlacedEndpoint::trace_files() const {
  if (spec != nullptr && spec->driver == Driver::sipsim) {
    return {suffixed("_messages.jsonl"), suffixed("_summary.json")};
  }
  const SippTraceFiles traces = sipp_traces(*this);
  return {traces.messages, traces.errors, traces.stats};
}

ProcessSpec driver_process(const PlacedEndpoint& endpoint, const manifest::CaseManifest& manifest,
                           const Toolbox& tools, const DriverSetup& setup) {
  if (endpoint.spec->driver == Driver::sipsim) return sipsim_process(endpoint, tools, setup);
  return sipp_process(endpoint, manifest, tools, setup);
}

std::optional<EnvironmentProblem> read_endpoint_exit(PlacedEndpoint& endpoint) {
  if (endpoint.exit_read || !endpoint.run.exit) return std::nullopt;
  endpoint.exit_read = true;
  if (endpoint.spec->driver == Driver::sipsim) return read_sipsim_exit(endpoint);
  return read_sipp_exit(endpoint);
}

}  // namespace sipconf::harness
