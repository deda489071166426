#include "sip/transport/transport.h"

#include <array>
#include <functional>
#include <utility>

namespace sipconf::sip {
namespace {

constexpr std::array<std::string_view, 3> kTransportNames{"UDP", "TCP", "TLS"};

}  // namespace

std::string_view to_string(Transport transport) {
  return kTransportNames[static_cast<std::size_t>(transport)];
}

std::optional<Transport> transport_from_string(std::string_view text) {
  if (text.size() != 3) return std::nullopt;
  for (std::size_t i = 0; i < kTransportNames.size(); ++i) {
    bool same = true;
    for (std::size_t j = 0; j < 3; ++j) {
      char c = text[j];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
      same = same && c == kTransportNames[i][j];
    }
    if (same) return static_cast<Transport>(i);
  }
  return std::nullopt;
}

std::string to_string(const Endpoint& endpoint) {
  std::string out;
  for (char c : to_string(endpoint.transport)) out += static_cast<char>(c + 32);
  out += ':';
  bool v6 = endpoint.address.find(':') != std::string::npos;
  if (v6) out += '[';
  out += endpoint.address;
  if (v6) out += ']';
  out += ':';
  out += std::to_string(endpoint.port);
  return out;
}

std::size_t EndpointHash::operator()(const Endpoint& endpoint) const noexcept {
  std::size_t h = std::hash<std::string>{}(endpoint.address);
  h ^=
      (static_cast<std::size_t>(endpoint.port) << 2) ^ static_cast<std::size_t>(endpoint.transport);
  return h * 0x9e3779b97f4a7c15ULL;
}

const TrafficCounters& TransportCounters::of(Transport transport) const {
  switch (transport) {
    case Transport::udp:
      return udp;
    case Transport::tcp:
      return tcp;
    case Transport::tls:
      break;
  }
  return tls;
}

TrafficCounters& TransportCounters::of(Transport transport) {
  return const_cast<TrafficCounters&>(std::as_const(*this).of(transport));
}

}  // namespace sipconf::sip
