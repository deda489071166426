#include "harness/lab/toolbox.h"

#include <fstream>
#include <sstream>

namespace sipconf::harness {

Toolbox find_tools(ProcessLauncher& launcher, const std::filesystem::path& scratch_dir) {
  Toolbox tools;
  tools.sipp = find_program("sipp");
  if (!tools.sipp) return tools;
  const std::filesystem::path banner = scratch_dir / "sipp-version.txt";
  std::error_code ec;
  std::unique_ptr<RunningProcess> process =
      launcher.launch(ProcessSpec{"sipp -v", *tools.sipp, {"-v"}, scratch_dir, banner, {}}, ec);
  if (process) {
    wait_for_exit(*process, std::chrono::steady_clock::now() + std::chrono::seconds(10),
                  std::stop_token());
    process->kill_group();
    std::ifstream in(banner);
    std::ostringstream text;
    text << in.rdbuf();
    tools.sipp_version = parse_sipp_version(text.str());
  }
  std::filesystem::remove(banner, ec);
  return tools;
}

std::optional<std::filesystem::path> find_built_program(const std::filesystem::path& sipconf,
                                                        const std::string& folder,
                                                        const std::string& name) {
  const std::filesystem::path dir = sipconf.parent_path();
  for (const std::filesystem::path& candidate : {dir / name, dir.parent_path() / folder / name}) {
    if (std::optional<std::filesystem::path> found = find_program(candidate.string())) {
      return found;
    }
  }
  return std::nullopt;
}

}  // namespace sipconf::harness
