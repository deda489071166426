#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/params.h"
#include "sip/message/uri.h"

namespace sipconf::sip {

/// `[display-name] <URI> *(;param)` or `addr-spec *(;param)`: the value of From, To, Contact,
/// Route, Record-Route, P-Asserted-Identity, History-Info, Diversion, Refer-To, Referred-By.
/// Parameters after the URI are header parameters (tag, expires, q, ...), never URI ones.
class NameAddr {
 public:
  NameAddr() = default;
  explicit NameAddr(Uri uri, std::string display_name = {})
      : display_name_(std::move(display_name)), uri_(std::move(uri)) {}

  /// Parses one value (no commas outside quotes and <>).
  static Result<NameAddr> parse(std::string_view text, Diagnostics* diag = nullptr);
  /// As parse(), into `out` (replacing its content): no moves on hot paths.
  static std::error_code parse_into(std::string_view text, NameAddr& out,
                                    Diagnostics* diag = nullptr);

  /// The display name with quotes removed and quoted-pairs resolved; may contain any octet.
  const std::string& display_name() const { return display_name_; }
  void set_display_name(std::string_view name) { display_name_ = name; }

  const Uri& uri() const { return uri_; }
  Uri& uri() { return uri_; }
  void set_uri(Uri uri) { uri_ = std::move(uri); }

  const ParamList& params() const { return params_; }
  ParamList& params() { return params_; }

  std::optional<std::string_view> tag() const { return params_.get("tag"); }
  void set_tag(std::string_view tag) { params_.set("tag", tag); }
  void remove_tag() { params_.remove("tag"); }

  /// Always writes the name-addr form `"Display" <uri>;params` (quoting only when needed),
  /// which is valid wherever the addr-spec form is.
  std::string to_string() const;
  void append_to(std::string& out) const;

  friend bool operator==(const NameAddr&, const NameAddr&) = default;

 private:
  std::string display_name_;
  Uri uri_;
  ParamList params_;
};

/// Parses a comma-separated list of name-addr values (Route, Record-Route, PAI, Diversion,
/// History-Info, Contact without `*`). Empty elements are deviations (badinv01).
Result<std::vector<NameAddr>> parse_name_addr_list(std::string_view text,
                                                   Diagnostics* diag = nullptr);

/// Writes a display name, as a token sequence when every character allows it, else quoted.
void append_display_name(std::string& out, std::string_view display_name);

/// `"text"` with `\` and `"` escaped as quoted-pairs (CR and LF, which no quoted-pair may
/// carry, are dropped).
std::string quote_string(std::string_view text);

}  // namespace sipconf::sip
