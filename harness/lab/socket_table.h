#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sipconf::harness {

/// A local socket as the kernel lists it in /proc/net/{udp,tcp}[6].
struct SocketEntry {
  std::string address;  ///< Dotted IPv4 or compressed IPv6 text.
  std::uint16_t port = 0;
  bool listening = false;  ///< TCP in LISTEN, or any bound UDP socket.
};

/// Parses the text of /proc/net/udp, /proc/net/tcp (IPv4) or their `6` variants.
/// Unparseable lines are skipped; the header line is ignored.
std::vector<SocketEntry> parse_proc_net(std::string_view text, bool tcp, bool ipv6);

/// True when a socket is bound for `address:port`: a UDP socket (`tcp` false) or a
/// TCP socket in LISTEN state. This is how the harness knows a UAS is ready to take
/// calls without sleeping a fixed time. A socket bound to the wildcard address counts.
bool is_listening(const std::string& address, std::uint16_t port, bool tcp);

}  // namespace sipconf::harness
