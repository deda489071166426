#pragma once

#include <string_view>

namespace sipconf::reports {

/// The report's stylesheet, inlined into every page (no external fetches).
std::string_view page_style();

/// The report's script: filters, deep links, on-demand case rendering, message panel.
std::string_view page_script();

}  // namespace sipconf::reports
