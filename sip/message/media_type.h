#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/diagnostics.h"
#include "sip/message/params.h"

namespace sipconf::sip {

/// `type/subtype;param=value` (Content-Type; in Accept also `*/*` and `type/*`).
struct MediaType {
  std::string type;
  std::string subtype;
  ParamList params;

  static Result<MediaType> parse(std::string_view text, Diagnostics* diag = nullptr);
  /// Case-insensitive type/subtype match; `*` in this (a range) matches anything.
  bool matches(std::string_view type, std::string_view subtype) const;
  std::string to_string() const;
  friend bool operator==(const MediaType&, const MediaType&) = default;
};

/// The Accept header: comma-separated media ranges, possibly empty.
Result<std::vector<MediaType>> parse_media_range_list(std::string_view text,
                                                      Diagnostics* diag = nullptr);

}  // namespace sipconf::sip
