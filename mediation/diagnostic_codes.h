#pragma once

#include <span>
#include <string>
#include <string_view>

#include "sip/message/message.h"

namespace sipconf::mediation {

/// SG-10: the `ms-diagnostics` codes of the failures the mediation sends, from MS-OCER's
/// ranges: 12000-12999 for Outbound Routing (which the mediation
/// plays, decision 6.1), 10000-10999 for the Mediation Server itself. One table; the list in
/// mediation/README.md is made from it (mediation_tests fails when the two differ).
enum class DiagnosticCode : int {
  kNoGatewayLeft = 12000,
  kNoRoute = 12004,
  kShuttingDown = 10010,
  kCallLimit = 10011,
  kPeerTimeout = 10020,
  kPeerUnreachable = 10021,
  kPeerFailure = 10030,
  kMediaRefused = 10040,
  kAnswerNotRelayed = 10041,
  kCancelled = 10050,
  kTooManyHops = 10101,
  kUnsupportedExtension = 10102,
  kUnsupportedMediaType = 10103,
  kUnsupportedUriScheme = 10104,
  kNoSuchDialog = 10105,
  kMethodNotAllowed = 10106,
  kNotImplemented = 10107,
  kRequestPending = 10108,
  kBadRequest = 10109,
  kRequestRefused = 10199,
};

struct DiagnosticCodeInfo {
  DiagnosticCode code;
  std::string_view reason;  ///< the `reason=` text
  std::string_view when;    ///< for people: which failure carries it
};

/// Every code, in the order of the README's list.
std::span<const DiagnosticCodeInfo> diagnostic_codes();
const DiagnosticCodeInfo& diagnostic_info(DiagnosticCode code);

/// The code of a request the mediation refuses itself with `status` (400, 481, 483 ...).
DiagnosticCode refusal_code(int status);

/// `12004;reason="No route found";source="<host>"`.
std::string ms_diagnostics(DiagnosticCode code, std::string_view source);

/// Adds `ms-diagnostics` to a failure response (3xx-6xx) without one; `source` is our host
/// on the side it goes to.
void add_ms_diagnostics(sip::Message& response, DiagnosticCode code, std::string_view source);

}  // namespace sipconf::mediation
