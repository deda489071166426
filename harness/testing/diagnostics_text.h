#pragma once

// Helpers shared by the harness's tests (header-only; not part of the library).

#include <string>

#include "base/diagnostic.h"

namespace sipconf::harness::testing {

/// Every diagnostic on a line of its own: what a failed assertion prints about a call
/// that reported them.
inline std::string text_of(const base::Diagnostics& diags) {
  std::string text;
  for (const base::Diagnostic& d : diags) {
    if (!text.empty()) text += '\n';
    text += d.to_string();
  }
  return text;
}

}  // namespace sipconf::harness::testing
