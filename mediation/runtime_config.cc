#include "mediation/runtime_config.h"

#include <utility>

namespace sipconf::mediation {

RuntimeConfig::RuntimeConfig(MediationConfig config)
    : config_(std::move(config)), routes_(config_), peers_(config_) {
  const InternalInterface& in = config_.internal;
  internal_.peer = Peer{Side::internal, 0};
  internal_.next_hop = in.peer_endpoint();
  internal_.send.local_address = in.listen_address;
  internal_.send.server_name = in.peer_fqdn;
  internal_.local = in.listen_endpoint();
  internal_.peer_host = in.peer_fqdn.empty() ? in.peer_address : in.peer_fqdn;

  for (std::size_t i = 0; i < config_.trunks.size(); ++i) {
    const TrunkConfig& t = config_.trunks[i];
    to_trunk_.emplace_back(t.settings, Direction::to_trunk);
    to_internal_.emplace_back(t.settings, Direction::to_internal);
    numbering_.emplace_back(t.settings);
    LegAddress a;
    a.peer = Peer{Side::trunk, i};
    a.next_hop = t.peer_endpoint();
    a.send.local_address = t.listen_address;
    if (t.transport == sip::Transport::tls) a.send.server_name = t.peer_host;
    a.local = t.listen_endpoint();
    a.peer_host = t.peer_host;
    trunks_.push_back(std::move(a));
  }
}

}  // namespace sipconf::mediation
