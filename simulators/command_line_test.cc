#include "simulators/command_line.h"

#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

CommandLineOutcome parse(std::vector<const char*> args, SimulatorOptions& options) {
  args.insert(args.begin(), "sipsim");
  return parse_command_line(static_cast<int>(args.size()), args.data(), options);
}

TEST(CommandLineTest, EndpointsWithTransports) {
  std::string error;
  auto e = parse_endpoint("127.0.0.5:5066/tcp", sip::Transport::udp, error);
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, (sip::Endpoint{"127.0.0.5", 5066, sip::Transport::tcp}));
  e = parse_endpoint("[::1]:5061/TLS", sip::Transport::udp, error);
  ASSERT_TRUE(e);
  EXPECT_EQ(*e, (sip::Endpoint{"::1", 5061, sip::Transport::tls}));
  EXPECT_EQ(parse_endpoint("127.0.0.5:0", sip::Transport::tcp, error)->transport,
            sip::Transport::tcp);
  EXPECT_FALSE(parse_endpoint("127.0.0.5:5066/sctp", sip::Transport::udp, error));
  EXPECT_EQ(error, "`127.0.0.5:5066/sctp`: transport must be udp, tcp or tls");
  EXPECT_FALSE(parse_endpoint("127.0.0.5", sip::Transport::udp, error));
  EXPECT_FALSE(parse_endpoint("127.0.0.5:70000", sip::Transport::udp, error));
  EXPECT_FALSE(parse_endpoint("[::1:5060", sip::Transport::udp, error));
}

TEST(CommandLineTest, AFullUacCommandLine) {
  SimulatorOptions o;
  ASSERT_EQ(parse({"--profile",     "lync",    "--listen",  "127.0.0.5:0/tls",
                   "--mode",        "uac",     "--remote",  "127.0.0.9:5070",
                   "--tls-cert",    "c.pem",   "--tls-key", "k.pem",
                   "--tls-ca",      "ca.pem",  "-b",        "calls=3,rate=2",
                   "--duration",    "30s",     "--summary", "s.json",
                   "--message-log", "m.jsonl", "--t1",      "100ms"},
                  o),
            CommandLineOutcome::run);
  EXPECT_TRUE(o.uac);
  EXPECT_EQ(o.remote->transport, sip::Transport::tls) << "the remote defaults to the listener's";
  EXPECT_EQ(o.duration, milliseconds(30000));
  EXPECT_EQ(o.t1, milliseconds(100));
  EXPECT_THAT(o.behaviour_args, ElementsAre("calls=3,rate=2"));
  EXPECT_TRUE(o.tls_require_peer_certificate);
}

TEST(CommandLineTest, InconsistentOptionsAreRefused) {
  SimulatorOptions o;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0/tcp", "--mode", "uac"}, o),
            CommandLineOutcome::exit_failure);
  SimulatorOptions tls;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0/tls"}, tls), CommandLineOutcome::exit_failure);
  SimulatorOptions mismatch;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0/tcp", "--remote", "127.0.0.9:5060/udp"}, mismatch),
            CommandLineOutcome::exit_failure);
  SimulatorOptions bad_duration;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0", "--duration", "soon"}, bad_duration),
            CommandLineOutcome::exit_failure);
  SimulatorOptions bare_duration;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0", "--duration", "30"}, bare_duration),
            CommandLineOutcome::exit_failure)
      << "a bare number meant milliseconds: the refusal names 30ms";
  SimulatorOptions fast_t1;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0", "--t1", "5ms"}, fast_t1),
            CommandLineOutcome::exit_failure);
  SimulatorOptions unknown;
  EXPECT_EQ(parse({"--listen", "127.0.0.5:0", "--bogus"}, unknown),
            CommandLineOutcome::exit_failure);
}

std::vector<std::string> cli_diagnostic_lines(const base::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const base::Diagnostic& d : diags) out.push_back(d.to_string());
  return out;
}

TEST(CommandLineTest, BehavioursLoadInOrderProfileOverridesArguments) {
  const auto dir = std::filesystem::temp_directory_path() / "sipsim-cli-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "over.xml") << "<profile>\n"
                                       "  <behaviour name=\"answer_after_ms\" value=\"900ms\"/>\n"
                                       "  <behaviour name=\"final\" value=\"486\"/>\n"
                                       "</profile>\n";
  }
  SimulatorOptions o;
  o.profile = "pstn-gateway";
  o.profile_dir = default_profile_dir();
  o.override_files = {dir / "over.xml"};
  o.behaviour_args = {"final=404,q850_cause=1"};
  Behaviours b;
  ProfileInfo info;
  base::Diagnostics errors;
  ASSERT_FALSE(load_behaviours(o, b, info, errors))
      << ::testing::PrintToString(cli_diagnostic_lines(errors));
  EXPECT_EQ(info.name, "pstn-gateway");
  EXPECT_EQ(b.ring, RingMode::progress) << "from the profile";
  EXPECT_EQ(b.answer_after, milliseconds(900)) << "from the override file";
  EXPECT_EQ(b.final_status, 404) << "--behaviour wins";
  EXPECT_EQ(b.q850_cause, 1);

  o.behaviour_args = {"final=404,early_dialogs=2,answer_dialog=3"};
  errors.clear();
  EXPECT_TRUE(load_behaviours(o, b, info, errors));
  EXPECT_THAT(cli_diagnostic_lines(errors),
              ElementsAre(default_profile_dir().string() +
                          "/pstn-gateway.xml: answer_dialog=3 but only early_dialogs=2 "
                          "forks ring"));
  o.behaviour_args = {"rign=180"};
  errors.clear();
  EXPECT_TRUE(load_behaviours(o, b, info, errors));
  EXPECT_THAT(cli_diagnostic_lines(errors),
              ElementsAre("--behaviour: unknown behaviour key `rign` (see sipsim --help)"));
  o.profile = "cisco";
  errors.clear();
  EXPECT_TRUE(load_behaviours(o, b, info, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].to_string().find(
                "no such profile (built-in profiles: lync, ip-pbx, pstn-gateway, itsp)"),
            std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(CommandLineTest, HelpTableListsEveryKey) {
  const std::string table = behaviour_table();
  for (const BehaviourKey& key : behaviour_keys()) {
    EXPECT_NE(table.find(std::string(key.name)), std::string::npos) << key.name;
  }
}

}  // namespace
}  // namespace sipconf::simulators
