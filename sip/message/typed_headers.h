#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/contact.h"
#include "sip/message/cseq.h"
#include "sip/message/media_type.h"
#include "sip/message/message.h"
#include "sip/message/name_addr.h"
#include "sip/message/rack.h"
#include "sip/message/reason.h"
#include "sip/message/replaces.h"
#include "sip/message/session_timer.h"
#include "sip/message/via.h"

namespace sipconf::sip {

/// Typed access to the headers a B2BUA, the transaction layer and the analyser need. Each
/// call parses the current value (strictly); an absent header is ParseError::header_missing.
/// List headers gather the values of every line in order. To change a header, build the
/// typed value and store it: `msg.set_header(HeaderId::to, to.to_string())`.

/// The top Via, From, To and CSeq as the message keeps them (Message::top_via() ...):
/// parsed once, and valid until the next mutation of `m`. Take a copy to keep one across a
/// mutation.
inline const Result<Via>& top_via(const Message& m) { return m.top_via(); }
inline const Result<NameAddr>& from(const Message& m) { return m.from(); }
inline const Result<NameAddr>& to(const Message& m) { return m.to(); }
inline const Result<CSeq>& cseq(const Message& m) { return m.cseq(); }
Result<std::vector<Via>> vias(const Message& m);
/// The Call-ID without surrounding whitespace.
Result<std::string_view> call_id(const Message& m);
Result<std::uint32_t> max_forwards(const Message& m);
/// All Contact lines together; `*` only when it is the only value.
Result<ContactList> contacts(const Message& m);
Result<std::vector<NameAddr>> routes(const Message& m);
Result<std::vector<NameAddr>> record_routes(const Message& m);
Result<std::uint64_t> content_length(const Message& m);
Result<MediaType> content_type(const Message& m);
/// Comma-separated token lists (Require, Supported, Allow, Proxy-Require, Unsupported...);
/// an absent header is an empty list, not an error.
Result<std::vector<std::string>> token_list(const Message& m, HeaderId id);
Result<SessionExpires> session_expires(const Message& m);
Result<MinSE> min_se(const Message& m);
Result<std::uint32_t> expires(const Message& m);
Result<std::vector<NameAddr>> p_asserted_identities(const Message& m);
Result<std::vector<NameAddr>> history_info(const Message& m);
Result<std::vector<NameAddr>> diversions(const Message& m);
Result<std::vector<Reason>> reasons(const Message& m);
Result<NameAddr> refer_to(const Message& m);
Result<NameAddr> referred_by(const Message& m);
Result<Replaces> replaces(const Message& m);
Result<RAck> rack(const Message& m);
Result<std::uint32_t> rseq(const Message& m);
/// Accept media ranges; absent = empty list.
Result<std::vector<MediaType>> accept(const Message& m);

/// The elements of every line of a comma-list header in order (Via hops, Route entries,
/// option tags...): repeated lines and comma-separated values alike, each trimmed.
std::vector<std::string_view> list_elements(const Message& m, HeaderId id);

/// Pushes a Via on top (before the first Via line).
void push_via(Message& m, const Via& via);
/// Decrements Max-Forwards (adding `Max-Forwards: 70` if absent, RFC 3261 §16.6 step 3).
/// Returns the new value; an error if the value does not parse, or
/// std::errc::result_out_of_range if it is already 0 (a proxy answers 483 instead).
Result<std::uint32_t> decrement_max_forwards(Message& m);

}  // namespace sipconf::sip
