#pragma once

#include <string>

#include <gtest/gtest.h>

#include "mediation/config/trunk_parameters.h"

namespace sipconf::mediation::testing {

/// Sets `parameter` in `p` away from its default (a text to one that needs escaping in XML).
inline void set_off_default(const TrunkParameter& parameter, TrunkParameters& p) {
  const TrunkParameters defaults;
  std::string why;
  if (std::holds_alternative<BooleanParameter>(parameter.kind)) {
    const bool was = format_value(parameter, defaults) == "true";
    ASSERT_TRUE(parse_value(parameter, was ? "false" : "true", p, why)) << why;
  } else if (const auto* integer = std::get_if<IntegerParameter>(&parameter.kind)) {
    const int value = defaults.*integer->member == integer->max ? integer->min : integer->max;
    ASSERT_TRUE(parse_value(parameter, std::to_string(value), p, why)) << why;
  } else if (std::holds_alternative<TextParameter>(parameter.kind)) {
    ASSERT_TRUE(parse_value(parameter, "Redmond <gw> & \"lab\" 'B'", p, why)) << why;
  } else {
    ASSERT_TRUE(parse_value(parameter, srtp_mode_names().back().name, p, why)) << why;
  }
  ASSERT_NE(format_value(parameter, p), format_value(parameter, defaults)) << parameter.name;
}

}  // namespace sipconf::mediation::testing
