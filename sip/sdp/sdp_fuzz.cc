// libFuzzer target: SDP parsing must never crash, and parse -> serialize -> parse must be
// stable (same model, same bytes), also after the edits a B2BUA applies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sip/sdp/sdp.h"
#include "sip/sdp/sdp_codec.h"
#include "sip/sdp/sdp_connection.h"
#include "sip/sdp/sdp_crypto.h"
#include "sip/sdp/sdp_direction.h"

namespace {

using namespace sipconf::sip;

void check(bool ok) {
  if (!ok) std::abort();
}

/// Serializing may add a CR per line; the reparse gets room for that.
SessionDescription reparse(const std::string& text) {
  SdpLimits roomy;
  roomy.max_bytes = text.size() + 1;
  roomy.max_lines = text.size() + 1;
  std::error_code ec;
  auto again = parse_sdp(text, ec, nullptr, roomy);
  check(again.has_value() && !ec);
  return std::move(*again);
}

void exercise_helpers(const SessionDescription& sdp) {
  for (const SdpMedia& m : sdp.media) {
    for (const SdpCodec& c : codecs(m)) check(c.payload_type >= 0 && c.payload_type <= 127);
    std::size_t malformed = 0;
    crypto_attributes(m, &malformed);
    effective_direction(sdp, m);
    is_hold(sdp, m);
    rtcp_address(sdp, m);
    ptime(sdp, m);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::error_code ec;
  auto first = parse_sdp(text, ec);
  if (!first) {
    check(static_cast<bool>(ec) && ec.category() == sdp_category());
    return 0;
  }
  exercise_helpers(*first);
  std::string once = serialize_sdp(*first);
  SessionDescription second = reparse(once);
  check(second == *first);
  check(serialize_sdp(second) == once);

  // The relay's edits must keep the description parseable and stable too.
  for (std::size_t i = 0; i < second.media.size(); ++i) {
    constexpr std::string_view kTrunk[] = {"PCMU", "PCMA", "telephone-event", "CN"};
    keep_codecs(second.media[i], kTrunk);
    remove_crypto(second.media[i]);
    set_direction(second.media[i], SdpDirection::sendonly);
    check(!set_media_target(second, i, {"127.0.0.9", 40000, 40001}));
  }
  std::string edited = serialize_sdp(second);
  SessionDescription third = reparse(edited);
  check(third == second);
  return 0;
}
