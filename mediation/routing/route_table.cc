#include "mediation/routing/route_table.h"

#include <algorithm>

namespace sipconf::mediation {

RouteTable::RouteTable(const MediationConfig& config) {
  for (const PstnUsage& usage : config.usages) {
    for (const VoiceRoute& route : usage.routes) {
      auto pattern = NumberPattern::compile(route.pattern);
      if (!pattern) continue;
      Route r{usage.name, route.name, {}};
      for (const std::string& trunk : route.trunks) r.trunks.push_back(config.trunk_index(trunk));
      routes_.push_back(std::move(r));
      patterns_.add(std::move(pattern).value());
    }
  }
}

void RouteTable::add_trunks(const Route& route, RouteCandidates& out) const {
  if (out.route.empty()) out.route = route.name;
  for (std::size_t trunk : route.trunks) {
    if (std::find(out.trunks.begin(), out.trunks.end(), trunk) == out.trunks.end()) {
      out.trunks.push_back(trunk);
    }
  }
}

RouteCandidates RouteTable::select(std::string_view number) const {
  RouteCandidates out;
  std::vector<std::size_t> candidates;
  patterns_.candidates(number, candidates);
  for (std::size_t i : candidates) {
    if (patterns_.pattern(i).search(number)) add_trunks(routes_[i], out);
  }
  return out;
}

RouteCandidates RouteTable::select(std::string_view number,
                                   const std::vector<std::string>& usages) const {
  RouteCandidates out;
  std::vector<std::size_t> candidates;
  patterns_.candidates(number, candidates);
  for (const std::string& usage : usages) {
    for (std::size_t i : candidates) {
      if (routes_[i].usage == usage && patterns_.pattern(i).search(number)) {
        add_trunks(routes_[i], out);
      }
    }
  }
  return out;
}

std::string dialed_number(const sip::Uri& uri) {
  if (uri.scheme() == sip::UriScheme::tel) {
    std::string number(uri.telephone_number());
    return number.substr(0, number.find(';'));
  }
  if (!uri.is_sip_or_sips() || !uri.has_user()) return {};
  std::string user = uri.user_unescaped();
  return user.substr(0, user.find(';'));
}

}  // namespace sipconf::mediation
