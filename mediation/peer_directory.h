#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "mediation/config/config.h"
#include "sip/transaction/transaction.h"

namespace sipconf::mediation {

/// The two interfaces of the mediation (spec section 1).
enum class Side : std::uint8_t { internal, trunk };
std::string_view to_string(Side side);

/// A configured party: the internal peer (Front End) or one trunk's peer.
struct Peer {
  Side side = Side::internal;
  std::size_t trunk = 0;  ///< index into MediationConfig::trunks when side == trunk

  bool operator==(const Peer&) const = default;
};

/// Tells which configured party a message came from (SG-02, decision 6.4): a message on the
/// internal listener must come from the Front End's address; one on a trunk listener from the
/// peer of a trunk on that listener; one on a connection we opened (no listener) from any
/// configured peer of that transport. Everything else is untrusted and gets 403.
class PeerDirectory {
 public:
  PeerDirectory() = default;
  explicit PeerDirectory(const MediationConfig& config);

  std::optional<Peer> classify(const sip::Arrival& arrival) const;

 private:
  struct TrunkEntry {
    sip::Endpoint listen;
    std::string peer_address;
  };
  bool is_listener(const sip::Endpoint& local) const;

  sip::Endpoint internal_listen_;
  std::string internal_peer_;
  std::vector<TrunkEntry> trunks_;
};

}  // namespace sipconf::mediation
