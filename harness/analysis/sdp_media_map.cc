#include "harness/analysis/sdp_media_map.h"

#include "sip/sdp/sdp_codec.h"
#include "sip/sdp/sdp_connection.h"

namespace sipconf::harness {

std::vector<ExpectedMedia> announced_media(const sip::SessionDescription& sdp) {
  std::vector<ExpectedMedia> out;
  for (const sip::SdpMedia& media : sdp.media) {
    if (media.port == 0 || media.proto.find("RTP") == std::string::npos) continue;
    const auto address = sip::rtp_address(sdp, media);
    if (!address) continue;
    const auto ip = IpAddress::parse(address->address);
    if (!ip) continue;
    ExpectedMedia expected;
    expected.endpoint = {*ip, address->port};
    for (const sip::SdpCodec& codec : sip::codecs(media)) {
      if (codec.payload_type < 0 || codec.payload_type > 127) continue;
      expected.formats.push_back(
          {static_cast<uint8_t>(codec.payload_type), codec.encoding, codec.clock_rate});
    }
    out.push_back(std::move(expected));
  }
  return out;
}

void SdpMediaMap::announce(const ExpectedMedia& media, std::size_t leg, uint64_t timestamp_ns) {
  announcements_[media.endpoint].push_back({leg, timestamp_ns});
}

const SdpMediaMap::Announcement* SdpMediaMap::latest(const Endpoint& endpoint,
                                                     uint64_t before_ns) const {
  const auto it = announcements_.find(endpoint);
  if (it == announcements_.end()) return nullptr;
  const Announcement* best = nullptr;
  for (const Announcement& a : it->second) {
    if (a.timestamp_ns <= before_ns) best = &a;
  }
  // Media may be captured a moment before the SDP that announced it (early media
  // racing its 183): then the first announcement is the one.
  return best != nullptr ? best : &it->second.front();
}

std::size_t SdpMediaMap::leg_of(const Endpoint& src, const Endpoint& dst, uint64_t first_ns) const {
  if (const Announcement* a = latest(dst, first_ns)) return a->leg;
  if (const Announcement* a = latest(src, first_ns)) return a->leg;
  return kNoIndex;
}

}  // namespace sipconf::harness
