#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/behaviours.h"

/// Profiles are XML files of behaviours (simulators/profiles/<name>.xml):
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

/// Applies the behaviours of `file` to `behaviours`. Each problem is one `file:line: message`
/// in `errors` (unreadable file, XML error, unknown element or key, bad value, a key given
/// twice); keys are applied only if the whole file is clean. `require_name`: the root must
/// carry `name` (profiles do, override files need not).
bool apply_profile_file(const std::filesystem::path& file, bool require_name,
                        Behaviours& behaviours, ProfileInfo& info,
                        std::vector<std::string>& errors);

/// As above, from text already in memory; `file` only names it in messages.
bool apply_profile_text(std::string_view text, const std::filesystem::path& file, bool require_name,
                        Behaviours& behaviours, ProfileInfo& info,
                        std::vector<std::string>& errors);

}  // namespace sipconf::simulators
