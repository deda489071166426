#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/message/message.h"

namespace sipconf::harness {

/// What the analysis needs to know about a message to place it in its transaction, leg
/// and call, read once from the lenient parse. Values that do not parse are left empty:
/// a captured message is evidence, never rejected for being malformed.
struct SipMessageFacts {
  bool request = true;
  /// The request method; for a response the CSeq method.
  std::string method;
  int status = 0;  ///< 0 for requests.
  std::string request_uri;
  std::string call_id;
  std::optional<uint32_t> cseq;
  std::string cseq_method;
  std::string branch;   ///< Top Via branch, empty without one.
  std::string sent_by;  ///< Top Via `host[:port]`.
  std::string from_tag;
  std::string to_tag;
  std::string from_user;  ///< User part of the From URI (the calling number).
  std::string to_user;
  std::string request_uri_user;  ///< User part of the Request-URI (the called number).
  std::optional<uint32_t> rseq;  ///< RSeq of a reliable provisional (RFC 3262).
  bool sdp = false;              ///< The body is application/sdp.

  bool is_final_response() const { return !request && status >= 200; }
  bool is_provisional() const { return !request && status >= 100 && status < 200; }
};

/// Reads the facts of a (lenient-parsed) message.
SipMessageFacts read_facts(const sip::Message& message);

/// Facts from the start line alone, for bytes the parser could not split into headers.
SipMessageFacts read_start_line_facts(std::string_view bytes);

/// The user part of a SIP or tel URI given as text (`sip:+1425@host;user=phone` ->
/// `+1425`), or of a name-addr (`"A" <sip:bob@x>;tag=1` -> `bob`); empty when none.
std::string uri_user(std::string_view uri_or_name_addr);

/// The value of the `tag` parameter of a From/To value, found lexically outside quotes
/// and angle brackets; empty when absent.
std::string tag_of(std::string_view name_addr);

}  // namespace sipconf::harness
