#include "harness/manifest/case_manifest.h"

#include <algorithm>

namespace sipconf::manifest {

const Endpoint* CaseManifest::find_endpoint(std::string_view name) const {
  for (const Endpoint& endpoint : endpoints) {
    if (endpoint.name == name) return &endpoint;
  }
  return nullptr;
}

std::vector<std::string> CaseManifest::behaviour_ids() const {
  std::vector<std::string> ids;
  ids.reserve(behaviours.size());
  for (const BehaviourRef& behaviour : behaviours) ids.push_back(behaviour.id);
  return ids;
}

std::vector<PeerRole> CaseManifest::peer_kinds() const {
  std::vector<PeerRole> kinds;
  for (PeerRole role : {PeerRole::lync, PeerRole::ip_pbx, PeerRole::pstn_gateway, PeerRole::itsp}) {
    const bool used = std::any_of(endpoints.begin(), endpoints.end(),
                                  [&](const Endpoint& e) { return e.role == role; });
    if (used) kinds.push_back(role);
  }
  return kinds;
}

}  // namespace sipconf::manifest
