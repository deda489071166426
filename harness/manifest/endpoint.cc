#include "harness/manifest/endpoint.h"

#include <array>
#include <utility>

namespace sipconf::manifest {
namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookup(const std::array<std::pair<Enum, std::string_view>, N>& table,
                           std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view name_of(const std::array<std::pair<Enum, std::string_view>, N>& table,
                         Enum value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

constexpr std::array<std::pair<PeerRole, std::string_view>, 4> kRoles{{
    {PeerRole::lync, "lync"},
    {PeerRole::ip_pbx, "ip-pbx"},
    {PeerRole::pstn_gateway, "pstn-gateway"},
    {PeerRole::itsp, "itsp"},
}};
constexpr std::array<std::pair<Driver, std::string_view>, 2> kDrivers{{
    {Driver::sipp, "sipp"},
    {Driver::sipsim, "sipsim"},
}};
constexpr std::array<std::pair<EndpointMode, std::string_view>, 2> kModes{{
    {EndpointMode::uas, "uas"},
    {EndpointMode::uac, "uac"},
}};
constexpr std::array<std::pair<Transport, std::string_view>, 3> kTransports{{
    {Transport::udp, "udp"},
    {Transport::tcp, "tcp"},
    {Transport::tls, "tls"},
}};

}  // namespace

std::string_view to_string(PeerRole role) { return name_of(kRoles, role); }
std::string_view to_string(Driver driver) { return name_of(kDrivers, driver); }
std::string_view to_string(EndpointMode mode) { return name_of(kModes, mode); }
std::string_view to_string(Transport transport) { return name_of(kTransports, transport); }
std::optional<PeerRole> peer_role_from(std::string_view text) { return lookup(kRoles, text); }
std::optional<Driver> driver_from(std::string_view text) { return lookup(kDrivers, text); }
std::optional<EndpointMode> endpoint_mode_from(std::string_view text) {
  return lookup(kModes, text);
}
std::optional<Transport> transport_from(std::string_view text) { return lookup(kTransports, text); }

}  // namespace sipconf::manifest
