#include "sip/sdp/sdp_connection.h"

#include "sip/sdp/sdp_text.h"

namespace sipconf::sip {

SdpConnection make_connection(std::string_view address) {
  bool v6 = address.find(':') != std::string_view::npos;
  return SdpConnection{"IN", v6 ? "IP6" : "IP4", std::string(address)};
}

std::string_view connection_host(const SdpConnection& connection) {
  std::string_view a = connection.address;
  return a.substr(0, a.find('/'));
}

const SdpConnection* media_connection(const SessionDescription& sdp, const SdpMedia& media) {
  if (!media.connections.empty()) return &media.connections.front();
  return sdp.connection ? &*sdp.connection : nullptr;
}

std::optional<SdpRtcp> parse_rtcp(std::string_view value, std::error_code& ec) {
  ec = SdpError::bad_rtcp;
  bool sloppy = false;
  auto fields = sdp_text::split_fields(value, &sloppy);
  if (fields.size() != 1 && fields.size() != 4) return std::nullopt;
  SdpRtcp out;
  if (!sdp_text::parse_number(fields[0], out.port)) return std::nullopt;
  if (fields.size() == 4) {
    out.connection =
        SdpConnection{std::string(fields[1]), std::string(fields[2]), std::string(fields[3])};
  }
  ec.clear();
  return out;
}

std::string format_rtcp(const SdpRtcp& rtcp) {
  std::string out = std::to_string(rtcp.port);
  if (rtcp.connection) {
    out += ' ' + rtcp.connection->net_type + ' ' + rtcp.connection->addr_type + ' ' +
           rtcp.connection->address;
  }
  return out;
}

std::optional<SdpTransportAddress> rtp_address(const SessionDescription& sdp,
                                               const SdpMedia& media) {
  const SdpConnection* c = media_connection(sdp, media);
  if (!c) return std::nullopt;
  return SdpTransportAddress{std::string(connection_host(*c)), media.port};
}

std::optional<SdpTransportAddress> rtcp_address(const SessionDescription& sdp,
                                                const SdpMedia& media) {
  auto rtp = rtp_address(sdp, media);
  if (const SdpAttribute* a = find_attribute(media.attributes, "rtcp"); a && a->value) {
    std::error_code ec;
    if (auto rtcp = parse_rtcp(*a->value, ec)) {
      if (rtcp->connection) {
        return SdpTransportAddress{std::string(connection_host(*rtcp->connection)), rtcp->port};
      }
      if (rtp) return SdpTransportAddress{rtp->address, rtcp->port};
      return std::nullopt;
    }
  }
  if (!rtp || rtp->port == 65535) return std::nullopt;
  rtp->port = static_cast<std::uint16_t>(rtp->port + 1);
  return rtp;
}

std::error_code set_media_target(SessionDescription& sdp, std::size_t index,
                                 const SdpMediaTarget& target) {
  if (index >= sdp.media.size()) return SdpError::no_such_media;
  SdpConnection connection = make_connection(target.address);
  SdpMedia& media = sdp.media[index];
  media.port = target.port;
  if (!media.connections.empty()) {
    media.connections.assign(1, connection);
  } else {
    if (sdp.connection && *sdp.connection != connection) {
      for (std::size_t i = 0; i < sdp.media.size(); ++i) {
        if (i != index && sdp.media[i].connections.empty()) {
          sdp.media[i].connections.push_back(*sdp.connection);
        }
      }
    }
    sdp.connection = connection;
  }
  if (!target.rtcp_port) {
    remove_attributes(media.attributes, "rtcp");
    return {};
  }
  std::string value = std::to_string(*target.rtcp_port);
  bool replaced = false;
  for (SdpAttribute& a : media.attributes) {
    if (a.name == "rtcp") {
      a.value = value;
      replaced = true;
      break;
    }
  }
  if (!replaced) media.attributes.push_back({"rtcp", value});
  return {};
}

}  // namespace sipconf::sip
