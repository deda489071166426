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

/// RFC 3261 §8.1.1.7: branches starting with this are globally unique transaction ids.
inline constexpr std::string_view kBranchMagicCookie = "z9hG4bK";

/// One Via value: `SIP/2.0/UDP host:port;branch=...;received=...;rport=...`.
class Via {
 public:
  Via() = default;
  Via(std::string transport, std::string host, std::optional<std::uint16_t> port = std::nullopt)
      : transport_(std::move(transport)), host_(std::move(host)), port_(port) {}

  /// Parses one value (no commas).
  static Result<Via> parse(std::string_view text, Diagnostics* diag = nullptr);

  const std::string& protocol_name() const { return protocol_name_; }
  const std::string& protocol_version() const { return protocol_version_; }
  const std::string& transport() const { return transport_; }  ///< as written: "UDP", "TLS"...
  void set_transport(std::string_view t) { transport_ = t; }
  const std::string& host() const { return host_; }  ///< IPv6 with [brackets]
  void set_host(std::string_view host) { host_ = host; }
  std::optional<std::uint16_t> port() const { return port_; }
  void set_port(std::optional<std::uint16_t> port) { port_ = port; }
  /// `host[:port]`, the sent-by used for transaction matching (RFC 3261 §17.2.3).
  std::string sent_by() const;

  const ParamList& params() const { return params_; }
  ParamList& params() { return params_; }

  std::optional<std::string_view> branch() const { return params_.get("branch"); }
  void set_branch(std::string_view branch) { params_.set("branch", branch); }
  /// The branch starts with the magic cookie and has something after it (RFC 3261 §17.2.3).
  bool has_rfc3261_branch() const;
  std::optional<std::string_view> received() const { return params_.get("received"); }
  void set_received(std::string_view address) { params_.set("received", address); }
  /// `rport` present (with or without a value), RFC 3581.
  bool has_rport() const { return params_.has("rport"); }
  /// The rport value when filled in by a server; nullopt for a bare `rport` or none.
  std::optional<std::uint16_t> rport() const;
  /// Sets `rport` (bare when `port` is nullopt).
  void set_rport(std::optional<std::uint16_t> port);
  std::optional<std::string_view> maddr() const { return params_.get("maddr"); }
  std::optional<std::uint8_t> ttl() const;

  std::string to_string() const;
  void append_to(std::string& out) const;

  friend bool operator==(const Via&, const Via&) = default;

 private:
  std::string protocol_name_ = "SIP";
  std::string protocol_version_ = "2.0";
  std::string transport_ = "UDP";
  std::string host_;
  std::optional<std::uint16_t> port_;
  ParamList params_;
};

/// Parses a Via header value, which may hold several comma-separated values.
Result<std::vector<Via>> parse_via_list(std::string_view text, Diagnostics* diag = nullptr);

}  // namespace sipconf::sip
