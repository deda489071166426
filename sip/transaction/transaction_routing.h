#pragma once

#include <system_error>

#include "sip/message/message.h"
#include "sip/message/via.h"
#include "sip/transaction/transaction.h"

/// Where requests came from and where their responses go (RFC 3261 §18.2.1, §18.2.2 and
/// RFC 3581 symmetric response routing).
namespace sipconf::sip {

/// Records the packet source in the top Via of a received request: `received` when the
/// sent-by host is not the source address (or `rport` asks for it), and the source port in a
/// bare `rport`. Only the first Via value changes. An error if the top Via does not parse.
std::error_code stamp_top_via(Message& request, const Endpoint& source);

/// Where the responses to a request with this (stamped) top Via go: back over the same
/// connection on TCP/TLS (with the received address and sent-by port as the fallback if it
/// closed), to the maddr if there is one, to the source address and port when `rport` was
/// asked for, else to the source address and the sent-by port (5060/5061 by default). The
/// response leaves from the address the request arrived on.
Destination response_destination(const Via& top_via, const Arrival& arrival);

/// The default port of a transport in a Via or URI without one (5061 for TLS).
std::uint16_t default_port(Transport transport);

}  // namespace sipconf::sip
