#include "sip/dialog/dialog_next_hop.h"

#include <string>
#include <string_view>

#include "sip/message/host.h"
#include "sip/transaction/transaction_routing.h"
#include "sip/transport/transport_error.h"

namespace sipconf::sip {

Result<Endpoint> next_hop_endpoint(const Uri& uri) {
  if (!uri.is_sip_or_sips()) return std::make_error_code(std::errc::protocol_not_supported);
  Endpoint out;
  out.transport = uri.scheme() == UriScheme::sips ? Transport::tls : Transport::udp;
  if (auto name = uri.param("transport")) {
    auto t = transport_from_string(*name);
    if (!t) return std::make_error_code(std::errc::protocol_not_supported);
    if (uri.scheme() == UriScheme::sips) {
      // sips means TLS; `transport=tcp` is how RFC 5630 writes TLS over TCP, UDP is invalid.
      if (*t == Transport::udp) return std::make_error_code(std::errc::protocol_not_supported);
      out.transport = Transport::tls;
    } else {
      out.transport = *t;
    }
  }
  std::string host = uri.param("maddr").value_or(uri.host());
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!is_ipv4_address(host) && !is_ipv6_address(host)) {
    return make_error_code(TransportError::invalid_address);
  }
  out.address = std::move(host);
  out.port = uri.port().value_or(default_port(out.transport));
  return out;
}

}  // namespace sipconf::sip
