#include "mediation/route_table.h"

#include <algorithm>

namespace sipconf::mediation {

RouteTable::RouteTable(const MediationConfig& config) {
  for (const PstnUsage& usage : config.usages) {
    for (const VoiceRoute& route : usage.routes) {
      Compiled c;
      c.usage = usage.name;
      c.name = route.name;
      c.pattern = std::regex(route.pattern, std::regex::ECMAScript | std::regex::optimize);
      for (const std::string& trunk : route.trunks) c.trunks.push_back(config.trunk_index(trunk));
      routes_.push_back(std::move(c));
    }
  }
}

void RouteTable::add_matches(const Compiled& route, std::string_view number,
                             RouteCandidates& out) const {
  if (!std::regex_search(number.begin(), number.end(), route.pattern)) return;
  if (out.route.empty()) out.route = route.name;
  for (std::size_t trunk : route.trunks) {
    if (std::find(out.trunks.begin(), out.trunks.end(), trunk) == out.trunks.end()) {
      out.trunks.push_back(trunk);
    }
  }
}

RouteCandidates RouteTable::select(std::string_view number) const {
  RouteCandidates out;
  for (const Compiled& route : routes_) add_matches(route, number, out);
  return out;
}

RouteCandidates RouteTable::select(std::string_view number,
                                   const std::vector<std::string>& usages) const {
  RouteCandidates out;
  for (const std::string& usage : usages) {
    for (const Compiled& route : routes_) {
      if (route.usage == usage) add_matches(route, number, out);
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
