#pragma once

#include <optional>
#include <vector>

#include "mediation/config/trunk_settings.h"
#include "sip/message/message.h"

namespace sipconf::mediation {

/// The ISUP cause a failure response carries, read from `Reason: Q.850;cause=N` (decision
/// 13); the first Q.850 value with a cause counts. nullopt when there is none, or when the
/// Reason header does not parse.
std::optional<int> isup_cause(const sip::Message& response);

/// TC-14 / SG-11: the code a trunk's failure response counts as, for the retry decision and
/// toward the caller. The trunk's SipResponseCodeTranslationRules are taken in priority
/// order (their order in the file); the first whose ReceivedResponseCode equals `status`
/// (0: any code, the rule then matching on the cause alone) and whose
/// ReceivedISUPCauseValue equals `cause` (-1: any cause) gives its TranslatedResponseCode.
/// A rule with code 0 and cause -1 would match every failure, so it matches none. Codes
/// below 400 are never translated.
int translate_response_code(const std::vector<ResponseCodeTranslationRule>& rules, int status,
                            std::optional<int> cause);

}  // namespace sipconf::mediation
