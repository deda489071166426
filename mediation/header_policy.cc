#include "mediation/header_policy.h"

namespace sipconf::mediation {

using sip::HeaderId;

HeaderPolicy::HeaderPolicy(const TrunkSettings& settings, Direction direction) {
  for (HeaderId id :
       {HeaderId::accept, HeaderId::accept_language, HeaderId::alert_info, HeaderId::call_info,
        HeaderId::content_disposition, HeaderId::content_encoding, HeaderId::content_language,
        HeaderId::error_info, HeaderId::event, HeaderId::mime_version, HeaderId::organization,
        HeaderId::priority, HeaderId::privacy, HeaderId::reason, HeaderId::retry_after,
        HeaderId::subject, HeaderId::warning}) {
    carried_[static_cast<std::size_t>(id)] = true;
  }
  // TC-10: P-Asserted-Identity both ways, only when the trunk forwards it.
  carried_[static_cast<std::size_t>(HeaderId::p_asserted_identity)] = settings.forward_pai;
  // TC-09: call history toward the peer only when the trunk forwards it.
  carried_[static_cast<std::size_t>(HeaderId::history_info)] =
      direction == Direction::to_trunk && settings.forward_call_history;
}

void HeaderPolicy::copy(const sip::Message& from, sip::Message& to) const {
  const std::size_t n = from.header_count();
  for (std::size_t i = 0; i < n; ++i) {
    const sip::HeaderField f = from.header_at(i);
    if (f.id != HeaderId::unknown && carries(f.id)) to.append_header(f.id, f.value);
  }
}

}  // namespace sipconf::mediation
