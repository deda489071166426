#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/sdp/sdp.h"

/// SDES keys in SDP (RFC 4568 a=crypto): what the Lync leg offers (always SRTP, MD-10) and
/// what must never reach a TCP trunk (SEC-04).
namespace sipconf::sip {

/// One key-param: `method:info`. For "inline" the info is split into its parts, so the
/// master key can be handed to libsrtp2 and the lifetime/MKI checked.
struct SdpCryptoKey {
  std::string method = "inline";
  std::string key_salt;  ///< base64 key||salt for inline; the whole info otherwise
  std::string lifetime;  ///< "2^31" or decimal; empty if absent
  std::string mki;       ///< "<value>:<length>"; empty if absent

  bool operator==(const SdpCryptoKey&) const = default;
};

struct SdpCrypto {
  std::uint32_t tag = 1;
  std::string suite;  ///< e.g. AES_CM_128_HMAC_SHA1_80
  std::vector<SdpCryptoKey> keys;
  std::vector<std::string> session_params;  ///< e.g. UNENCRYPTED_SRTCP, KDR=...

  bool operator==(const SdpCrypto&) const = default;
};

std::optional<SdpCrypto> parse_crypto(std::string_view value, std::error_code& ec);
std::string format_crypto(const SdpCrypto& crypto);

/// The well-formed a=crypto lines of `media` in order; malformed ones are counted in
/// *malformed (if given) and skipped.
std::vector<SdpCrypto> crypto_attributes(const SdpMedia& media, std::size_t* malformed = nullptr);

/// Adds a=crypto after the last existing crypto line, or at the end of the media section.
void add_crypto(SdpMedia& media, const SdpCrypto& crypto);

/// Removes every SDES key line: a=crypto and Lync's a=cryptoscale (MS-SDPEXT), which carries
/// a key too. Returns how many lines were removed.
std::size_t remove_crypto(SdpMedia& media);

}  // namespace sipconf::sip
