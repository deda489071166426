#include "harness/lab/socket_table.h"

#include <arpa/inet.h>

#include <array>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sipconf::harness {
namespace {

/// /proc/net prints each 32-bit word of the address in host byte order as hex.
bool decode_address(std::string_view hex, bool ipv6, std::string& out) {
  const std::size_t words = ipv6 ? 4 : 1;
  if (hex.size() != words * 8) return false;
  std::array<std::uint32_t, 4> raw{};
  for (std::size_t i = 0; i < words; ++i) {
    std::uint32_t word = 0;
    const char* begin = hex.data() + i * 8;
    const auto [end, ec] = std::from_chars(begin, begin + 8, word, 16);
    if (ec != std::errc() || end != begin + 8) return false;
    raw[i] = word;
  }
  char text[INET6_ADDRSTRLEN] = {};
  if (!::inet_ntop(ipv6 ? AF_INET6 : AF_INET, raw.data(), text, sizeof text)) return false;
  out = text;
  return true;
}

std::string read_all(const char* path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

std::vector<SocketEntry> parse_proc_net(std::string_view text, bool tcp, bool ipv6) {
  std::vector<SocketEntry> entries;
  bool header = true;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (header) {
      header = false;
      continue;
    }
    // "  sl  local_address rem_address   st ..." -> fields 1 (local) and 3 (state).
    std::string_view fields[4];
    std::size_t count = 0;
    while (count < 4) {
      const std::size_t start = line.find_first_not_of(' ');
      if (start == std::string_view::npos) break;
      line.remove_prefix(start);
      const std::size_t stop = line.find(' ');
      fields[count++] = line.substr(0, stop);
      line.remove_prefix(stop == std::string_view::npos ? line.size() : stop);
    }
    if (count < 4) continue;
    const std::size_t colon = fields[1].find(':');
    if (colon == std::string_view::npos) continue;
    SocketEntry entry;
    if (!decode_address(fields[1].substr(0, colon), ipv6, entry.address)) continue;
    const std::string_view port = fields[1].substr(colon + 1);
    const auto [p, ec] = std::from_chars(port.data(), port.data() + port.size(), entry.port, 16);
    if (ec != std::errc() || p != port.data() + port.size()) continue;
    entry.listening = !tcp || fields[3] == "0A";
    entries.push_back(std::move(entry));
  }
  return entries;
}

bool is_listening(const std::string& address, std::uint16_t port, bool tcp) {
  const bool ipv6 = address.find(':') != std::string::npos;
  const char* path = tcp ? (ipv6 ? "/proc/net/tcp6" : "/proc/net/tcp")
                         : (ipv6 ? "/proc/net/udp6" : "/proc/net/udp");
  const std::string wildcard = ipv6 ? "::" : "0.0.0.0";
  for (const SocketEntry& entry : parse_proc_net(read_all(path), tcp, ipv6)) {
    if (entry.port == port && entry.listening &&
        (entry.address == address || entry.address == wildcard)) {
      return true;
    }
  }
  return false;
}

}  // namespace sipconf::harness
