#include "sip/transport/connection_table.h"

#include <algorithm>

namespace sipconf::sip {

void ConnectionTable::insert(ConnectionId id, const Endpoint& remote, bool inbound) {
  Entry& entry = keys_[id];
  entry.keys.push_back(remote);
  by_endpoint_[remote].push_back(id);
  if (inbound) {
    entry.inbound_ip = remote.address;
    ++inbound_per_ip_[remote.address];
  }
}

void ConnectionTable::erase(ConnectionId id) {
  auto it = keys_.find(id);
  if (it == keys_.end()) return;
  for (const Endpoint& key : it->second.keys) {
    auto ids = by_endpoint_.find(key);
    if (ids == by_endpoint_.end()) continue;
    std::erase(ids->second, id);
    if (ids->second.empty()) by_endpoint_.erase(ids);
  }
  if (!it->second.inbound_ip.empty()) {
    auto count = inbound_per_ip_.find(it->second.inbound_ip);
    if (count != inbound_per_ip_.end() && --count->second == 0) inbound_per_ip_.erase(count);
  }
  keys_.erase(it);
}

void ConnectionTable::add_alias(ConnectionId id, const Endpoint& alias) {
  auto it = keys_.find(id);
  if (it == keys_.end()) return;
  std::vector<ConnectionId>& ids = by_endpoint_[alias];
  std::erase(ids, id);
  ids.push_back(id);  // most recent last
  auto& keys = it->second.keys;
  if (std::find(keys.begin(), keys.end(), alias) == keys.end()) keys.push_back(alias);
}

std::optional<ConnectionId> ConnectionTable::find(const Endpoint& to) const {
  auto it = by_endpoint_.find(to);
  if (it == by_endpoint_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::size_t ConnectionTable::inbound_from(const std::string& ip) const {
  auto it = inbound_per_ip_.find(ip);
  return it == inbound_per_ip_.end() ? 0 : it->second;
}

}  // namespace sipconf::sip
