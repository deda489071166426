#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "sip/sdp/sdp.h"

/// Where a stream's RTP and RTCP go (c=, m= port, RFC 3605 a=rtcp), and the rewrite a media
/// relay applies so that both legs send their media through it.
namespace sipconf::sip {

/// A c= for `address`: IP6 if it contains a colon, IP4 otherwise.
SdpConnection make_connection(std::string_view address);

/// The address of a c= without a multicast /ttl/count suffix.
std::string_view connection_host(const SdpConnection& connection);

/// The c= in force for `media`: its own first c=, else the session's; nullptr if neither.
const SdpConnection* media_connection(const SessionDescription& sdp, const SdpMedia& media);

/// Value of a=rtcp (RFC 3605).
struct SdpRtcp {
  std::uint16_t port = 0;
  std::optional<SdpConnection> connection;

  bool operator==(const SdpRtcp&) const = default;
};

std::optional<SdpRtcp> parse_rtcp(std::string_view value, std::error_code& ec);
std::string format_rtcp(const SdpRtcp& rtcp);

/// Where RTCP for `media` is sent: a=rtcp if present and well-formed, else RTP port + 1 on the
/// media's connection address (RFC 3550 §11). nullopt without a connection address.
struct SdpTransportAddress {
  std::string address;
  std::uint16_t port = 0;

  bool operator==(const SdpTransportAddress&) const = default;
};
std::optional<SdpTransportAddress> rtp_address(const SessionDescription& sdp,
                                               const SdpMedia& media);
std::optional<SdpTransportAddress> rtcp_address(const SessionDescription& sdp,
                                                const SdpMedia& media);

/// Where a relay wants a stream to arrive. Without `rtcp_port` any a=rtcp is dropped (it
/// would point at the original host) and RTCP defaults to port + 1.
struct SdpMediaTarget {
  std::string address;
  std::uint16_t port = 0;
  std::optional<std::uint16_t> rtcp_port;
};

/// Points media `index` at `target`: sets its m= port and connection address and its a=rtcp.
/// A media-level c= is rewritten in place; otherwise the session c= is, and other media that
/// relied on the old session address keep it through a media-level copy.
std::error_code set_media_target(SessionDescription& sdp, std::size_t index,
                                 const SdpMediaTarget& target);

}  // namespace sipconf::sip
