#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

namespace CLI {
class App;
}

namespace sipconf::harness {

/// `sipconf list [PATH...] [--json] [--catalogue FILE]`
struct ListCommandOptions {
  std::vector<std::filesystem::path> paths;  ///< default: scenarios
  std::filesystem::path catalogue;
  bool json = false;
};

/// Lists the cases with their behaviour IDs, peer kinds and flags, as a table or as
/// JSON (one object per case). Returns 0, or 2 when a path does not exist.
int run_list_command(const ListCommandOptions& options, std::ostream& out, std::ostream& err);

void add_list_command(CLI::App& app);

}  // namespace sipconf::harness
