#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

namespace CLI {
class App;
}

namespace sipconf::harness {

/// `sipconf lint [PATH...] [--catalogue FILE]`
struct LintCommandOptions {
  std::vector<std::filesystem::path> paths;  ///< default: scenarios
  std::filesystem::path catalogue;
};

inline constexpr int kLintClean = 0;
inline constexpr int kLintErrors = 1;

/// Checks every manifest under the paths and the SIPp files they name; prints each
/// problem as `file:line: message` followed by the offending source line, then a
/// one-line summary. Returns kLintErrors when anything is wrong.
int run_lint_command(const LintCommandOptions& options, std::ostream& out);

void add_lint_command(CLI::App& app);

}  // namespace sipconf::harness
