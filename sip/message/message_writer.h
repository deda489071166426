#pragma once

#include <string>

#include "sip/message/message.h"

namespace sipconf::sip {

struct WriteOptions {
  /// Write `Content-Length: <body size>`, replacing a wrong or missing one. On by default:
  /// stream transports need it and a forwarded message must never carry a stale length.
  bool fix_content_length = true;
};

/// Serializes a message. Lines that were received and not changed are written byte for byte
/// as received (so parse -> serialize round-trips), changed or built lines as `Name: value`.
/// Parts the lenient parser repaired were already rewritten in the message, and trailing
/// datagram octets are not part of it, so malformed input is never propagated.
std::string serialize(const Message& message, const WriteOptions& options = {});
/// The start line without CRLF ("INVITE sip:bob@example.com SIP/2.0", "SIP/2.0 180 Ringing"),
/// as it would be written: a one-line summary for logs, ladders and reports.
std::string start_line(const Message& message);
void serialize_to(const Message& message, std::string& out, const WriteOptions& options = {});

}  // namespace sipconf::sip
