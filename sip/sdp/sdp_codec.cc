#include "sip/sdp/sdp_codec.h"

#include <algorithm>

#include "sip/message/header_names.h"
#include "sip/rtp/static_payload.h"
#include "sip/sdp/sdp_text.h"

namespace sipconf::sip {
namespace {

using sdp_text::parse_number;

bool parse_payload_type(std::string_view text, int& out) {
  return parse_number(text, out) && out >= 0 && out <= 127;
}

/// Payload type named first in a format-specific attribute value ("<pt> ...").
std::optional<int> leading_payload_type(const SdpAttribute& a) {
  if (!a.value) return std::nullopt;
  std::string_view v = *a.value;
  int pt = 0;
  if (!parse_payload_type(v.substr(0, v.find(' ')), pt)) return std::nullopt;
  return pt;
}

bool names_payload_type(const SdpAttribute& a) {
  return a.name == "rtpmap" || a.name == "fmtp" || a.name == "rtcp-fb";
}

std::optional<std::uint32_t> uint_attribute(const SessionDescription& sdp, const SdpMedia& media,
                                            std::string_view name) {
  const SdpAttribute* a = find_attribute(media.attributes, name);
  if (!a) a = find_attribute(sdp.attributes, name);
  if (!a || !a->value) return std::nullopt;
  // Some stacks write "20.0"; the integral part is what matters for a ms value.
  std::string_view v = *a->value;
  v = v.substr(0, v.find('.'));
  std::uint32_t out = 0;
  if (!parse_number(v, out)) return std::nullopt;
  return out;
}

}  // namespace

std::optional<SdpRtpMap> parse_rtpmap(std::string_view value, std::error_code& ec) {
  ec = SdpError::bad_rtpmap;
  auto space = value.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  SdpRtpMap out;
  if (!parse_payload_type(value.substr(0, space), out.payload_type)) return std::nullopt;
  std::string_view rest = value.substr(space + 1);
  while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
  auto slash = rest.find('/');
  out.encoding = std::string(rest.substr(0, slash));
  if (out.encoding.empty() || out.encoding.find(' ') != std::string::npos) return std::nullopt;
  if (slash != std::string_view::npos) {
    rest = rest.substr(slash + 1);
    auto slash2 = rest.find('/');
    if (!parse_number(rest.substr(0, slash2), out.clock_rate) || out.clock_rate == 0) {
      return std::nullopt;
    }
    if (slash2 != std::string_view::npos) {
      std::uint32_t channels = 0;
      if (!parse_number(rest.substr(slash2 + 1), channels) || channels == 0) return std::nullopt;
      out.channels = channels;
    }
  }
  ec.clear();
  return out;
}

std::string format_rtpmap(const SdpRtpMap& rtpmap) {
  std::string out = std::to_string(rtpmap.payload_type) + ' ' + rtpmap.encoding;
  if (rtpmap.clock_rate != 0) out += '/' + std::to_string(rtpmap.clock_rate);
  if (rtpmap.clock_rate != 0 && rtpmap.channels) out += '/' + std::to_string(*rtpmap.channels);
  return out;
}

std::optional<SdpRtpMap> static_payload_type(int payload_type) {
  const StaticPayloadFormat* format = static_payload_format(payload_type);
  if (format == nullptr || format->withdrawn) return std::nullopt;
  return SdpRtpMap{payload_type, std::string(format->encoding), format->clock_rate,
                   format->channels == 1 ? std::nullopt : std::optional(format->channels)};
}

std::vector<SdpCodec> codecs(const SdpMedia& media) {
  std::vector<SdpCodec> out;
  for (const std::string& format : media.formats) {
    SdpCodec codec;
    if (!parse_payload_type(format, codec.payload_type)) continue;
    std::optional<SdpRtpMap> map;
    for (const SdpAttribute& a : media.attributes) {
      if (a.name != "rtpmap" || leading_payload_type(a) != codec.payload_type) continue;
      std::error_code ec;
      map = parse_rtpmap(*a.value, ec);
      if (map) {
        codec.from_rtpmap = true;
        break;
      }
    }
    if (!map) map = static_payload_type(codec.payload_type);
    if (map) {
      codec.encoding = map->encoding;
      codec.clock_rate = map->clock_rate;
      codec.channels = map->channels.value_or(1);
    }
    if (auto params = fmtp_parameters(media, codec.payload_type)) codec.fmtp = *params;
    out.push_back(std::move(codec));
  }
  return out;
}

std::optional<SdpCodec> find_codec(const SdpMedia& media, std::string_view encoding) {
  for (SdpCodec& c : codecs(media)) {
    if (iequals(c.encoding, encoding)) return std::move(c);
  }
  return std::nullopt;
}

std::optional<std::string_view> fmtp_parameters(const SdpMedia& media, int payload_type) {
  for (const SdpAttribute& a : media.attributes) {
    if (a.name != "fmtp" || leading_payload_type(a) != payload_type) continue;
    std::string_view v = *a.value;
    auto space = v.find(' ');
    return space == std::string_view::npos ? std::string_view() : v.substr(space + 1);
  }
  return std::nullopt;
}

std::size_t remove_codecs_if(SdpMedia& media, const std::function<bool(const SdpCodec&)>& drop) {
  std::vector<int> dropped;
  for (const SdpCodec& c : codecs(media)) {
    if (drop(c)) dropped.push_back(c.payload_type);
  }
  if (dropped.empty()) return 0;
  auto is_dropped = [&](int pt) {
    return std::find(dropped.begin(), dropped.end(), pt) != dropped.end();
  };
  std::erase_if(media.formats, [&](const std::string& f) {
    int pt = 0;
    return parse_payload_type(f, pt) && is_dropped(pt);
  });
  std::erase_if(media.attributes, [&](const SdpAttribute& a) {
    if (!names_payload_type(a)) return false;
    auto pt = leading_payload_type(a);
    return pt && is_dropped(*pt);
  });
  return dropped.size();
}

std::size_t keep_codecs(SdpMedia& media, std::span<const std::string_view> encodings) {
  return remove_codecs_if(media, [&](const SdpCodec& c) {
    return std::none_of(encodings.begin(), encodings.end(),
                        [&](std::string_view e) { return iequals(c.encoding, e); });
  });
}

std::size_t remove_codecs(SdpMedia& media, std::span<const std::string_view> encodings) {
  return remove_codecs_if(media, [&](const SdpCodec& c) {
    return std::any_of(encodings.begin(), encodings.end(),
                       [&](std::string_view e) { return iequals(c.encoding, e); });
  });
}

std::optional<std::uint32_t> ptime(const SessionDescription& sdp, const SdpMedia& media) {
  return uint_attribute(sdp, media, "ptime");
}

std::optional<std::uint32_t> maxptime(const SessionDescription& sdp, const SdpMedia& media) {
  return uint_attribute(sdp, media, "maxptime");
}

}  // namespace sipconf::sip
