#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "simulators/behaviours.h"

/// Profiles are XML files of behaviours (simulators/profiles/<name>.xml), read with base's
/// strict XML reader:
///
///   <profile name="pstn-gateway" description="...">
///     <behaviour name="ring" value="183"/>
///   </profile>
///
/// An override file has the same shape (its `name` is optional) and is applied on top.
namespace sipconf::simulators {

/// The built-in profile names, in documentation order.
const std::vector<std::string_view>& builtin_profile_names();

/// Where the built-in profiles live: simulators/profiles of the source tree.
std::filesystem::path default_profile_dir();

/// A profile reference: a path (contains `/` or ends in `.xml`) or a name looked up as
/// `<dir>/<name>.xml`.
std::filesystem::path resolve_profile(std::string_view name_or_path,
                                      const std::filesystem::path& dir);

struct ProfileInfo {
  std::string name;
  std::string description;
};

/// Applies the behaviours of `file` to `behaviours`. Each problem is a diagnostic (unreadable
/// file, XML error, unknown element or attribute, bad value at its column, a key given twice);
/// keys are applied only if the whole file is clean, else it fails (base::InputErrc for the
/// file, SipsimErrc::kBadBehaviour for its content). `require_name`: the root must carry `name`
/// (profiles do, override files need not).
std::error_code apply_profile_file(const std::filesystem::path& file, bool require_name,
                                   Behaviours& behaviours, ProfileInfo& info,
                                   base::Diagnostics& diags);

/// As above, from text already in memory; `file` only names it in messages.
std::error_code apply_profile_text(std::string_view text, const std::filesystem::path& file,
                                   bool require_name, Behaviours& behaviours, ProfileInfo& info,
                                   base::Diagnostics& diags);

}  // namespace sipconf::simulators
