#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipconf::harness {

/// An IP address and port, as endpoints and SUT interfaces are placed.
struct NetworkAddress {
  std::string ip;
  std::uint16_t port = 0;

  /// `127.0.0.3:5070`, `[::1]:5070`.
  std::string to_string() const;
  /// Parses `ip:port` or `[ipv6]:port`; nullopt for anything else (port 1-65535).
  static std::optional<NetworkAddress> parse(std::string_view text);

  friend bool operator==(const NetworkAddress&, const NetworkAddress&) = default;
};

}  // namespace sipconf::harness
