#pragma once

#include <string_view>

#include "sip/message/message_parser.h"

namespace sipconf::sip {

/// Parses one UDP datagram as one message (RFC 3261 §18.3): the body is Content-Length bytes
/// and extra octets are ignored (trailing_bytes; never forwarded, RFC 4475 dblreq); without
/// Content-Length the body runs to the end of the datagram; a Content-Length larger than the
/// datagram is content_length_exceeds_message (400, RFC 4475 clerr).
ParseResult parse_datagram(std::string_view datagram, ParseOptions options = {});

/// A datagram of only CR/LF bytes: a keep-alive (RFC 5626 style), not a message.
bool is_keepalive_datagram(std::string_view datagram);

}  // namespace sipconf::sip
