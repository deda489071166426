#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/params.h"

namespace sipconf::sip {

/// Replaces (RFC 3891): `call-id;to-tag=a;from-tag=b[;early-only]`.
struct Replaces {
  std::string call_id;
  ParamList params;

  std::optional<std::string_view> to_tag() const { return params.get("to-tag"); }
  std::optional<std::string_view> from_tag() const { return params.get("from-tag"); }
  bool early_only() const { return params.has("early-only"); }

  static Result<Replaces> parse(std::string_view text, Diagnostics* diag = nullptr);
  std::string to_string() const;
  friend bool operator==(const Replaces&, const Replaces&) = default;
};

}  // namespace sipconf::sip
