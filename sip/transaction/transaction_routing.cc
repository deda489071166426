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

/// What RFC 3261 §18.2.1 and RFC 3581 §4 have a server record in the top Via.
struct ViaStamp {
  bool received = false;
  bool rport = false;
  /// False when the Via is left as it is.
  bool rewrite = false;
};

ViaStamp plan_stamp(const Via& via, const Endpoint& source) {
  const std::string_view host = without_brackets(via.host());
  const bool host_is_source =
      (is_ipv4_address(host) || is_ipv6_address(host)) && iequals(host, source.address);
  ViaStamp stamp;
  stamp.rport = via.has_rport() && !via.rport();
  stamp.received = !host_is_source || stamp.rport;
  // A received= already there is written back in normal form, as every stamped Via is.
  stamp.rewrite = stamp.received || stamp.rport || via.received().has_value();
  return stamp;
}

void apply_stamp(const ViaStamp& stamp, Via& via, const Endpoint& source) {
  if (stamp.received) via.set_received(source.address);
  if (stamp.rport) via.set_rport(source.port);
}

}  // namespace

std::uint16_t default_port(Transport transport) {
  return transport == Transport::tls ? 5061 : 5060;
}

std::error_code stamp_top_via(Message& request, const Endpoint& source) {
  const std::size_t index = request.find(HeaderId::via);
  if (index >= request.header_count()) return make_error_code(ParseError::header_missing);
  const std::string_view line = request.header_at(index).value;
  // A line with one value is the Via the message keeps parsed: no parse, and no copy
  // unless there is something to record.
  if (const Result<Via>& top = request.top_via();
      top && lex::list_element_end(line, 0) >= line.size()) {
    const ViaStamp stamp = plan_stamp(*top, source);
    if (!stamp.rewrite) return {};
    Via via = *top;
    apply_stamp(stamp, via, source);
    request.set_header_value_at(index, via.to_string());
    return {};
  }
  auto values = parse_via_list(line);
  if (!values) return values.error();
  const ViaStamp stamp = plan_stamp(values->front(), source);
  if (!stamp.rewrite) return {};
  apply_stamp(stamp, values->front(), source);
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
