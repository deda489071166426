#include "mediation/diagnostic_codes.h"

#include <fmt/format.h>

namespace sipconf::mediation {
namespace {

using enum DiagnosticCode;

constexpr DiagnosticCodeInfo kCodes[] = {
    {kNoGatewayLeft, "Routes available for this request but no available gateway at this point",
     "503: routes match, but every trunk of them is down (OPTIONS health) or failed over "
     "(HF-02, decision 6.4)"},
    {kNoRoute, "No route found", "404: no voice route matches the number (RT-01, RT-07)"},
    {kShuttingDown, "Mediation server shutting down", "503: SIGTERM, new calls refused"},
    {kCallLimit, "Call limit reached", "503: `max-calls` calls in progress"},
    {kPeerTimeout, "Peer did not answer",
     "408: the trunk stopped answering after the call showed progress to Lync, so it could "
     "not move on"},
    {kPeerUnreachable, "Peer unreachable",
     "503: the trunk could not be reached after the call showed progress to Lync"},
    {kPeerFailure, "Peer responded with a failure",
     "the trunk's own failure response (after response code translation, TC-14), relayed"},
    {kMediaRefused, "Media negotiation failed", "488: the SDP could not be used"},
    {kAnswerNotRelayed, "Answer could not be relayed", "500: the trunk's 2xx did not reach Lync"},
    {kCancelled, "Request cancelled", "487: the request was cancelled or its call ended"},
    {kTooManyHops, "Too many hops", "483: Max-Forwards reached 0"},
    {kUnsupportedExtension, "Unsupported extension", "420: a Require the mediation lacks"},
    {kUnsupportedMediaType, "Unsupported media type", "415: a body other than SDP or multipart"},
    {kUnsupportedUriScheme, "Unsupported URI scheme", "416"},
    {kNoSuchDialog, "Dialog or transaction does not exist", "481"},
    {kMethodNotAllowed, "Method not allowed", "405"},
    {kNotImplemented, "Method not implemented", "501"},
    {kRequestPending, "Request pending", "491: glare with a re-INVITE on the other leg"},
    {kBadRequest, "Bad request", "400: the request breaks a rule of RFC 3261"},
    {kRequestRefused, "Request refused", "any other refusal of the mediation's own"},
};

}  // namespace

std::span<const DiagnosticCodeInfo> diagnostic_codes() { return kCodes; }

const DiagnosticCodeInfo& diagnostic_info(DiagnosticCode code) {
  for (const DiagnosticCodeInfo& info : kCodes) {
    if (info.code == code) return info;
  }
  return kCodes[std::size(kCodes) - 1];
}

DiagnosticCode refusal_code(int status) {
  switch (status) {
    case 400:
      return kBadRequest;
    case 404:
      return kNoRoute;
    case 405:
      return kMethodNotAllowed;
    case 408:
      return kPeerTimeout;
    case 415:
      return kUnsupportedMediaType;
    case 416:
      return kUnsupportedUriScheme;
    case 420:
      return kUnsupportedExtension;
    case 481:
      return kNoSuchDialog;
    case 483:
      return kTooManyHops;
    case 487:
      return kCancelled;
    case 488:
      return kMediaRefused;
    case 491:
      return kRequestPending;
    case 500:
      return kAnswerNotRelayed;
    case 501:
      return kNotImplemented;
    default:
      return kRequestRefused;
  }
}

std::string ms_diagnostics(DiagnosticCode code, std::string_view source) {
  return fmt::format("{};reason=\"{}\";source=\"{}\"", static_cast<int>(code),
                     diagnostic_info(code).reason, source);
}

void add_ms_diagnostics(sip::Message& response, DiagnosticCode code, std::string_view source) {
  if (response.is_request() || response.status_code() < 300) return;
  if (response.header("ms-diagnostics")) return;
  response.append_header("ms-diagnostics", ms_diagnostics(code, source));
}

}  // namespace sipconf::mediation
