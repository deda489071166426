#include "simulators/command_line.h"

#include <charconv>
#include <cstdio>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include "base/duration.h"
#include "simulators/options_schedule.h"
#include "simulators/sipsim_error.h"

namespace sipconf::simulators {

std::optional<sip::Endpoint> parse_endpoint(std::string_view text, sip::Transport default_transport,
                                            std::string& error) {
  sip::Endpoint endpoint;
  endpoint.transport = default_transport;
  if (const std::size_t slash = text.rfind('/'); slash != std::string_view::npos) {
    const auto transport = sip::transport_from_string(text.substr(slash + 1));
    if (!transport) {
      error = fmt::format("`{}`: transport must be udp, tcp or tls", text);
      return std::nullopt;
    }
    endpoint.transport = *transport;
    text = text.substr(0, slash);
  }
  std::string_view port_text;
  if (text.starts_with('[')) {
    const std::size_t close = text.find(']');
    if (close == std::string_view::npos || close + 1 >= text.size() || text[close + 1] != ':') {
      error = fmt::format("`{}`: expected [IPv6]:port", text);
      return std::nullopt;
    }
    endpoint.address = std::string(text.substr(1, close - 1));
    port_text = text.substr(close + 2);
  } else {
    const std::size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
      error = fmt::format("`{}`: expected address:port", text);
      return std::nullopt;
    }
    endpoint.address = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  const auto [end, ec] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    error = fmt::format("`{}`: `{}` is not a port number", text, port_text);
    return std::nullopt;
  }
  endpoint.port = static_cast<std::uint16_t>(port);
  if (endpoint.address.empty()) {
    error = fmt::format("`{}`: the address is missing", text);
    return std::nullopt;
  }
  return endpoint;
}

std::string behaviour_table() {
  std::string out =
      "Behaviour keys (profile <behaviour name=.. value=..>, or --behaviour k=v,..):\n";
  for (const BehaviourKey& key : behaviour_keys()) {
    out += fmt::format("  {:<20} {:<30} {}\n", key.name, key.values, key.doc);
  }
  return out;
}

