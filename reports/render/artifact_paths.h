#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sipconf::reports {

/// Artifact paths in results.json are relative to the directory that holds it; a report
/// written elsewhere must point at the same files. Returns the path of `artifact` as
/// seen from `output_dir` (relative when possible, so a CI artifact folder can move as
/// a whole). Absolute artifact paths are kept.
std::string rebase_artifact(std::string_view artifact, const std::filesystem::path& results_dir,
                            const std::filesystem::path& output_dir);

/// The two directories a rebase needs, passed around as one value.
struct PathRebase {
  std::filesystem::path results_dir;  ///< Directory of results.json.
  std::filesystem::path output_dir;   ///< Directory of the report being written.

  std::string operator()(std::string_view artifact) const {
    return rebase_artifact(artifact, results_dir, output_dir);
  }
};

/// Percent-encodes a path for an href. Everything but unreserved characters and '/' is
/// encoded, including ':', so a hostile name like `javascript:x` stays a relative path.
std::string href_for_path(std::string_view path);

}  // namespace sipconf::reports
