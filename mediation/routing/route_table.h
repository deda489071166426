#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "mediation/config/config.h"
#include "mediation/routing/pattern_index.h"
#include "sip/message/uri.h"

namespace sipconf::mediation {

/// Where an outbound call may go, best first (RT-01): the trunks of every matching route,
/// usage by usage and route by route, each trunk once. The first is tried; the others are
/// what a retry (HF-03, TC-11) moves on to.
struct RouteCandidates {
  std::string route;                ///< the first matching route's name
  std::vector<std::size_t> trunks;  ///< indexes into MediationConfig::trunks

  bool empty() const { return trunks.empty(); }
};

/// The voice routes of a configuration with their patterns compiled and indexed once.
/// Patterns are ECMAScript regexes searched anywhere in the number, as .NET's Regex.IsMatch
/// does; the .NET-only constructs that ECMAScript lacks are listed in mediation/README.md.
class RouteTable {
 public:
  RouteTable() = default;
  /// `config` must have passed the loader (patterns compile, trunks exist); a route whose
  /// pattern does not compile anyway is left out.
  explicit RouteTable(const MediationConfig& config);

  /// Candidates for `number` over every usage in configuration order (the voice policy).
  RouteCandidates select(std::string_view number) const;
  /// Candidates for `number` over `usages` only, in that order: inter-trunk routing of a
  /// call that arrived on a trunk with PstnUsages (RT-07).
  RouteCandidates select(std::string_view number, const std::vector<std::string>& usages) const;
  std::size_t size() const { return routes_.size(); }

 private:
  struct Route {
    std::string usage;
    std::string name;
    std::vector<std::size_t> trunks;
  };
  void add_trunks(const Route& route, RouteCandidates& out) const;

  std::vector<Route> routes_;  ///< flattened in usage order; route i has pattern i
  PatternIndex patterns_;
};

/// The dial string of a Request-URI: the user part of a SIP URI without user parameters
/// (`+14255550100;phone-context=...` gives `+14255550100`), or a tel URI's number.
std::string dialed_number(const sip::Uri& uri);

}  // namespace sipconf::mediation