CommandLineOutcome parse_command_line(int argc, const char* const* argv,
                                      SimulatorOptions& options) {
  CLI::App app{
      "sipsim: a simulated Lync, IP-PBX, PSTN gateway or ITSP endpoint for SIP conformance "
      "tests (see simulators/README.md)",
      "sipsim"};
  std::vector<std::string> listen;
  std::string remote;
  std::string duration;
  std::string linger;
  std::string t1;
  std::string mode = "uas";
  bool list_behaviours = false;
  options.profile_dir = default_profile_dir();
  app.add_option("--profile", options.profile,
                 "profile name (lync, ip-pbx, pstn-gateway, itsp) or profile XML file");
  app.add_option("--profile-dir", options.profile_dir, "where profile names are looked up");
  app.add_option("--overrides", options.override_files,
                 "profile override file(s), applied after the profile");
  app.add_option("--behaviour,-b", options.behaviour_args,
                 "behaviour overrides, e.g. ring=183,answer_after_ms=500ms (applied last)");
  app.add_option("--listen,-l", listen,
                 "listener ADDR:PORT[/udp|tcp|tls] (repeatable; port 0 "
                 "picks one)")
      ->required();
  app.add_option("--mode", mode, "uac places calls toward --remote; uas only answers")
      ->check(CLI::IsMember({"uac", "uas"}));
  app.add_option("--remote,-r", remote,
                 "where calls and other out-of-dialog requests go: ADDR:PORT[/transport]");
  app.add_option("--tls-cert", options.tls_certificate, "PEM certificate chain we present");
  app.add_option("--tls-key", options.tls_key, "PEM private key of --tls-cert");
  app.add_option("--tls-ca", options.tls_ca, "PEM CA that peer certificates must chain to");
  app.add_option("--tls-server-name", options.tls_server_name,
                 "name the remote's certificate must carry (default: chain check only)");
  app.add_flag("!--no-peer-certificate", options.tls_require_peer_certificate,
               "as TLS server, do not demand a client certificate (no MTLS)");
  app.add_option("--media-address", options.media_address,
                 "address of the RTP ports (default: the SIP listener's)");
  app.add_option("--message-log", options.message_log,
                 "write every SIP message sent and received as JSON lines to FILE");
  app.add_option("--summary", options.summary, "write the run summary as JSON to FILE");
  app.add_option("--duration", duration,
                 "stop after this long (e.g. 30s): hang up, write the summary, exit");
  app.add_option("--linger", linger, "stay this long after the last call (default 200ms)");
  app.add_option("--t1", t1, "SIP timer T1, 10ms to 10s (default 500ms)");
  app.add_option("--seed", options.seed, "seed of tags, branches and SSRCs (0: random)");
  app.add_option("--log-level", options.log_level, "stderr log level")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_flag("--list-behaviours", list_behaviours, "print the behaviour keys and exit");
  app.set_version_flag("--version", SIPCONF_VERSION);
  app.footer(behaviour_table() +
             "\nExit status: 0 every call went as the behaviours intended; 1 some did not;"
             "\n2 bad options or profile data; 3 the listeners could not be opened.");
  if (argc >= 2 && std::string_view(argv[1]) == "--list-behaviours") {
    std::fputs(behaviour_table().c_str(), stdout);
    return CommandLineOutcome::exit_success;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? CommandLineOutcome::exit_success : CommandLineOutcome::exit_failure;
  }
  if (list_behaviours) {
    std::fputs(behaviour_table().c_str(), stdout);
    return CommandLineOutcome::exit_success;
  }
  auto fail = [](const std::string& message) {
    std::fprintf(stderr, "sipsim: %s\n", message.c_str());
    return CommandLineOutcome::exit_failure;
  };
  for (const std::string& text : listen) {
    std::string error;
    auto endpoint = parse_endpoint(text, sip::Transport::udp, error);
    if (!endpoint) return fail("--listen " + error);
    options.listeners.push_back(*endpoint);
  }
  options.uac = mode == "uac";
  if (!remote.empty()) {
    std::string error;
    auto endpoint = parse_endpoint(remote, options.listeners.front().transport, error);
    if (!endpoint) return fail("--remote " + error);
    options.remote = *endpoint;
  }
  if (options.uac && !options.remote) return fail("--mode uac needs --remote");
  // The durations take THE syntax of the files (base/duration.h); sipsim counts milliseconds,
  // and a bare number, which meant milliseconds, is refused with the spelling to write.
  auto read_duration = [&](std::string_view option, const std::string& text,
                           std::chrono::milliseconds min, std::chrono::milliseconds max,
                           std::chrono::milliseconds& out) {
    if (text.empty()) return true;
    base::DurationRules rules;
    rules.max = max;
    rules.step = std::chrono::milliseconds(1);
    rules.former_bare_unit = "ms";
    base::Diagnostics diags;
    base::Result<std::chrono::microseconds> parsed =
        base::parse_duration(text, option, {}, diags, rules);
    if (parsed && *parsed < min) {
      base::report(
          diags, {},
          fmt::format("{}: `{}` is shorter than {}", option, text, base::duration_spelling(min)));
    }
    if (!diags.empty()) {
      fail(diags.front().message);
      return false;
    }
    out = std::chrono::duration_cast<std::chrono::milliseconds>(*parsed);
    return true;
  };
  using std::chrono::hours;
  using std::chrono::milliseconds;
  if (!read_duration("--duration", duration, milliseconds(0), hours(24), options.duration) ||
      !read_duration("--linger", linger, milliseconds(0), hours(1), options.linger) ||
      !read_duration("--t1", t1, milliseconds(10), milliseconds(10000), options.t1)) {
    return CommandLineOutcome::exit_failure;
  }
  bool tls = options.remote && options.remote->transport == sip::Transport::tls;
  for (const sip::Endpoint& endpoint : options.listeners) {
    tls = tls || endpoint.transport == sip::Transport::tls;
  }
  if (tls &&
      (options.tls_certificate.empty() || options.tls_key.empty() || options.tls_ca.empty())) {
    return fail("TLS needs --tls-cert, --tls-key and --tls-ca");
  }
  if (options.remote) {
    bool reachable = false;
    for (const sip::Endpoint& endpoint : options.listeners) {
      reachable = reachable || endpoint.transport == options.remote->transport;
    }
    if (!reachable) {
      return fail(fmt::format("--remote is {} but no --listen uses that transport",
                              sip::to_string(options.remote->transport)));
    }
  }
  return CommandLineOutcome::run;
}

std::error_code load_behaviours(const SimulatorOptions& options, Behaviours& behaviours,
                                ProfileInfo& info, base::Diagnostics& diags) {
  const std::filesystem::path profile = resolve_profile(options.profile, options.profile_dir);
  std::error_code ec;
  if (!std::filesystem::exists(profile, ec)) {
    std::string known;
    for (std::string_view name : builtin_profile_names()) {
      known += known.empty() ? std::string(name) : ", " + std::string(name);
    }
    base::report(diags, {profile}, fmt::format("no such profile (built-in profiles: {})", known));
    return SipsimErrc::kBadBehaviour;
  }
  if (std::error_code failed = apply_profile_file(profile, true, behaviours, info, diags)) {
    return failed;
  }
  for (const std::filesystem::path& file : options.override_files) {
    if (std::error_code failed = apply_profile_file(file, false, behaviours, info, diags)) {
      return failed;
    }
  }
  const base::SourceLocation argument_place{"--behaviour"};
  const std::size_t before = diags.size();
  for (const std::string& argument : options.behaviour_args) {
    std::vector<KeyValue> pairs;
    std::string error;
    if (!split_assignments(argument, pairs, error)) {
      base::report(diags, argument_place, error);
      return SipsimErrc::kBadBehaviour;
    }
    for (const KeyValue& pair : pairs) {
      if (std::string problem = set_behaviour(behaviours, pair.key, pair.value); !problem.empty()) {
        base::report(diags, argument_place, std::move(problem));
      }
    }
  }
  if (diags.size() != before) return SipsimErrc::kBadBehaviour;
  if (std::string problem = check_behaviours(behaviours); !problem.empty()) {
    base::report(diags, {profile}, std::move(problem));
    return SipsimErrc::kBadBehaviour;
  }
  return {};
}

}  // namespace sipconf::simulators
