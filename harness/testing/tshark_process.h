#pragma once

#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// tshark is the reference our decoder is cross-checked against (tests) and the anchor
/// it is timed against (bench). Empty path when it is not on PATH.
std::filesystem::path find_tshark();

/// The line to print when tshark is needed and missing.
inline constexpr const char* kTsharkMissing =
    "tshark not found on PATH; install it with: apt-get install tshark";

/// Runs tshark with `args` (the program name not included) and returns what it wrote on
/// stdout. Fails, with one diagnostic for tshark, when it cannot be started or exits
/// non-zero.
sip::Result<std::string> run_tshark(const std::vector<std::string>& args, base::Diagnostics& diags);

}  // namespace sipconf::harness
