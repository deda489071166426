#include "sip/sdp/sdp_direction.h"

#include <algorithm>
#include <array>

#include "sip/sdp/sdp_connection.h"

namespace sipconf::sip {
namespace {

constexpr std::array<std::string_view, 4> kNames{"sendrecv", "sendonly", "recvonly", "inactive"};

std::optional<SdpDirection> direction_of(const SdpAttribute& a) {
  if (a.value) return std::nullopt;
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (a.name == kNames[i]) return static_cast<SdpDirection>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view to_string(SdpDirection direction) {
  return kNames[static_cast<std::size_t>(direction)];
}

std::optional<SdpDirection> direction_attribute(const std::vector<SdpAttribute>& attributes) {
  for (const SdpAttribute& a : attributes) {
    if (auto d = direction_of(a)) return d;
  }
  return std::nullopt;
}

SdpDirection effective_direction(const SessionDescription& sdp, const SdpMedia& media) {
  if (auto d = direction_attribute(media.attributes)) return *d;
  return direction_attribute(sdp.attributes).value_or(SdpDirection::sendrecv);
}

void set_direction(SdpMedia& media, SdpDirection direction) {
  auto& attrs = media.attributes;
  auto first = std::find_if(attrs.begin(), attrs.end(),
                            [](const SdpAttribute& a) { return direction_of(a).has_value(); });
  if (first == attrs.end()) {
    attrs.push_back({std::string(to_string(direction)), std::nullopt});
    return;
  }
  first->name = std::string(to_string(direction));
  for (auto it = attrs.end(); it != first + 1;) {
    --it;
    if (direction_of(*it)) it = attrs.erase(it);
  }
}

SdpDirection answer_direction(SdpDirection offered) {
  switch (offered) {
    case SdpDirection::sendonly:
      return SdpDirection::recvonly;
    case SdpDirection::recvonly:
      return SdpDirection::sendonly;
    default:
      return offered;
  }
}

bool is_hold(const SessionDescription& sdp, const SdpMedia& media) {
  SdpDirection d = effective_direction(sdp, media);
  if (d == SdpDirection::sendonly || d == SdpDirection::inactive) return true;
  const SdpConnection* c = media_connection(sdp, media);
  return c && connection_host(*c) == "0.0.0.0";
}

}  // namespace sipconf::sip
