#include "reports/render/artifact_paths.h"

#include <fmt/format.h>

namespace sipconf::reports {

std::string rebase_artifact(std::string_view artifact, const std::filesystem::path& results_dir,
                            const std::filesystem::path& output_dir) {
  namespace fs = std::filesystem;
  fs::path path{std::string(artifact)};
  if (path.is_absolute()) return path.lexically_normal().string();
  std::error_code ec;
  fs::path from = fs::absolute(results_dir, ec);
  if (ec) return path.lexically_normal().string();
  fs::path to = fs::absolute(output_dir, ec);
  if (ec) return path.lexically_normal().string();
  fs::path target = (from / path).lexically_normal();
  fs::path relative = target.lexically_relative(to.lexically_normal());
  if (relative.empty()) return target.string();
  return relative.string();
}

std::string href_for_path(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_' ||
                      c == '~' || c == '/';
    if (unreserved) {
      out += c;
    } else {
      out += fmt::format("%{:02X}", byte);
    }
  }
  return out;
}

}  // namespace sipconf::reports
