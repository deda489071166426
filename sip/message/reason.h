#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/params.h"

namespace sipconf::sip {

/// One Reason value (RFC 3326): `Q.850;cause=16;text="Normal call clearing"`.
struct Reason {
  std::string protocol;  ///< "SIP", "Q.850" or another token
  ParamList params;

  std::optional<int> cause() const;
  std::optional<std::string> text() const;  ///< unquoted

  static Result<Reason> parse(std::string_view text, Diagnostics* diag = nullptr);
  std::string to_string() const;
  friend bool operator==(const Reason&, const Reason&) = default;
};

/// A Reason header value: comma-separated Reason values.
Result<std::vector<Reason>> parse_reason_list(std::string_view text, Diagnostics* diag = nullptr);

}  // namespace sipconf::sip
