#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/params.h"

namespace sipconf::sip {

enum class UriScheme : std::uint8_t { sip, sips, tel, other };
enum class HostKind : std::uint8_t { none, name, ipv4, ipv6 };

/// A URI as found in a Request-URI or a name-addr: SIP and SIPS (RFC 3261 §19.1), tel
/// (RFC 3966), and any other scheme kept as an opaque absolute URI (the parser accepts it; the
/// element decides, e.g. 416). Components are stored as written, %-escapes included, so that
/// serializing reproduces the input; the *_unescaped() accessors decode where the grammar
/// makes escapes meaningful.
class Uri {
 public:
  Uri() = default;
  /// sip:user@host[:port] (sips: when `secure`). `user` is unescaped text; it is escaped here.
  static Uri sip(std::string_view user, std::string_view host,
                 std::optional<std::uint16_t> port = std::nullopt, bool secure = false);
  /// tel:number (RFC 3966), e.g. tel("+14255550100").
  static Uri tel(std::string_view number);
  /// Parses a whole URI; the text must hold nothing else.
  static Result<Uri> parse(std::string_view text, Diagnostics* diag = nullptr);
  /// As parse(), into `out` (replacing its content): no moves on hot paths.
  static std::error_code parse_into(std::string_view text, Uri& out, Diagnostics* diag = nullptr);

  /// Back to an empty sip: URI (keeping allocated capacity).
  void clear();

  UriScheme scheme() const { return scheme_; }
  /// "sip", "sips", "tel" or the scheme as written for other schemes.
  std::string_view scheme_name() const;
  bool is_sip_or_sips() const { return scheme_ == UriScheme::sip || scheme_ == UriScheme::sips; }

  // --- sip / sips (user and host also serve tel: user is the number, host is empty) -------
  bool has_user() const { return has_user_; }
  const std::string& user() const { return user_; }  ///< as written, escapes included
  std::string user_unescaped() const;
  /// Sets the user from unescaped text; characters the grammar forbids are %-escaped.
  void set_user(std::string_view unescaped);
  void clear_user();
  const std::optional<std::string>& password() const { return password_; }
  const std::string& host() const { return host_; }  ///< as written; IPv6 keeps its [brackets]
  HostKind host_kind() const { return host_kind_; }
  /// Sets the host; a bare IPv6 address gets brackets.
  void set_host(std::string_view host);
  std::optional<std::uint16_t> port() const { return port_; }
  void set_port(std::optional<std::uint16_t> port) { port_ = port; }

  /// URI parameters (`;transport=tcp;lr`), names and values as written.
  const ParamList& params() const { return params_; }
  ParamList& params() { return params_; }
  /// Parameter lookup comparing names case-insensitively after unescaping (RFC 3261 §19.1.4).
  std::optional<std::string> param(std::string_view name) const;
  bool has_param(std::string_view name) const;
  /// URI headers (`?Route=%3Csip:x%3E&Subject=y`), as written; meaningful only outside
  /// Request-URIs.
  const std::vector<Param>& headers() const { return headers_; }
  std::vector<Param>& headers() { return headers_; }

  /// `user=phone` is present (the user part is a telephone number).
  bool user_is_phone() const;
  /// For tel: the telephone-subscriber number (e.g. "+1-201-555-0123"), else empty.
  std::string_view telephone_number() const;
  /// For other schemes: everything after "scheme:".
  const std::string& opaque() const { return opaque_; }

  std::string to_string() const;
  void append_to(std::string& out) const;

  /// Structural equality (component text compared as stored).
  friend bool operator==(const Uri&, const Uri&) = default;

 private:
  UriScheme scheme_ = UriScheme::sip;
  std::string scheme_text_;  // only for UriScheme::other
  bool has_user_ = false;
  std::string user_;
  std::optional<std::string> password_;
  std::string host_;
  HostKind host_kind_ = HostKind::none;
  std::optional<std::uint16_t> port_;
  ParamList params_;
  std::vector<Param> headers_;
  std::string opaque_;

  friend class UriParser;
};

/// URI equivalence per RFC 3261 §19.1.4: scheme, unescaped user and password case-sensitive,
/// host case-insensitive, port only equal if both absent or both equal, user/ttl/method/maddr/
/// transport must match when present in either, other parameters when present in both, and
/// headers must match. Non-SIP URIs compare by scheme (case-insensitive) and unescaped text.
bool equivalent(const Uri& a, const Uri& b);

}  // namespace sipconf::sip
