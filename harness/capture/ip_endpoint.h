#pragma once

#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipconf::harness {

enum class IpFamily : uint8_t { kV4 = 4, kV6 = 6 };

/// An IPv4 or IPv6 address held by value (17 bytes), so packet views can carry
/// addresses without pointing into capture buffers that are about to be reused.
struct IpAddress {
  IpFamily family = IpFamily::kV4;
  std::array<uint8_t, 16> bytes{};  ///< IPv4 uses the first 4 bytes, the rest stay 0.

  static IpAddress v4(const uint8_t* network_order);
  static IpAddress v6(const uint8_t* network_order);
  /// Parses dotted IPv4 or textual IPv6 (no brackets); nullopt when invalid.
  static std::optional<IpAddress> parse(std::string_view text);

  size_t size() const { return family == IpFamily::kV4 ? 4 : 16; }
  std::string to_string() const;

  /// Equality is on the hot path of every flow and stream lookup: two 8-byte compares
  /// (the unused bytes of an IPv4 address are always zero).
  friend bool operator==(const IpAddress& a, const IpAddress& b) {
    return a.family == b.family && __builtin_memcmp(a.bytes.data(), b.bytes.data(), 16) == 0;
  }
  friend auto operator<=>(const IpAddress&, const IpAddress&) = default;
};

/// An IP address and a UDP/TCP port.
struct Endpoint {
  IpAddress ip;
  uint16_t port = 0;

  /// Parses "1.2.3.4:5060" or "[2001:db8::1]:5060"; nullopt when invalid.
  static std::optional<Endpoint> parse(std::string_view text);
  /// "1.2.3.4:5060" or "[2001:db8::1]:5060" (RFC 5118 style brackets for IPv6).
  std::string to_string() const;

  friend bool operator==(const Endpoint& a, const Endpoint& b) {
    return a.port == b.port && a.ip == b.ip;
  }
  friend auto operator<=>(const Endpoint&, const Endpoint&) = default;
};

/// Hash usable in unordered containers (flow and stream tables).
struct EndpointHash {
  size_t operator()(const Endpoint& e) const noexcept;
};

size_t hash_ip_address(const IpAddress& a) noexcept;

/// Mixes two hashes; used to build flow and stream keys from endpoint hashes.
inline size_t hash_combine(size_t seed, size_t value) noexcept {
  return seed ^ (value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2));
}

}  // namespace sipconf::harness
