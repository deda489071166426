#include "harness/capture/ip_endpoint.h"

#include <arpa/inet.h>

#include <cstring>

#include <fmt/format.h>

namespace sipconf::harness {

IpAddress IpAddress::v4(const uint8_t* network_order) {
  IpAddress a;
  a.family = IpFamily::kV4;
  std::memcpy(a.bytes.data(), network_order, 4);
  return a;
}

IpAddress IpAddress::v6(const uint8_t* network_order) {
  IpAddress a;
  a.family = IpFamily::kV6;
  std::memcpy(a.bytes.data(), network_order, 16);
  return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
  // inet_pton needs a terminated string; addresses are short, so a stack copy is enough.
  char buffer[INET6_ADDRSTRLEN + 1];
  if (text.empty() || text.size() >= sizeof buffer) return std::nullopt;
  std::memcpy(buffer, text.data(), text.size());
  buffer[text.size()] = '\0';
  uint8_t raw[16];
  if (inet_pton(AF_INET, buffer, raw) == 1) return v4(raw);
  if (inet_pton(AF_INET6, buffer, raw) == 1) return v6(raw);
  return std::nullopt;
}

std::string IpAddress::to_string() const {
  char buffer[INET6_ADDRSTRLEN];
  const int af = family == IpFamily::kV4 ? AF_INET : AF_INET6;
  if (inet_ntop(af, bytes.data(), buffer, sizeof buffer) == nullptr) return "?";
  return buffer;
}

std::optional<Endpoint> Endpoint::parse(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      return std::nullopt;
    }
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return std::nullopt;  // IPv6 needs brackets
  }
  if (port.empty() || port.size() > 5) return std::nullopt;
  uint32_t value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<uint32_t>(c - '0');
  }
  if (value > 65535) return std::nullopt;
  auto ip = IpAddress::parse(host);
  if (!ip) return std::nullopt;
  return Endpoint{*ip, static_cast<uint16_t>(value)};
}

std::string Endpoint::to_string() const {
  if (ip.family == IpFamily::kV6) return fmt::format("[{}]:{}", ip.to_string(), port);
  return fmt::format("{}:{}", ip.to_string(), port);
}

size_t hash_ip_address(const IpAddress& a) noexcept {
  // Two 8-byte words, multiplied and folded: a lookup per packet must stay cheap.
  uint64_t lo;
  uint64_t hi;
  std::memcpy(&lo, a.bytes.data(), 8);
  std::memcpy(&hi, a.bytes.data() + 8, 8);
  uint64_t h = (lo ^ static_cast<uint64_t>(a.family)) * 0x9E3779B97F4A7C15ULL;
  h = (h ^ (h >> 29) ^ hi) * 0xBF58476D1CE4E5B9ULL;
  return static_cast<size_t>(h ^ (h >> 32));
}

size_t EndpointHash::operator()(const Endpoint& e) const noexcept {
  return hash_combine(hash_ip_address(e.ip), e.port);
}

}  // namespace sipconf::harness
