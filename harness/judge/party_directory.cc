#include "harness/judge/party_directory.h"

namespace sipconf::harness {

PartyDirectory::PartyDirectory(const std::vector<reports::Endpoint>& endpoints,
                               const manifest::CaseManifest& manifest) {
  for (const reports::Endpoint& record : endpoints) {
    Party party;
    party.name = record.name;
    party.sut = record.role == "sut";
    party.address = Endpoint::parse(record.address);
    party.interface = record.interface;
    if (const manifest::Endpoint* spec = manifest.find_endpoint(record.name)) {
      if (!party.sut) party.interface = spec->interface;
      party.remote = spec->remote;
    }
    parties_.push_back(std::move(party));
  }
}

const Party* PartyDirectory::find_unique(const Endpoint& at) const {
  const Party* by_ip = nullptr;
  int ip_matches = 0;
  for (const Party& party : parties_) {
    if (!party.address) continue;
    if (*party.address == at) return &party;
    if (party.address->ip == at.ip) {
      by_ip = &party;
      ++ip_matches;
    }
  }
  return ip_matches == 1 ? by_ip : nullptr;
}

const Party* PartyDirectory::find(const Endpoint& self, const Endpoint& other) const {
  if (const Party* unique = find_unique(self)) return unique;
  std::vector<const Party*> candidates;
  for (const Party& party : parties_) {
    if (party.address && party.address->ip == self.ip) candidates.push_back(&party);
  }
  if (candidates.empty()) return nullptr;
  if (const Party* peer = find_unique(other)) {
    for (const Party* candidate : candidates) {
      if (candidate->sut != peer->sut && !peer->interface.empty() &&
          candidate->interface == peer->interface) {
        return candidate;
      }
    }
  }
  return candidates.front();
}

std::string PartyDirectory::name_of(const Endpoint& self, const Endpoint& other) const {
  const Party* party = find(self, other);
  return party != nullptr ? party->name : self.to_string();
}

const Party* PartyDirectory::by_name(std::string_view name) const {
  for (const Party& party : parties_) {
    if (party.name == name) return &party;
  }
  return nullptr;
}

std::vector<IpAddress> PartyDirectory::sut_addresses() const {
  std::vector<IpAddress> out;
  for (const Party& party : parties_) {
    if (!party.sut || !party.address) continue;
    bool seen = false;
    for (const IpAddress& ip : out) seen = seen || ip == party.address->ip;
    if (!seen) out.push_back(party.address->ip);
  }
  return out;
}

const Party* PartyDirectory::find_host(const IpAddress& ip) const {
  const Party* found = nullptr;
  for (const Party& party : parties_) {
    if (!party.address || party.address->ip != ip) continue;
    if (party.sut) {
      if (found == nullptr) found = &party;
      continue;
    }
    if (found != nullptr && !found->sut) return nullptr;
    found = &party;
  }
  return found;
}

std::string PartyDirectory::leg_between(const Party* a, const Party* b) const {
  if (a == nullptr && b == nullptr) return {};
  if (a == nullptr) return b->sut ? std::string() : b->name;
  if (b == nullptr) return a->sut ? std::string() : a->name;
  if (a->sut && !b->sut) return b->name;
  if (b->sut && !a->sut) return a->name;
  if (a->sut && b->sut) return {};
  if (!b->remote.empty() && b->remote == a->name) return b->name;
  return a->name;
}

}  // namespace sipconf::harness
