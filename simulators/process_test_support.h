#pragma once

// Real processes for the simulator's end-to-end tests: sipsim and mediation started with
// Boost.Process on random loopback addresses, and readers for what they leave behind (the
// JSON message log, stderr). Header-only test code.

#include <utility>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <nlohmann/json.hpp>

#include "mediation/process_test_support.h"

#include "base/build_paths.h"

namespace sipconf::simulators::testing {

namespace bp = boost::process;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

inline const fs::path kSipsim = base::binary_dir() / "simulators" / "sipsim";
inline const fs::path kMediation = base::binary_dir() / "mediation" / "mediation";
inline const fs::path kTls = base::source_dir() / "sip" / "testdata" / "tls";

inline std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline std::string random_loopback() {
  std::random_device entropy;
  return "127.0.0." + std::to_string(10 + entropy() % 241);
}

/// A process with its stderr in a file (sipsim by default).
struct Process {
  Process(const fs::path& dir, const std::string& name, std::vector<std::string> args,
          const fs::path& program = kSipsim)
      : stderr_path(dir / (name + ".stderr")),
        child(program.string(), bp::args(std::move(args)), bp::std_out > bp::null,
              bp::std_err > stderr_path.string()) {}
  ~Process() {
    if (child.running()) child.terminate();
  }

  /// Waits for the exit; nullopt (and the process killed) after `limit`.
  std::optional<int> wait(milliseconds limit) {
    // Polled: Boost 1.74's wait_for() can sleep out its whole limit for a child that has
    // already exited.
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (child.running()) {
      if (std::chrono::steady_clock::now() >= deadline) {
        child.terminate();
        return std::nullopt;
      }
      std::this_thread::sleep_for(milliseconds(10));
    }
    child.wait();
    return child.exit_code();
  }

  /// The port of the first listener, from the `listening on` line sipsim logs at start.
  std::optional<int> listening_port(milliseconds limit) {
    const std::regex line("listening on [a-z]+:[0-9.]+:([0-9]+)");
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline && child.running()) {
      std::smatch match;
      const std::string text = read_file(stderr_path);
      if (std::regex_search(text, match, line)) return std::stoi(match[1]);
      std::this_thread::sleep_for(milliseconds(10));
    }
    return std::nullopt;
  }

  fs::path stderr_path;
  bp::child child;
};

inline std::vector<nlohmann::json> read_log(const fs::path& path) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(read_file(path));
  std::string line;
  while (std::getline(in, line)) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

/// Start lines of the messages logged in `direction`.
inline std::vector<std::string> start_lines(const std::vector<nlohmann::json>& log,
                                            const std::string& direction) {
  std::vector<std::string> out;
  for (const auto& entry : log) {
    if (entry["direction"] != direction) continue;
    const std::string raw = entry["raw"];
    out.push_back(raw.substr(0, raw.find("\r\n")));
  }
  return out;
}

inline std::size_t count_prefix(const std::vector<std::string>& lines, const std::string& prefix) {
  return static_cast<std::size_t>(std::count_if(
      lines.begin(), lines.end(), [&](const std::string& l) { return l.rfind(prefix, 0) == 0; }));
}

// The mediation's process tests pick hosts and ports the same way.
using mediation::testing::free_port;
using mediation::testing::loopback_addresses;

/// Waits until `file` contains `needle` or `limit` passes.
inline bool wait_for_text(const fs::path& file, const std::string& needle, milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (read_file(file).find(needle) != std::string::npos) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return false;
}

/// The raw text of every logged message whose start line begins with `prefix`.
inline std::vector<std::string> raw_messages(const std::vector<nlohmann::json>& log,
                                             const std::string& direction,
                                             const std::string& prefix) {
  std::vector<std::string> out;
  for (const auto& entry : log) {
    const std::string raw = entry["raw"];
    if (entry["direction"] == direction && raw.rfind(prefix, 0) == 0) out.push_back(raw);
  }
  return out;
}

/// The value of header `name` in a raw message, or empty.
inline std::string header_of(const std::string& raw, const std::string& name) {
  const std::string key = "\r\n" + name + ": ";
  const std::size_t at = raw.find(key);
  if (at == std::string::npos) return {};
  const std::size_t start = at + key.size();
  return raw.substr(start, raw.find("\r\n", start) - start);
}

}  // namespace sipconf::simulators::testing
