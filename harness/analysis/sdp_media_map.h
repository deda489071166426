#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "harness/analysis/rtp_analyzer.h"
#include "harness/analysis/transaction_index.h"
#include "harness/capture/ip_endpoint.h"
#include "sip/sdp/sdp.h"

namespace sipconf::harness {

/// The RTP destinations (c= address, m= port) of an SDP body with the payload types each
/// announces; m= lines with port 0 or a non-RTP protocol are left out.
std::vector<ExpectedMedia> announced_media(const sip::SessionDescription& sdp);

/// Which leg an RTP stream belongs to, learned from the SDP of the legs: a stream sent
/// to (or, with symmetric RTP, from) an address some leg's SDP announced belongs to
/// that leg. Media ports are reused from call to call, so the announcement that counts
/// is the latest one made before the stream's first packet.
class SdpMediaMap {
 public:
  void announce(const ExpectedMedia& media, std::size_t leg, uint64_t timestamp_ns);

  /// The leg of a stream from `src` to `dst` that began at `first_ns`; kNoIndex when no
  /// SDP announced either address.
  std::size_t leg_of(const Endpoint& src, const Endpoint& dst, uint64_t first_ns) const;

 private:
  struct Announcement {
    std::size_t leg;
    uint64_t timestamp_ns;
  };
  const Announcement* latest(const Endpoint& endpoint, uint64_t before_ns) const;

  std::unordered_map<Endpoint, std::vector<Announcement>, EndpointHash> announcements_;
};

}  // namespace sipconf::harness
