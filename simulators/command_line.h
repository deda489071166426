#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "simulators/behaviours.h"
#include "simulators/profile_loader.h"
#include "sip/transport/transport.h"

/// The sipsim command line: what to simulate (profile, overrides, behaviours), where (listeners,
/// remote, TLS material) and what to write (message log, summary).
namespace sipconf::simulators {

struct SimulatorOptions {
  std::string profile = "pstn-gateway";
  std::filesystem::path profile_dir;
  std::vector<std::filesystem::path> override_files;
  std::vector<std::string> behaviour_args;  ///< each `k=v,k=v`
  std::vector<sip::Endpoint> listeners;
  bool uac = false;
  std::optional<sip::Endpoint> remote;
  std::string tls_certificate;
  std::string tls_key;
  std::string tls_ca;
  std::string tls_server_name;
  bool tls_require_peer_certificate = true;  ///< MTLS, as on every Lync link
  std::string media_address;
  std::filesystem::path message_log;
  std::filesystem::path summary;
  std::chrono::milliseconds duration{0};  ///< 0: until the calls are done or a signal
  std::chrono::milliseconds linger{200};  ///< after the last call, for retransmissions
  std::chrono::milliseconds t1{500};
  std::uint64_t seed = 0;
  std::string log_level = "warn";
};

enum class CommandLineOutcome { run, exit_success, exit_failure };

/// Parses the arguments. --help and --version print to stdout (exit_success); a bad option
/// prints `sipsim: ...` to stderr (exit_failure).
CommandLineOutcome parse_command_line(int argc, const char* const* argv, SimulatorOptions& options);

/// `127.0.0.5:5066/tcp`, `[::1]:5061/tls`, `127.0.0.5:5060` (UDP unless `default_transport`).
std::optional<sip::Endpoint> parse_endpoint(std::string_view text, sip::Transport default_transport,
                                            std::string& error);

/// The behaviours the options select: the profile file, the override files in order, then
/// every --behaviour. Problems are diagnostics at `file:line:col` (or at `--behaviour`);
/// it fails with the first file's error, or SipsimErrc::kBadBehaviour.
std::error_code load_behaviours(const SimulatorOptions& options, Behaviours& behaviours,
                                ProfileInfo& info, base::Diagnostics& diags);

/// The behaviour keys as a help table (for --help and --list-behaviours).
std::string behaviour_table();

}  // namespace sipconf::simulators
