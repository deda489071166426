#include "harness/lab/network_address.h"

#include <arpa/inet.h>

#include <charconv>

namespace sipconf::harness {

std::string NetworkAddress::to_string() const {
  const bool v6 = ip.find(':') != std::string::npos;
  return (v6 ? "[" + ip + "]" : ip) + ":" + std::to_string(port);
}

std::optional<NetworkAddress> NetworkAddress::parse(std::string_view text) {
  std::string_view host;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find("]:");
    if (close == std::string_view::npos) return std::nullopt;
    host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return std::nullopt;
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
    if (host.find(':') != std::string_view::npos) return std::nullopt;
  }
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || ec != std::errc() || end != port.data() + port.size() || value == 0 ||
      value > 65535) {
    return std::nullopt;
  }
  const std::string ip(host);
  unsigned char buffer[16];
  const int family = ip.find(':') != std::string::npos ? AF_INET6 : AF_INET;
  if (::inet_pton(family, ip.c_str(), buffer) != 1) return std::nullopt;
  return NetworkAddress{ip, static_cast<std::uint16_t>(value)};
}

}  // namespace sipconf::harness
