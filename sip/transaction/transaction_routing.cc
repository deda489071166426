#include "sip/transaction/transaction_routing.h"

#include <string>
#include <vector>

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/host.h"
#include "sip/message/parse_error.h"

namespace sipconf::sip {
namespace {

std::string_view without_brackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

}  // namespace

std::uint16_t default_port(Transport transport) {
  return transport == Transport::tls ? 5061 : 5060;
}

std::error_code stamp_top_via(Message& request, const Endpoint& source) {
  const std::size_t index = request.find(HeaderId::via);
  if (index >= request.header_count()) return make_error_code(ParseError::header_missing);
  auto values = parse_via_list(request.header_at(index).value);
  if (!values) return values.error();
  Via& via = values->front();

  const std::string_view host = without_brackets(via.host());
  const bool host_is_source =
      (is_ipv4_address(host) || is_ipv6_address(host)) && iequals(host, source.address);
  const bool rport_requested = via.has_rport() && !via.rport();
  if (!host_is_source || rport_requested) via.set_received(source.address);
  if (rport_requested) via.set_rport(source.port);
  if (host_is_source && !rport_requested && !via.received()) return {};  // nothing to record

  std::string joined;
  for (std::size_t i = 0; i < values->size(); ++i) {
    if (i != 0) joined += ", ";
    (*values)[i].append_to(joined);
  }
  request.set_header_value_at(index, joined);
  return {};
}

Destination response_destination(const Via& top_via, const Arrival& arrival) {
  Destination out;
  out.endpoint.transport = arrival.remote.transport;
  out.endpoint.address = arrival.remote.address;
  out.options.local_address = arrival.local.address;
  const std::uint16_t sent_by_port =
      top_via.port().value_or(default_port(arrival.remote.transport));

  if (is_stream(arrival.remote.transport)) {
    out.options.connection = arrival.connection;
    out.endpoint.port = sent_by_port;
    return out;
  }
  if (auto maddr = top_via.maddr()) {
    const std::string_view address = without_brackets(*maddr);
    if (is_ipv4_address(address) || is_ipv6_address(address)) {
      out.endpoint.address = std::string(address);
      out.endpoint.port = sent_by_port;
      return out;
    }
  }
  out.endpoint.port = top_via.has_rport() ? arrival.remote.port : sent_by_port;
  return out;
}

}  // namespace sipconf::sip
