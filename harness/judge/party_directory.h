#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/capture/ip_endpoint.h"
#include "harness/manifest/case_manifest.h"
#include "reports/model/run_model.h"

namespace sipconf::harness {

/// A party of a case as the wire judge knows it.
struct Party {
  std::string name;
  bool sut = false;
  std::optional<Endpoint> address;  ///< Where it listens for SIP.
  /// SUT interface: its own (`internal`, `trunk:gw1`); endpoint: the SUT interface it
  /// talks to.
  std::string interface;
  /// Without a SUT: the endpoint it sends its requests to.
  std::string remote;
};

/// Tells who is at an address in a case's capture. Exact `ip:port` matches first; then
/// the IP alone, because a TCP client connects from an ephemeral port; when several
/// parties share an IP (the SUT's interfaces), the one that talks to the party on the
/// other end of the message.
class PartyDirectory {
 public:
  /// From the case's results.json endpoints (which carry the placed addresses) and its
  /// manifest (which says which SUT interface each endpoint uses).
  PartyDirectory(const std::vector<reports::Endpoint>& endpoints,
                 const manifest::CaseManifest& manifest);
  explicit PartyDirectory(std::vector<Party> parties) : parties_(std::move(parties)) {}

  const Party* find(const Endpoint& self, const Endpoint& other) const;
  /// The party's name, or `ip:port` when nobody of the case is there.
  std::string name_of(const Endpoint& self, const Endpoint& other) const;
  const Party* by_name(std::string_view name) const;
  /// The SUT's IP addresses (the middle element of the case).
  std::vector<IpAddress> sut_addresses() const;
  /// The party at an IP regardless of port (media); nullptr when none or ambiguous
  /// between non-SUT parties.
  const Party* find_host(const IpAddress& ip) const;
  /// The leg a message between two parties travels on: the non-SUT party's name; with
  /// no SUT between them, the name of the one that calls the other.
  std::string leg_between(const Party* a, const Party* b) const;

  const std::vector<Party>& parties() const { return parties_; }

 private:
  const Party* find_unique(const Endpoint& at) const;

  std::vector<Party> parties_;
};

}  // namespace sipconf::harness
