#include "simulators/sdp_session.h"

#include <algorithm>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "simulators/sipsim_error.h"
#include "sip/message/header_names.h"
#include "sip/sdp/sdp_codec.h"
#include "sip/sdp/sdp_connection.h"

namespace sipconf::simulators {
namespace {

using sip::SdpDirection;

std::optional<G711Law> law_of(std::string_view encoding) {
  if (sip::iequals(encoding, "PCMU")) return G711Law::ulaw;
  if (sip::iequals(encoding, "PCMA")) return G711Law::alaw;
  return std::nullopt;
}

int static_type(std::string_view codec) { return sip::iequals(codec, "PCMA") ? 8 : 0; }

bool has(const std::vector<std::string>& codecs, std::string_view codec) {
  return std::any_of(codecs.begin(), codecs.end(),
                     [&](const std::string& c) { return sip::iequals(c, codec); });
}

sip::SessionDescription skeleton(const LocalMedia& local, std::uint64_t session_id,
                                 std::uint64_t version) {
  sip::SessionDescription sdp;
  sdp.origin.username = "sipsim";
  sdp.origin.session_id = std::to_string(session_id);
  sdp.origin.session_version = std::to_string(version);
  sdp.origin.address = sip::make_connection(local.address);
  sdp.session_name = "sipsim";
  sdp.connection = sip::make_connection(local.address);
  sip::SdpMedia audio;
  audio.media = "audio";
  audio.port = local.port;
  audio.proto = "RTP/AVP";
  sdp.media.push_back(std::move(audio));
  return sdp;
}

void add_rtpmap(sip::SdpMedia& media, int payload_type, std::string_view encoding,
                std::uint32_t rate) {
  media.formats.push_back(std::to_string(payload_type));
  media.attributes.push_back(
      {"rtpmap", sip::format_rtpmap({payload_type, std::string(encoding), rate, std::nullopt})});
}

void add_events(sip::SdpMedia& media, int payload_type) {
  add_rtpmap(media, payload_type, "telephone-event", 8000);
  media.attributes.push_back({"fmtp", fmt::format("{} 0-15", payload_type)});
}

}  // namespace

bool we_send(SdpDirection ours, SdpDirection theirs) {
  const bool we_may = ours == SdpDirection::sendrecv || ours == SdpDirection::sendonly;
  const bool they_take = theirs == SdpDirection::sendrecv || theirs == SdpDirection::recvonly;
  return we_may && they_take;
}

sip::Result<sip::SessionDescription> parse_body_sdp(std::string_view body,
                                                    base::Diagnostics& diags) {
  std::error_code ec;
  sip::SdpParseInfo info;
  std::optional<sip::SessionDescription> sdp = sip::parse_sdp(body, ec, &info);
  if (!sdp) {
    base::report(diags, {kSdpSource, static_cast<int>(info.error_line), 0}, ec.message());
    return ec;
  }
  return std::move(*sdp);
}

std::string refusal_text(std::error_code ec, const base::Diagnostics& diags) {
  return diags.empty() ? ec.message() : diags.front().to_string();
}

sip::Result<RemoteMedia> read_remote_media(const sip::SessionDescription& sdp,
                                           const LocalMedia& local, base::Diagnostics& diags) {
  // Why the last audio stream was refused; only one reason reaches the peer.
  SipsimErrc refused = SipsimErrc::kNoAudioStream;
  std::string why = "no audio stream";
  for (const sip::SdpMedia& media : sdp.media) {
    if (media.media != "audio" || media.port == 0) continue;
    if (media.proto != "RTP/AVP") {
      refused = SipsimErrc::kNotPlainRtp;
      why = fmt::format("audio stream uses {} (sipsim sends plain RTP/AVP)", media.proto);
      continue;
    }
    const std::vector<sip::SdpCodec> codecs = sip::codecs(media);
    const auto chosen = std::find_if(codecs.begin(), codecs.end(), [&](const sip::SdpCodec& c) {
      return law_of(c.encoding).has_value() && has(local.codecs, c.encoding);
    });
    if (chosen == codecs.end()) {
      refused = SipsimErrc::kNoCommonCodec;
      why = "no G.711 codec in common";
      continue;
    }
    const std::optional<sip::SdpTransportAddress> address = sip::rtp_address(sdp, media);
    if (!address) {
      refused = SipsimErrc::kNoConnectionAddress;
      why = "audio stream without connection address";
      continue;
    }
    RemoteMedia remote;
    remote.target.address = address->address;
    remote.target.port = address->port;
    remote.target.payload_type = static_cast<std::uint8_t>(chosen->payload_type);
    remote.target.law = *law_of(chosen->encoding);
    remote.target.codec = chosen->encoding;
    if (local.telephone_event != 0) {
      if (const auto events = sip::find_codec(media, "telephone-event")) {
        remote.target.telephone_event = events->payload_type;
      }
    }
    remote.direction = sip::effective_direction(sdp, media);
    remote.hold = sip::is_hold(sdp, media);
    return remote;
  }
  base::report(diags, {kSdpSource}, std::move(why));
  return make_error_code(refused);
}

SdpSession::SdpSession(std::uint64_t session_id, LocalMedia local)
    : session_id_(session_id), version_(session_id % 1000), local_(std::move(local)) {}

std::string SdpSession::offer(SdpDirection direction) {
  direction_ = direction;
  sip::SessionDescription sdp = skeleton(local_, session_id_, version_);
  sip::SdpMedia& audio = sdp.media.front();
  for (const std::string& codec : local_.codecs) add_rtpmap(audio, static_type(codec), codec, 8000);
  if (local_.telephone_event != 0) add_events(audio, local_.telephone_event);
  if (local_.comfort_noise) add_rtpmap(audio, 13, "CN", 8000);
  audio.attributes.push_back({"ptime", std::to_string(local_.ptime)});
  sip::set_direction(audio, direction);
  return finish(std::move(sdp));
}

sip::Result<SdpAnswer> SdpSession::answer(const sip::SessionDescription& offer, SdpDirection wanted,
                                          base::Diagnostics& diags) {
  sip::Result<RemoteMedia> read = read_remote_media(offer, local_, diags);
  if (!read) return read.error();
  const RemoteMedia& remote = *read;
  // The answer's direction: what the offer allows, narrowed by what we want (RFC 3264 §6.1).
  SdpDirection direction = sip::answer_direction(remote.direction);
  if (wanted != SdpDirection::sendrecv) {
    const bool send = we_send(wanted, SdpDirection::sendrecv) &&
                      (direction == SdpDirection::sendrecv || direction == SdpDirection::sendonly);
    const bool receive =
        (wanted == SdpDirection::sendrecv || wanted == SdpDirection::recvonly) &&
        (direction == SdpDirection::sendrecv || direction == SdpDirection::recvonly);
    direction = send && receive ? SdpDirection::sendrecv
                : send          ? SdpDirection::sendonly
                : receive       ? SdpDirection::recvonly
                                : SdpDirection::inactive;
  }
  direction_ = direction;

  sip::SessionDescription sdp = skeleton(local_, session_id_, version_);
  sip::SdpMedia& audio = sdp.media.front();
  add_rtpmap(audio, remote.target.payload_type, remote.target.codec, 8000);
  if (remote.target.telephone_event != 0) add_events(audio, remote.target.telephone_event);
  if (local_.comfort_noise) {
    for (const std::string& format :
         offer.media.empty() ? std::vector<std::string>{} : offer.media.front().formats) {
      if (format == "13") add_rtpmap(audio, 13, "CN", 8000);
    }
  }
  audio.attributes.push_back({"ptime", std::to_string(local_.ptime)});
  sip::set_direction(audio, direction);
  return SdpAnswer{finish(std::move(sdp)), remote};
}

std::string SdpSession::finish(sip::SessionDescription sdp) {
  std::string body = sip::serialize_sdp(sdp);
  // Compare without the o= line: a changed description gets the next version.
  const std::size_t o_start = body.find("o=");
  const std::size_t o_end = body.find('\n', o_start);
  std::string without_origin = body;
  without_origin.erase(o_start, o_end - o_start);
  if (!last_body_.empty() && without_origin != last_body_) {
    ++version_;
    sdp.origin.session_version = std::to_string(version_);
    body = sip::serialize_sdp(sdp);
  }
  last_body_ = std::move(without_origin);
  return body;
}

}  // namespace sipconf::simulators
