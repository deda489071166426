#pragma once

#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/message.h"

/// How messages find their transaction (RFC 3261 §17.1.3, §17.2.3): keys for hash lookups.
namespace sipconf::sip {

/// §17.1.3: a response matches the client transaction whose request had the same top Via
/// branch and the same CSeq method (so a CANCEL's responses do not match its INVITE).
/// Works on the request sent and on the response received; an error if either header is
/// missing or malformed, or the branch is absent.
Result<std::string> client_transaction_key(const Message& message);

/// How a request is matched to a server transaction.
struct ServerTransactionKey {
  /// RFC 3261 (magic-cookie branch): branch, sent-by and method. RFC 2543 fallback:
  /// Request-URI, From tag, Call-ID, CSeq number, method and top Via. ACK counts as
  /// INVITE in both, so that it finds its INVITE transaction.
  std::string key;
  /// False for an RFC 2543 request: the To tag must then be compared as well (`to_tag`).
  bool rfc3261 = true;
  /// The request's To tag (RFC 2543 matching only): for an ACK it must equal the To tag of
  /// the final response, otherwise the To tag of the request that created the transaction.
  std::string to_tag;
};

/// The key of `request`. `as_method` replaces its method, e.g. "INVITE" to find the INVITE
/// a CANCEL refers to (§9.2). An error if Via, CSeq, Call-ID, From or To do not parse.
Result<ServerTransactionKey> server_transaction_key(const Message& request,
                                                    std::string_view as_method = {});

}  // namespace sipconf::sip
