#include "harness/manifest/case_checks.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>
#include <string>
#include <system_error>

#include "base/text_pattern.h"
#include "harness/manifest/sipp_scenario.h"

namespace sipconf::manifest {
namespace {

bool is_ip_literal(const std::string& text) {
  static const base::TextPattern ipv4("^([0-9]{1,3}\\.){3}[0-9]{1,3}$");
  return ipv4.matches(text) || text.find(':') != std::string::npos;
}

class CaseChecker {
 public:
  CaseChecker(const CaseManifest& manifest, const Catalogue& catalogue, base::Diagnostics& diags)
      : manifest_(manifest), catalogue_(catalogue), diags_(diags) {}

  void run() {
    check_behaviours();
    check_endpoints();
    check_start_order();
    if (manifest_.sut.kind == SutKind::mediation) check_mediation();
    for (const Expectation& expectation : manifest_.expectations) check_expectation(expectation);
  }

 private:
  void error(const base::SourceLocation& where, std::string message) {
    base::report(diags_, where, std::move(message));
  }

  bool is_endpoint(const std::string& name) const {
    return manifest_.find_endpoint(name) != nullptr;
  }

  void check_behaviours() {
    std::set<std::string> seen;
    for (const BehaviourRef& behaviour : manifest_.behaviours) {
      if (!catalogue_.accepts(behaviour.id)) {
        error(behaviour.where,
              fmt::format("unknown behaviour ID `{}`: not in the catalogue and not an RFC "
                          "reference such as RFC3261-17.1.1",
                          behaviour.id));
      }
      if (!seen.insert(behaviour.id).second) {
        error(behaviour.where, fmt::format("behaviour `{}` is listed twice", behaviour.id));
      }
    }
  }

  void check_file(const Endpoint& endpoint, const std::filesystem::path& relative,
                  std::string_view what) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(manifest_.directory / relative, ec)) {
      error(endpoint.where,
            fmt::format("{} `{}` of endpoint {} does not exist in {}", what, relative.string(),
                        endpoint.name, manifest_.directory.string()));
    }
  }

  void check_endpoints() {
    std::set<std::string> names;
    const bool with_sut = manifest_.sut.kind != SutKind::none;
    for (const Endpoint& endpoint : manifest_.endpoints) {
      if (!endpoint.name.empty() && !names.insert(endpoint.name).second) {
        error(endpoint.where, fmt::format("endpoint name `{}` is used twice", endpoint.name));
      }
      if (endpoint.driver == Driver::sipp) {
        check_sipp_endpoint(endpoint);
      } else {
        check_sipsim_endpoint(endpoint);
      }
      if (!endpoint.injection_file.empty()) {
        check_file(endpoint, endpoint.injection_file, "injection file");
      }
      if (with_sut) {
        if (!endpoint.remote.empty()) {
          error(endpoint.where, fmt::format("endpoint {} talks to the SUT; `remote` applies only "
                                            "with <sut kind=\"none\"/>",
                                            endpoint.name));
        }
        check_interface(endpoint);
      } else {
        if (!endpoint.interface.empty()) {
          error(endpoint.where,
                fmt::format("endpoint {} names SUT interface `{}` but the case has no SUT",
                            endpoint.name, endpoint.interface));
        }
        if (endpoint.mode == EndpointMode::uac && endpoint.remote.empty()) {
          error(endpoint.where, fmt::format("UAC endpoint {} needs `remote` (the endpoint it "
                                            "calls) when the case has no SUT",
                                            endpoint.name));
        } else if (!endpoint.remote.empty() && !is_endpoint(endpoint.remote)) {
          error(endpoint.where, fmt::format("endpoint {}: remote `{}` is not an endpoint",
                                            endpoint.name, endpoint.remote));
        } else if (endpoint.remote == endpoint.name) {
          error(endpoint.where, fmt::format("endpoint {} cannot call itself", endpoint.name));
        }
      }
    }
  }

