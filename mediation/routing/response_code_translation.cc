#include "mediation/routing/response_code_translation.h"

#include "sip/message/header_names.h"
#include "sip/message/typed_headers.h"

namespace sipconf::mediation {

std::optional<int> isup_cause(const sip::Message& response) {
  if (!response.header(sip::HeaderId::reason)) return std::nullopt;
  auto values = sip::reasons(response);
  if (!values) return std::nullopt;
  for (const sip::Reason& reason : *values) {
    if (!sip::iequals(reason.protocol, "Q.850")) continue;
    if (auto cause = reason.cause()) return cause;
  }
  return std::nullopt;
}

int translate_response_code(const std::vector<ResponseCodeTranslationRule>& rules, int status,
                            std::optional<int> cause) {
  if (status < 400) return status;
  for (const ResponseCodeTranslationRule& rule : rules) {
    const bool any_code = rule.received_code == 0;
    if (any_code && rule.received_isup_cause < 0) continue;
    if (!any_code && rule.received_code != status) continue;
    if (rule.received_isup_cause >= 0 && rule.received_isup_cause != cause) continue;
    return rule.translated_code;
  }
  return status;
}

}  // namespace sipconf::mediation
