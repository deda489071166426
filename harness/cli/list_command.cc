#include "harness/cli/list_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <memory>

#include "harness/manifest/case_set.h"

namespace sipconf::harness {
namespace {

using nlohmann::json;

std::vector<std::string> peer_kinds(const manifest::LoadedCase& loaded) {
  std::vector<std::string> kinds;
  if (!loaded.manifest) return kinds;
  for (manifest::PeerRole role : loaded.manifest->peer_kinds()) {
    kinds.emplace_back(to_string(role));
  }
  return kinds;
}

std::string note(const manifest::LoadedCase& loaded) {
  if (!loaded.runnable()) return "invalid (sipconf lint)";
  const manifest::CaseFlags& flags = loaded.manifest->flags;
  if (flags.skip) return "skip: " + *flags.skip;
  if (flags.expected_failure) return "expected to fail: " + *flags.expected_failure;
  return "";
}

json case_json(const manifest::LoadedCase& loaded) {
  json out = {{"id", loaded.id},
              {"path", loaded.manifest_path.parent_path().generic_string()},
              {"valid", loaded.runnable()},
              {"peer_kinds", peer_kinds(loaded)}};
  if (!loaded.diagnostics.empty()) out["error"] = loaded.diagnostics.front().to_string();
  if (!loaded.manifest) return out;
  const manifest::CaseManifest& manifest = *loaded.manifest;
  out["description"] = manifest.description;
  out["behaviours"] = manifest.behaviour_ids();
  out["sut"] = std::string(to_string(manifest.sut.kind));
  out["timeout_ms"] = manifest.timeout.count();
  json endpoints = json::array();
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    endpoints.push_back({{"name", endpoint.name},
                         {"role", std::string(to_string(endpoint.role))},
                         {"driver", std::string(to_string(endpoint.driver))},
                         {"mode", std::string(to_string(endpoint.mode))},
                         {"transport", std::string(to_string(endpoint.transport))}});
  }
  out["endpoints"] = endpoints;
  json flags = json::object();
  if (manifest.flags.expected_failure) flags["expected_failure"] = *manifest.flags.expected_failure;
  if (manifest.flags.skip) flags["skip"] = *manifest.flags.skip;
  if (manifest.flags.needs_root) flags["needs_root"] = true;
  if (manifest.flags.needs_capture) flags["needs_capture"] = true;
  out["flags"] = flags;
  return out;
}

}  // namespace

int run_list_command(const ListCommandOptions& options, std::ostream& out, std::ostream& err) {
  const std::vector<std::filesystem::path> paths =
      options.paths.empty() ? std::vector<std::filesystem::path>{"scenarios"} : options.paths;
  const manifest::CaseSet set = manifest::load_cases(paths, options.catalogue);
  for (const base::Diagnostic& d : set.diagnostics) err << d.to_string() << '\n';
  if (options.json) {
    json cases = json::array();
    for (const manifest::LoadedCase& loaded : set.cases) cases.push_back(case_json(loaded));
    out << cases.dump(2) << '\n';
  } else {
    std::size_t id_width = 4;
    std::size_t peers_width = 5;
    for (const manifest::LoadedCase& loaded : set.cases) {
      id_width = std::max(id_width, loaded.id.size());
      peers_width =
          std::max(peers_width, fmt::format("{}", fmt::join(peer_kinds(loaded), ",")).size());
    }
    out << fmt::format("{:<{}}  {:<{}}  {}\n", "CASE", id_width, "PEERS", peers_width,
                       "BEHAVIOURS");
    for (const manifest::LoadedCase& loaded : set.cases) {
      const std::vector<std::string> behaviours =
          loaded.manifest ? loaded.manifest->behaviour_ids() : std::vector<std::string>{};
      std::string line = fmt::format("{:<{}}  {:<{}}  {}", loaded.id, id_width,
                                     fmt::format("{}", fmt::join(peer_kinds(loaded), ",")),
                                     peers_width, fmt::join(behaviours, " "));
      if (const std::string n = note(loaded); !n.empty()) line += "  [" + n + "]";
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out << line << '\n';
    }
  }
  return set.diagnostics.empty() ? 0 : 2;
}

void add_list_command(CLI::App& app) {
  auto options = std::make_shared<ListCommandOptions>();
  CLI::App* command =
      app.add_subcommand("list", "List cases with their behaviour IDs and peer kinds");
  command->add_option("paths", options->paths,
                      "suites, case directories or case.xml files (default: scenarios)");
  command->add_option("--catalogue", options->catalogue,
                      "behaviour catalogue (default: the catalogue.txt above the cases)");
  command->add_flag("--json", options->json, "print JSON instead of a table");
  command->callback([options] {
    const int status = run_list_command(*options, std::cout, std::cerr);
    if (status != 0) throw CLI::RuntimeError(status);
  });
}

}  // namespace sipconf::harness
