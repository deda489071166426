#include "sip/sdp/sdp_crypto.h"

#include <algorithm>

#include "sip/sdp/sdp_text.h"

namespace sipconf::sip {
namespace {

bool is_key_line(const SdpAttribute& a) { return a.name == "crypto" || a.name == "cryptoscale"; }

/// Tag, suite and key-params are tokens; a tag has at most 9 digits (RFC 4568 §9.1).
bool parse_tag(std::string_view text, std::uint32_t& out) {
  return text.size() <= 9 && sdp_text::parse_number(text, out);
}

bool parse_key(std::string_view text, SdpCryptoKey& out) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) return false;
  out.method = std::string(text.substr(0, colon));
  std::string_view info = text.substr(colon + 1);
  if (out.method != "inline") {
    out.key_salt = std::string(info);
    return true;
  }
  auto bar = info.find('|');
  out.key_salt = std::string(info.substr(0, bar));
  if (out.key_salt.empty()) return false;
  while (bar != std::string_view::npos) {
    info = info.substr(bar + 1);
    bar = info.find('|');
    std::string_view part = info.substr(0, bar);
    if (part.empty()) return false;
    // The MKI is the only part with a colon; the lifetime precedes it when both are given.
    if (part.find(':') != std::string_view::npos) {
      if (!out.mki.empty()) return false;
      out.mki = std::string(part);
    } else {
      if (!out.lifetime.empty() || !out.mki.empty()) return false;
      out.lifetime = std::string(part);
    }
  }
  return true;
}

}  // namespace

std::optional<SdpCrypto> parse_crypto(std::string_view value, std::error_code& ec) {
  ec = SdpError::bad_crypto;
  bool sloppy = false;
  auto fields = sdp_text::split_fields(value, &sloppy);
  if (fields.size() < 3) return std::nullopt;
  SdpCrypto out;
  if (!parse_tag(fields[0], out.tag)) return std::nullopt;
  out.suite = std::string(fields[1]);
  std::string_view keys = fields[2];
  while (true) {
    auto semi = keys.find(';');
    if (!parse_key(keys.substr(0, semi), out.keys.emplace_back())) return std::nullopt;
    if (semi == std::string_view::npos) break;
    keys = keys.substr(semi + 1);
  }
  for (std::size_t i = 3; i < fields.size(); ++i) out.session_params.emplace_back(fields[i]);
  ec.clear();
  return out;
}

std::string format_crypto(const SdpCrypto& crypto) {
  std::string out = std::to_string(crypto.tag) + ' ' + crypto.suite + ' ';
  for (std::size_t i = 0; i < crypto.keys.size(); ++i) {
    const SdpCryptoKey& k = crypto.keys[i];
    if (i != 0) out += ';';
    out += k.method + ':' + k.key_salt;
    if (!k.lifetime.empty()) out += '|' + k.lifetime;
    if (!k.mki.empty()) out += '|' + k.mki;
  }
  for (const std::string& p : crypto.session_params) out += ' ' + p;
  return out;
}

std::vector<SdpCrypto> crypto_attributes(const SdpMedia& media, std::size_t* malformed) {
  std::vector<SdpCrypto> out;
  std::size_t bad = 0;
  for (const SdpAttribute& a : media.attributes) {
    if (a.name != "crypto") continue;
    std::error_code ec;
    if (auto c = parse_crypto(a.value.value_or(""), ec)) {
      out.push_back(std::move(*c));
    } else {
      ++bad;
    }
  }
  if (malformed) *malformed = bad;
  return out;
}

void add_crypto(SdpMedia& media, const SdpCrypto& crypto) {
  auto& attrs = media.attributes;
  auto last = std::find_if(attrs.rbegin(), attrs.rend(),
                           [](const SdpAttribute& a) { return a.name == "crypto"; });
  auto at = last == attrs.rend() ? attrs.end() : last.base();
  attrs.insert(at, SdpAttribute{"crypto", format_crypto(crypto)});
}

std::size_t remove_crypto(SdpMedia& media) { return std::erase_if(media.attributes, is_key_line); }

}  // namespace sipconf::sip
