#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>

#include "mediation/header_policy.h"

namespace sipconf::mediation {

/// What a body is in the offer/answer exchange (RFC 3264) as it crosses the B2BUA.
enum class SdpRole : std::uint8_t { offer, answer };

/// Where a body is going and why.
struct MediaContext {
  std::uint64_t call = 0;
  Direction direction = Direction::to_trunk;  ///< the leg the body is sent on
  std::size_t trunk = 0;                      ///< the call's trunk (MediationConfig::trunks)
  SdpRole role = SdpRole::offer;
  std::string_view method;  ///< of the request, or of the request a response answers
  int status = 0;           ///< 0 for a request
};

/// The B2BUA's one place for media: every SDP body that crosses from one leg to the other
/// passes through here (INVITE, re-INVITE, UPDATE, reliable or not 18x, 2xx, ACK), so a media
/// relay, SRTP<->RTP and codec filtering (MD-01, TC-01, TC-02) plug in without touching the
/// call logic.
class MediaHook {
 public:
  virtual ~MediaHook() = default;
  /// May rewrite `body`. An error fails the exchange: a request is answered 488, a
  /// response is replaced by 488 toward its receiver.
  virtual std::error_code on_body(const MediaContext& context, std::string& body,
                                  std::string_view content_type) = 0;
  /// The call is over: release what was allocated for it.
  virtual void on_call_end(std::uint64_t /*call*/) {}
};

/// Signalling-only operation: bodies cross unchanged (the media bypass shape of decision
/// 6.12, and what every call does until the relay exists).
class PassThroughMedia final : public MediaHook {
 public:
  std::error_code on_body(const MediaContext&, std::string&, std::string_view) override {
    return {};
  }
};

}  // namespace sipconf::mediation
