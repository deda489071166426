#pragma once

#include <filesystem>
#include <ostream>
#include <vector>

namespace CLI {
class App;
}

namespace sipconf::harness {

/// `sipconf parse FILE... [--lenient] [--stream] [--compact]`
struct ParseCommandOptions {
  std::vector<std::filesystem::path> files;
  bool lenient = false;  ///< liberal-element view: repair and report instead of rejecting
  bool stream = false;   ///< files hold TCP/TLS byte streams: frame by Content-Length first
  bool compact = false;  ///< one JSON document per line instead of indented output
};

/// Exit statuses of `sipconf parse`.
inline constexpr int kParseAllValid = 0;
inline constexpr int kParseInvalidMessage = 1;  ///< at least one message was rejected
inline constexpr int kParseBadInput = 2;        ///< a file could not be read

/// Parses each file and writes, per file, one JSON document on `out`: the verdict (valid, or
/// the error and the response a server should send), every violation with its line, the
/// request checks, and the parsed structure. Unreadable files get one line on `err`
/// (`sipconf parse: FILE: why`); the others are still parsed.
int run_parse_command(const ParseCommandOptions& options, std::ostream& out, std::ostream& err);

/// Registers the `parse` subcommand. A non-zero status is raised as CLI::RuntimeError, which
/// CLI11's App::exit turns into the process exit status without printing more.
void add_parse_command(CLI::App& app);

}  // namespace sipconf::harness
