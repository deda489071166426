#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "simulators/rtp_stream.h"
#include "sip/base/result.h"
#include "sip/sdp/sdp.h"
#include "sip/sdp/sdp_direction.h"

/// The endpoint's side of the offer/answer model (RFC 3264) for one call: one audio stream,
/// G.711 plus optional telephone-event and CN, hold by direction attributes.
namespace sipconf::simulators {

/// What this endpoint can do and where its stream listens.
struct LocalMedia {
  std::string address;
  std::uint16_t port = 0;
  std::vector<std::string> codecs = {"PCMU", "PCMA"};  ///< preference order
  int telephone_event = 101;                           ///< 0: not offered
  bool comfort_noise = false;
  std::uint32_t ptime = 20;
};

/// What the peer's description says about the stream.
struct RemoteMedia {
  StreamTarget target;
  sip::SdpDirection direction = sip::SdpDirection::sendrecv;  ///< the peer's declared direction
  bool hold = false;                                          ///< sendonly/inactive or c=0.0.0.0
};

/// An answer to an offer, and what the offer said about the peer's stream.
struct SdpAnswer {
  std::string body;
  RemoteMedia remote;
};

/// The session descriptions one call sends, with o= versioning: the version goes up only
/// when the description changes (RFC 3264 §8).
class SdpSession {
 public:
  SdpSession(std::uint64_t session_id, LocalMedia local);

  const LocalMedia& local() const { return local_; }
  /// An offer with every configured codec in preference order.
  std::string offer(sip::SdpDirection direction);
  /// An answer to `offer`: the first offered codec this endpoint has, telephone-event and CN if
  /// both sides have them; direction per RFC 3264 §6.1 toward `wanted`. Fails as
  /// read_remote_media() does when no audio stream is acceptable: the caller answers 488.
  sip::Result<SdpAnswer> answer(const sip::SessionDescription& offer, sip::SdpDirection wanted,
                                base::Diagnostics& diags);
  /// The direction we declared last.
  sip::SdpDirection direction() const { return direction_; }

 private:
  std::string finish(sip::SessionDescription sdp);

  std::uint64_t session_id_;
  std::uint64_t version_;
  LocalMedia local_;
  sip::SdpDirection direction_ = sip::SdpDirection::sendrecv;
  std::string last_body_;  ///< without o=, to see whether anything changed
};

/// Where diagnostics about a peer's description point: its lines, as `SDP:3: ...`.
inline constexpr const char* kSdpSource = "SDP";

/// Reads the peer's audio stream from a description (an answer to our offer, or an offer
/// before we answer it): the first audio m= line with a port and plain RTP, its first G.711
/// codec that we have, its telephone-event. Without one it fails (SipsimErrc) with a
/// diagnostic that says why the last audio stream was refused.
sip::Result<RemoteMedia> read_remote_media(const sip::SessionDescription& sdp,
                                           const LocalMedia& local, base::Diagnostics& diags);

/// Parses a body as SDP; a body that is not fails (sip::SdpError) with a diagnostic at
/// its line.
sip::Result<sip::SessionDescription> parse_body_sdp(std::string_view body,
                                                    base::Diagnostics& diags);

/// The one line that tells a peer (a Warning) and the run summary why a description was
/// refused: what the functions above reported, or the error's own message.
std::string refusal_text(std::error_code ec, const base::Diagnostics& diags);

/// Whether media flows from us to the peer given both declared directions.
bool we_send(sip::SdpDirection ours, sip::SdpDirection theirs);

}  // namespace sipconf::simulators
