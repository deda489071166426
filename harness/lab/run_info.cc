#include "harness/lab/run_info.h"

#include <unistd.h>

#include <fstream>
#include <sstream>

namespace sipconf::harness {
namespace {

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

}  // namespace

std::string host_name() {
  char name[256] = {};
  if (::gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

std::string os_name_from(std::string_view os_release) {
  std::istringstream lines{std::string(os_release)};
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("PRETTY_NAME=", 0) != 0) continue;
    std::string value = trim(line.substr(12));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'')) {
      value = value.substr(1, value.size() - 2);
    }
    return value.empty() ? "unknown" : value;
  }
  return "unknown";
}

std::string os_name() { return os_name_from(read_whole_file("/etc/os-release")); }

std::string git_revision(ProcessLauncher& launcher, const std::filesystem::path& directory,
                         const std::filesystem::path& scratch_dir) {
  const std::optional<std::filesystem::path> git = find_program("git");
  if (!git) return "unknown";
  const std::filesystem::path out = scratch_dir / "git-revision.txt";
  std::error_code ec;
  std::unique_ptr<RunningProcess> process = launcher.launch(
      ProcessSpec{"git", *git, {"rev-parse", "--short", "HEAD"}, directory, out, {}}, ec);
  if (!process) return "unknown";
  const std::optional<ProcessExit> exit = wait_for_exit(
      *process, std::chrono::steady_clock::now() + std::chrono::seconds(10), std::stop_token());
  process->kill_group();
  std::string revision = trim(read_whole_file(out));
  std::filesystem::remove(out, ec);
  if (!exit || exit->signalled || exit->code != 0 || revision.empty()) return "unknown";
  return revision;
}

std::string command_line() {
  const std::string raw = read_whole_file("/proc/self/cmdline");
  std::string command;
  std::size_t start = 0;
  bool first = true;
  while (start < raw.size()) {
    std::size_t end = raw.find('\0', start);
    if (end == std::string::npos) end = raw.size();
    std::string argument = raw.substr(start, end - start);
    if (first) argument = std::filesystem::path(argument).filename().string();
    if (argument.find_first_of(" \t\"'") != std::string::npos) argument = "'" + argument + "'";
    command += (first ? "" : " ") + argument;
    first = false;
    start = end + 1;
  }
  return command;
}

}  // namespace sipconf::harness
