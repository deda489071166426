#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/params.h"

namespace sipconf::sip {

enum class Refresher : std::uint8_t { uac, uas };

/// Session-Expires (RFC 4028): `1800;refresher=uac`.
struct SessionExpires {
  std::uint32_t seconds = 0;
  std::optional<Refresher> refresher;
  ParamList params;  ///< other parameters, as written

  static Result<SessionExpires> parse(std::string_view text, Diagnostics* diag = nullptr);
  std::string to_string() const;
  friend bool operator==(const SessionExpires&, const SessionExpires&) = default;
};

/// Min-SE (RFC 4028): delta-seconds with generic parameters.
struct MinSE {
  std::uint32_t seconds = 0;
  ParamList params;

  static Result<MinSE> parse(std::string_view text, Diagnostics* diag = nullptr);
  std::string to_string() const;
  friend bool operator==(const MinSE&, const MinSE&) = default;
};

}  // namespace sipconf::sip
