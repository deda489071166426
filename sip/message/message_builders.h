#pragma once

#include <string_view>

#include "sip/base/result.h"
#include "sip/message/message.h"

namespace sipconf::sip {

/// A response to `request` (RFC 3261 §8.2.6.2): Via lines, From, To, Call-ID and CSeq copied;
/// a To tag added when `to_tag` is non-empty and To has none. Record-Route lines are copied
/// for 18x/2xx to dialog-creating requests (§12.1.1).
Result<Message> make_response(const Message& request, int status, std::string_view reason = {},
                              std::string_view to_tag = {});

/// The ACK for a non-2xx final response to `invite` (RFC 3261 §17.1.1.3): same Request-URI,
/// top Via (same branch), From, Call-ID, CSeq number; To from the response; Route copied.
Result<Message> make_ack_for_non2xx(const Message& invite, const Message& response);

/// A CANCEL for `invite` (RFC 3261 §9.1): same Request-URI, top Via, From, To, Call-ID and
/// CSeq number with method CANCEL, Route copied, Max-Forwards 70.
Result<Message> make_cancel(const Message& invite);

}  // namespace sipconf::sip
