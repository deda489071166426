#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "mediation/config/config.h"
#include "mediation/header_policy.h"
#include "mediation/peer_directory.h"
#include "mediation/routing/number_translation.h"
#include "mediation/routing/route_table.h"
#include "sip/transport/transport.h"

namespace sipconf::mediation {

/// How the mediation reaches one party and how it presents itself to it.
struct LegAddress {
  Peer peer;
  sip::Endpoint next_hop;  ///< where requests to the party go (its configured endpoint)
  sip::SendOptions send;   ///< our source address, and the TLS name the party must carry
  sip::Endpoint local;     ///< our listener on that side: Via, Contact and From host
  std::string peer_host;   ///< the party's host in Request-URI and To (FQDN or IP)
};

/// A configuration ready for calls: the file's settings plus everything derived from them
/// once (compiled routes, the peer directory, header policies, leg addresses). Immutable and
/// shared by the B2BUA and every call started under it, so a reload (SIGHUP) never changes a
/// call in progress.
class RuntimeConfig {
 public:
  explicit RuntimeConfig(MediationConfig config);

  const MediationConfig& config() const { return config_; }
  const RouteTable& routes() const { return routes_; }
  const PeerDirectory& peers() const { return peers_; }
  const TrunkConfig& trunk(std::size_t index) const { return config_.trunks[index]; }
  /// The header policy for messages crossing a call through `trunk` in `direction`.
  const HeaderPolicy& policy(std::size_t trunk, Direction direction) const {
    return direction == Direction::to_trunk ? to_trunk_[trunk] : to_internal_[trunk];
  }
  /// The numbers on the leg toward `trunk`: its translation rules, compiled once.
  const TrunkNumbering& numbering(std::size_t trunk) const { return numbering_[trunk]; }
  const LegAddress& address(const Peer& peer) const {
    return peer.side == Side::internal ? internal_ : trunks_[peer.trunk];
  }

 private:
  MediationConfig config_;
  RouteTable routes_;
  PeerDirectory peers_;
  std::vector<HeaderPolicy> to_trunk_;
  std::vector<HeaderPolicy> to_internal_;
  std::vector<TrunkNumbering> numbering_;
  LegAddress internal_;
  std::vector<LegAddress> trunks_;
};

}  // namespace sipconf::mediation
