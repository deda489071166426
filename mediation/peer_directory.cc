#include "mediation/peer_directory.h"

#include <algorithm>

namespace sipconf::mediation {

std::string_view to_string(Side side) { return side == Side::internal ? "internal" : "trunk"; }

PeerDirectory::PeerDirectory(const MediationConfig& config)
    : internal_listen_(config.internal.listen_endpoint()),
      internal_peer_(config.internal.peer_address) {
  for (const TrunkConfig& t : config.trunks)
    trunks_.push_back({t.listen_endpoint(), t.peer_address});
}

bool PeerDirectory::is_listener(const sip::Endpoint& local) const {
  if (local == internal_listen_) return true;
  return std::any_of(trunks_.begin(), trunks_.end(),
                     [&](const TrunkEntry& t) { return t.listen == local; });
}

std::optional<Peer> PeerDirectory::classify(const sip::Arrival& arrival) const {
  const sip::Endpoint& local = arrival.local;
  const sip::Endpoint& remote = arrival.remote;
  if (local == internal_listen_) {
    if (remote.address == internal_peer_) return Peer{Side::internal, 0};
    return std::nullopt;
  }
  const bool on_listener = is_listener(local);
  std::optional<std::size_t> any_listener;
  for (std::size_t i = 0; i < trunks_.size(); ++i) {
    const TrunkEntry& t = trunks_[i];
    if (t.peer_address != remote.address || t.listen.transport != remote.transport) continue;
    if (t.listen == local) return Peer{Side::trunk, i};
    if (!any_listener) any_listener = i;
  }
  if (on_listener) return std::nullopt;
  // A connection we opened toward a peer: its local end is no listener.
  if (any_listener) return Peer{Side::trunk, *any_listener};
  if (remote.address == internal_peer_ && remote.transport == internal_listen_.transport) {
    return Peer{Side::internal, 0};
  }
  return std::nullopt;
}

}  // namespace sipconf::mediation
