#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "harness/lab/process_launcher.h"

namespace sipconf::harness {

/// This machine's name (gethostname).
std::string host_name();

/// PRETTY_NAME from an os-release file's text, or "unknown".
std::string os_name_from(std::string_view os_release);
/// The OS of this machine, from /etc/os-release.
std::string os_name();

/// `git rev-parse --short HEAD` in `directory`, or "unknown" outside a checkout or
/// without git. Output goes through a file in `scratch_dir`.
std::string git_revision(ProcessLauncher& launcher, const std::filesystem::path& directory,
                         const std::filesystem::path& scratch_dir);

/// The command line of this process as a person would type it (from
/// /proc/self/cmdline, program name shortened to its file name).
std::string command_line();

}  // namespace sipconf::harness