  void check_sipp_endpoint(const Endpoint& endpoint) {
    if (!endpoint.profile.empty() || !endpoint.behaviours.empty()) {
      error(endpoint.where, fmt::format("endpoint {} is driven by sipp; `profile` and "
                                        "<behaviour-override> belong to sipsim endpoints",
                                        endpoint.name));
    }
    if (endpoint.scenario.empty()) {
      error(endpoint.where, fmt::format("sipp endpoint {} needs a `scenario` file", endpoint.name));
      return;
    }
    const std::filesystem::path path = manifest_.directory / endpoint.scenario;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      check_file(endpoint, endpoint.scenario, "scenario");
      return;
    }
    const std::optional<SippScenarioFacts> facts = check_sipp_scenario(path, diags_);
    if (facts && facts->implied_mode && *facts->implied_mode != endpoint.mode) {
      error(endpoint.where,
            fmt::format("endpoint {} is mode=\"{}\" but its scenario {} starts with <{}> (a {} "
                        "scenario)",
                        endpoint.name, to_string(endpoint.mode), endpoint.scenario.string(),
                        *facts->implied_mode == EndpointMode::uas ? "recv" : "send",
                        to_string(*facts->implied_mode)));
    }
  }

  void check_sipsim_endpoint(const Endpoint& endpoint) {
    if (!endpoint.scenario.empty() || !endpoint.keys.empty() || !endpoint.variables.empty() ||
        !endpoint.injection_file.empty() || !endpoint.service.empty()) {
      error(endpoint.where,
            fmt::format("endpoint {} is driven by sipsim; `scenario`, `service`, <key>, <set> and "
                        "<inject> belong to sipp endpoints",
                        endpoint.name));
    }
    if (endpoint.profile.empty()) {
      error(endpoint.where, fmt::format("sipsim endpoint {} needs a `profile`", endpoint.name));
    } else if (!peer_role_from(endpoint.profile)) {
      error(endpoint.where,
            fmt::format("unknown sipsim profile `{}` (known: lync, ip-pbx, pstn-gateway, itsp)",
                        endpoint.profile));
    }
  }

  void check_interface(const Endpoint& endpoint) {
    const std::string& interface = endpoint.interface;
    if (interface.empty()) {
      error(endpoint.where, fmt::format("endpoint {} needs `interface` (internal or "
                                        "trunk:<name>): the SUT interface it talks to",
                                        endpoint.name));
      return;
    }
    if (interface == "internal") return;
    if (interface.rfind("trunk:", 0) == 0) {
      const Trunk* trunk = manifest_.sut.mediation.find_trunk(interface.substr(6));
      if (trunk == nullptr) {
        error(endpoint.where, fmt::format("endpoint {}: interface `{}` names no <trunk> of the "
                                          "SUT",
                                          endpoint.name, interface));
      } else if (trunk->peer != endpoint.name && is_endpoint(trunk->peer)) {
        error(endpoint.where, fmt::format("endpoint {}: trunk {} already has the peer {}; a "
                                          "trunk connects one peer",
                                          endpoint.name, trunk->name, trunk->peer));
      }
      return;
    }
    error(endpoint.where,
          fmt::format("endpoint {}: interface `{}` must be `internal` or `trunk:<name>`",
                      endpoint.name, interface));
  }

  void check_start_order() {
    std::map<std::string, const Endpoint*> by_name;
    for (const Endpoint& endpoint : manifest_.endpoints) by_name[endpoint.name] = &endpoint;
    for (const Endpoint& endpoint : manifest_.endpoints) {
      for (const std::string& dependency : endpoint.after) {
        auto it = by_name.find(dependency);
        if (it == by_name.end()) {
          error(endpoint.where, fmt::format("endpoint {}: after=`{}` is not an endpoint",
                                            endpoint.name, dependency));
        } else if (endpoint.mode == EndpointMode::uas && it->second->mode == EndpointMode::uac) {
          error(endpoint.where, fmt::format("UAS endpoint {} cannot start after UAC {}: UAS "
                                            "endpoints start first",
                                            endpoint.name, dependency));
        }
      }
    }
    // Depth-first search for a cycle in `after`.
    std::map<std::string, int> state;  // 0 new, 1 on the stack, 2 done
    std::function<bool(const Endpoint&)> visit = [&](const Endpoint& endpoint) {
      int& s = state[endpoint.name];
      if (s == 1) return true;
      if (s == 2) return false;
      s = 1;
      for (const std::string& dependency : endpoint.after) {
        auto it = by_name.find(dependency);
        if (it != by_name.end() && visit(*it->second)) return true;
      }
      state[endpoint.name] = 2;
      return false;
    };
    for (const Endpoint& endpoint : manifest_.endpoints) {
      if (state[endpoint.name] == 0 && visit(endpoint)) {
        error(endpoint.where,
              fmt::format("the start order (`after`) has a cycle through {}", endpoint.name));
        return;
      }
    }
  }

  void check_mediation() {
    const MediationConfig& config = manifest_.sut.mediation;
    std::set<std::string> trunk_names;
    std::set<std::string> usages(config.voice_policy_usages.begin(),
                                 config.voice_policy_usages.end());
    for (const Trunk& trunk : config.trunks) {
      if (!trunk.name.empty() && !trunk_names.insert(trunk.name).second) {
        error(trunk.where, fmt::format("trunk name `{}` is used twice", trunk.name));
      }
      usages.insert(trunk.pstn_usages.begin(), trunk.pstn_usages.end());
      const Endpoint* peer = manifest_.find_endpoint(trunk.peer);
      if (peer == nullptr) {
        if (!trunk.peer.empty()) {
          error(trunk.where,
                fmt::format("trunk {}: peer `{}` is not an endpoint", trunk.name, trunk.peer));
        }
      } else if (peer->interface != "trunk:" + trunk.name) {
        error(trunk.where, fmt::format("trunk {}: its peer {} must use interface=\"trunk:{}\"",
                                       trunk.name, trunk.peer, trunk.name));
      }
    }
    if (!config.internal.peer.empty()) {
      const Endpoint* peer = manifest_.find_endpoint(config.internal.peer);
      if (peer == nullptr) {
        error(config.internal.where,
              fmt::format("internal peer `{}` is not an endpoint", config.internal.peer));
      } else if (peer->interface != "internal") {
        error(config.internal.where,
              fmt::format("internal peer {} must use interface=\"internal\"", peer->name));
      }
    }
    std::set<std::string> route_names;
    for (const VoiceRoute& route : config.routes) {
      if (!route.name.empty() && !route_names.insert(route.name).second) {
        error(route.where, fmt::format("route name `{}` is used twice", route.name));
      }
      for (const std::string& trunk : route.trunks) {
        if (config.find_trunk(trunk) == nullptr) {
          error(route.where, fmt::format("route {}: trunk `{}` is not defined", route.name, trunk));
        }
      }
      if (!route.usage.empty() && usages.count(route.usage) == 0) {
        error(route.where, fmt::format("route {}: usage `{}` is in no <voice-policy> and no "
                                       "trunk <pstn-usage>, so the route is never used",
                                       route.name, route.usage));
      }
    }
  }

  void check_leg(const base::SourceLocation& where, const std::string& leg) {
    if (!leg.empty() && !is_endpoint(leg)) {
      error(where,
            fmt::format("leg `{}` is not an endpoint (legs are named by their endpoint)", leg));
    }
  }

  void check_party(const base::SourceLocation& where, const std::string& party,
                   std::string_view attribute) {
    if (party.empty()) return;
    if (party == "sut") {
      if (manifest_.sut.kind == SutKind::none) {
        error(where, fmt::format("{}=\"sut\" but the case has no SUT", attribute));
      }
      return;
    }
    if (!is_endpoint(party)) {
      error(where, fmt::format("{} `{}` is neither `sut` nor an endpoint", attribute, party));
    }
  }

  void check_selector(const MessageSelector& selector) {
    check_leg(selector.where, selector.leg);
    check_party(selector.where, selector.from, "from");
  }

  void check_expectation(const Expectation& expectation) {
    const base::SourceLocation& where = expectation.where;
    std::visit(
        [&](const auto& check) {
          using T = std::decay_t<decltype(check)>;
          if constexpr (std::is_same_v<T, OrderCheck>) {
            for (const MessageSelector& step : check.steps) check_selector(step);
          } else if constexpr (std::is_same_v<T, LatencyCheck>) {
            if (manifest_.sut.kind == SutKind::none && check.metric == LatencyMetric::transit) {
              error(where, "transit latency is measured through a SUT; this case has none");
            }
          } else if constexpr (std::is_same_v<T, MediaCheck>) {
            check_leg(where, check.leg);
            check_party(where, check.from, "from");
          } else if constexpr (std::is_same_v<T, ProcessCheck>) {
            check_process(where, check);
          } else if constexpr (std::is_same_v<T, SdpCheck>) {
            check_selector(check.selector);
            if (!check.connection.empty() && check.connection != "sut" &&
                !is_endpoint(check.connection) && !is_ip_literal(check.connection)) {
              error(where, fmt::format("connection `{}` must be `sut`, an endpoint or an IP "
                                       "address",
                                       check.connection));
            }
          } else {
            check_selector(check.selector);
          }
        },
        expectation.check);
  }

  void check_process(const base::SourceLocation& where, const ProcessCheck& check) {
    if (check.endpoint == "sut") {
      if (manifest_.sut.kind == SutKind::none) {
        error(where, "endpoint=\"sut\" but the case has no SUT");
      }
      return;
    }
    if (!check.endpoint.empty() && manifest_.find_endpoint(check.endpoint) == nullptr) {
      error(where, fmt::format("endpoint `{}` is neither `sut` nor an endpoint", check.endpoint));
    }
  }

  const CaseManifest& manifest_;
  const Catalogue& catalogue_;
  base::Diagnostics& diags_;
};

}  // namespace

void check_case(const CaseManifest& manifest, const Catalogue& catalogue,
                base::Diagnostics& diags) {
  CaseChecker(manifest, catalogue, diags).run();
}

}  // namespace sipconf::manifest
