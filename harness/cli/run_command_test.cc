// Runs the self-test mini-suite (SUT none, SIPp at both ends) through the real engine:
// real SIPp processes, real loopback capture, real results.json, checked field by field.
#include "harness/cli/run_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "base/temp_tree_for_test.h"
#include "harness/lab/loopback_pool.h"
#include "harness/lab/mediation_config.h"
#include "harness/lab/process_launcher.h"
#include "harness/lab/sut.h"
#include "harness/manifest/case_set.h"

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

json read_json(const std::filesystem::path& file) {
  std::ifstream in(file);
  return json::parse(in);
}

const json& find_case(const json& results, const std::string& id) {
  for (const json& result : results["results"]) {
    if (result["id"] == id) return result;
  }
  static const json none;
  ADD_FAILURE() << "no result for " << id;
  return none;
}

/// Processes whose command line mentions `marker` (the run's output directory is on
/// every SIPp command line through its trace file names).
std::vector<int> processes_mentioning(const std::string& marker) {
  std::vector<int> pids;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(entry.path() / "cmdline", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    std::string cmdline = text.str();
    std::replace(cmdline.begin(), cmdline.end(), '\0', ' ');
    if (cmdline.find(marker) != std::string::npos && cmdline.find("sipp") != std::string::npos) {
      pids.push_back(std::stoi(name));
    }
  }
  return pids;
}

/// A binary built with sipconf; the test fails saying how to build it when missing.
std::filesystem::path built(const std::string& folder, const std::string& name) {
  const std::filesystem::path path = base::binary_dir() / folder / name;
  EXPECT_TRUE(std::filesystem::exists(path))
      << "build it first: cmake --build " << base::binary_dir().string() << " --target " << name;
  return path;
}

struct RunOutput {
  int status = -1;
  std::string out;
  std::string err;
};

RunOutput run(const RunCommandOptions& options, const RunControl& control = {}) {
  std::ostringstream out;
  std::ostringstream err;
  RunOutput result;
  result.status = run_run_command(options, control, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

TEST(RunCommand, TheSelftestSuiteHasItsKnownOutcomes) {
  base::testing::TempTree tree;
  RunCommandOptions options;
  options.paths = {"harness/cli/testdata/selftest"};
  options.output = tree.root() / "out";
  options.jobs = 2;
  options.junit = tree.root() / "out" / "junit.xml";
  options.sipsim = built("simulators", "sipsim");
  const RunOutput output = run(options);
  EXPECT_EQ(output.status, kRunFailed) << output.err;
  EXPECT_THAT(output.out, HasSubstr("PASS     selftest/pass  "));
  EXPECT_THAT(output.out, HasSubstr("8 cases in "));

  const json results = read_json(options.output / "results.json");
  EXPECT_EQ(results["schema_version"], 1);
  EXPECT_EQ(results["tool"], "sipconf run");
  EXPECT_EQ(results["run_info"]["jobs"], 2);
  EXPECT_EQ(results["run_info"]["sut"]["kind"], "none");
  EXPECT_NE(results["run_info"]["sipp_version"], "not installed");
  EXPECT_EQ(results["totals"], json({{"PASS", 3},
                                     {"FAIL", 1},
                                     {"XFAIL", 1},
                                     {"XPASS", 0},
                                     {"TIMEOUT", 1},
                                     {"CRASH", 0},
                                     {"ERROR", 1},
                                     {"SKIP", 1}}));
  EXPECT_FALSE(results["catalogue"].empty());

  const json& pass = find_case(results, "selftest/pass");
  EXPECT_EQ(pass["status"], "PASS");
  EXPECT_EQ(pass["expected"], "PASS");
  EXPECT_EQ(pass["message"], "all 8 expectations passed");
  EXPECT_EQ(pass["path"], "harness/cli/testdata/selftest/pass");
  EXPECT_EQ(pass["behaviours"], json({"RFC3261-13", "RFC3261-17.1.1"}));
  EXPECT_EQ(pass["peer_kinds"], json({"lync", "pstn-gateway"}));
  ASSERT_EQ(pass["endpoints"].size(), 2u);
  EXPECT_EQ(pass["endpoints"][0]["name"], "callee");
  EXPECT_THAT(pass["endpoints"][0]["address"].get<std::string>(), StartsWith("127.0.0."));
  EXPECT_NE(pass["endpoints"][0]["address"], pass["endpoints"][1]["address"]);
  EXPECT_EQ(pass["metrics"]["counts"]["calls_completed"], 1);
  // INVITE, 100, 180, 200, ACK, BYE, 200: seven datagrams between the two addresses.
  EXPECT_EQ(pass["metrics"]["counts"]["captured_packets"], 7);
  const std::string pcap = pass["artifacts"]["pcap"];
  EXPECT_EQ(pcap, "cases/selftest/pass/capture.pcap");
  EXPECT_GT(std::filesystem::file_size(options.output / pcap), 24u);
  for (const json& trace : pass["artifacts"]["sipp_traces"]) {
    EXPECT_TRUE(std::filesystem::exists(options.output / trace.get<std::string>())) << trace;
  }
  // Subtests follow the manifest: process expectations, then the wire ones the
  // capture judge decided from the pcap.
  std::vector<std::string> subtests;
  for (const json& subtest : pass["subtests"]) {
    EXPECT_EQ(subtest["status"], "PASS") << subtest["name"] << ": " << subtest["message"];
    subtests.push_back(subtest["name"].get<std::string>() + "/" +
                       subtest["kind"].get<std::string>());
  }
  EXPECT_EQ(subtests,
            (std::vector<std::string>{"caller-completes/process", "callee-completes/process",
                                      "invite-sent/message", "ruri-carries-the-number/header",
                                      "invite-answered/response", "call-flow/order",
                                      "no-cancel/absent", "no-retransmissions/count"}));
  EXPECT_EQ(pass["messages"].size(), 7u);
  EXPECT_EQ(pass["messages"][0]["method"], "INVITE");
  EXPECT_EQ(pass["legs"][0]["name"], "caller");

  EXPECT_EQ(find_case(results, "selftest/pass-tcp")["status"], "PASS");

  const json& sipsim = find_case(results, "selftest/sipsim-pair");
  EXPECT_EQ(sipsim["status"], "PASS") << sipsim["message"];
  EXPECT_EQ(sipsim["subtests"][0]["actual"],
            "exit 0 (calls went as intended), 1 successful, 0 failed");
  EXPECT_EQ(sipsim["subtests"][1]["name"], "gateway-exit");
  EXPECT_EQ(sipsim["endpoints"][0]["driver"], "sipsim");
  EXPECT_EQ(sipsim["metrics"]["counts"]["calls_completed"], 1);

  const json& fail = find_case(results, "selftest/fail-busy");
  EXPECT_EQ(fail["status"], "FAIL");
  EXPECT_EQ(fail["message"], "1 of 2 expectations failed: caller-completes");
  const json& failed = fail["subtests"][0];
  EXPECT_EQ(failed["name"], "caller-completes");
  EXPECT_EQ(failed["status"], "FAIL");
  EXPECT_EQ(failed["kind"], "process");
  EXPECT_EQ(failed["expected"], "exit 0, 1 successful");
  EXPECT_EQ(failed["actual"], "exit 1 (at least one call failed), 0 successful");
  EXPECT_EQ(fail["subtests"][1]["status"], "PASS");
  EXPECT_EQ(fail["metrics"]["counts"]["calls_failed"], 1);

  const json& xfail = find_case(results, "selftest/xfail");
  EXPECT_EQ(xfail["status"], "XFAIL");
  EXPECT_EQ(xfail["expected"], "FAIL");
  EXPECT_THAT(xfail["message"].get<std::string>(),
              HasSubstr("(expected: the UAS answers 486 Busy Here"));

  const json& timeout = find_case(results, "selftest/timeout");
  EXPECT_EQ(timeout["status"], "TIMEOUT");
  EXPECT_EQ(timeout["message"], "timed out after 2 s; still running: callee, caller");
  EXPECT_GE(timeout["duration_ms"].get<int>(), 2000);
  EXPECT_LT(timeout["duration_ms"].get<int>(), 8000);
  EXPECT_TRUE(timeout["subtests"].empty());
  // Nothing of the timed-out case (or any other) is left running.
  EXPECT_TRUE(processes_mentioning(options.output.string()).empty());

  const json& error = find_case(results, "selftest/error-bad-manifest");
  EXPECT_EQ(error["status"], "ERROR");
  EXPECT_EQ(
      error["message"],
      "harness/cli/testdata/selftest/error-bad-manifest/case.xml:15: unknown element <expectation> "
      "inside <case> (allowed: description, behaviour, flags, topology, expectations)");
  EXPECT_FALSE(std::filesystem::exists(options.output / "cases/selftest/error-bad-manifest"));

  const json& skip = find_case(results, "selftest/skip");
  EXPECT_EQ(skip["status"], "SKIP");
  EXPECT_EQ(skip["message"], "skipped: kept as a harness self-test of the skip flag");
  EXPECT_FALSE(std::filesystem::exists(options.output / "cases/selftest/skip"));

  std::ifstream junit(options.junit);
  std::ostringstream junit_text;
  junit_text << junit.rdbuf();
  EXPECT_THAT(junit_text.str(), HasSubstr("<testsuite"));
  EXPECT_THAT(junit_text.str(), HasSubstr("caller-completes"));
}

TEST(RunCommand, CtrlCStopsEverythingAndStillWritesResults) {
  base::testing::TempTree tree;
  RunCommandOptions options;
  // Cases run in id order: the timeout case first (it takes 2 s), then xfail.
  options.paths = {"harness/cli/testdata/selftest/xfail", "harness/cli/testdata/selftest/timeout"};
  options.output = tree.root() / "out";
  options.jobs = 1;
  std::stop_source stop;
  RunControl control;
  control.stop = stop.get_token();
  control.signal = [] { return 2; };
  std::thread interrupter([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    stop.request_stop();
  });
  const RunOutput output = run(options, control);
  interrupter.join();
  EXPECT_EQ(output.status, 130);
  EXPECT_THAT(output.err, HasSubstr("interrupted"));
  const json results = read_json(options.output / "results.json");
  ASSERT_EQ(results["results"].size(), 2u);
  EXPECT_EQ(find_case(results, "selftest/xfail")["status"], "ERROR");
  EXPECT_EQ(find_case(results, "selftest/xfail")["message"], "not run: the run was interrupted");
  const json& interrupted = find_case(results, "selftest/timeout");
  EXPECT_EQ(interrupted["status"], "ERROR");
  EXPECT_EQ(interrupted["message"], "interrupted before the case finished");
  EXPECT_LT(interrupted["duration_ms"].get<int>(), 2000);
  EXPECT_TRUE(processes_mentioning(options.output.string()).empty());
}

TEST(RunCommand, TheStarterCasePassesThroughTheBuiltinMediation) {
  const std::filesystem::path mediation = built("mediation", "mediation");
  base::testing::TempTree tree;
  RunCommandOptions options;
  options.paths = {"scenarios/starter/basic-out-pstn-gateway"};
  options.output = tree.root() / "out";
  options.mediation = mediation;
  const RunOutput output = run(options);
  const json results = read_json(options.output / "results.json");
  const json& result = find_case(results, "starter/basic-out-pstn-gateway");
  EXPECT_EQ(result["status"], "PASS") << result["message"];
  EXPECT_EQ(output.status, kRunPassed);
  EXPECT_EQ(results["run_info"]["sut"]["kind"], "builtin");
  // Ladder order: the Lync side, the SUT's interfaces, the gateway.
  std::vector<std::string> names;
  for (const json& endpoint : result["endpoints"]) names.push_back(endpoint["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"fe", "sut-internal", "sut-gw1", "gw1"}));
  EXPECT_EQ(result["endpoints"][1]["interface"], "internal");
  EXPECT_EQ(result["artifacts"]["sut_config"],
            "cases/starter/basic-out-pstn-gateway/mediation.xml");
  EXPECT_EQ(result["artifacts"]["sut_log"], "cases/starter/basic-out-pstn-gateway/mediation.log");
  // Both legs of the B2BUA are in the capture: 13 SIP messages over TCP at least.
  EXPECT_GE(result["metrics"]["counts"]["captured_packets"].get<int>(), 13);
}

// The same starter case against an "external" SUT: the reference mediation started by
// the test itself at fixed addresses, described the way a user describes their own
// system. The harness must point the Lync side at it and put the gateway exactly where
// the SUT sends its calls.
TEST(RunCommand, TheStarterCasePassesAgainstAnExternalSut) {
  const std::filesystem::path mediation = built("mediation", "mediation");
  base::testing::TempTree tree;
  LoopbackPool pool({10, 250, LoopbackPool::default_lock_dir(), static_cast<int>(::getpid() % 97)});
  std::error_code ec;
  std::optional<AddressLease> lease = pool.acquire(3, std::chrono::seconds(10), ec);
  ASSERT_TRUE(lease) << ec.message();
  const std::string sut_ip = lease->addresses()[0];
  std::vector<std::uint16_t> sut_ports;
  std::vector<std::uint16_t> fe_ports;
  std::vector<std::uint16_t> gw_ports;
  ASSERT_FALSE(find_free_ports(
      sut_ip, {{PortProtocol::udp_and_tcp, 1}, {PortProtocol::udp_and_tcp, 1}}, sut_ports));
  ASSERT_FALSE(find_free_ports(lease->addresses()[1], {{PortProtocol::udp_and_tcp, 1}}, fe_ports));
  ASSERT_FALSE(find_free_ports(lease->addresses()[2], {{PortProtocol::udp_and_tcp, 1}}, gw_ports));
  const NetworkAddress fe{lease->addresses()[1], fe_ports[0]};
  const NetworkAddress gw{lease->addresses()[2], gw_ports[0]};

  const manifest::CaseSet cases =
      manifest::load_cases({"scenarios/starter/basic-out-pstn-gateway"});
  ASSERT_FALSE(cases.cases.empty());
  MediationPlacement placement;
  placement.address = sut_ip;
  placement.internal_port = sut_ports[0];
  placement.trunk_ports = {{"gw1", sut_ports[1]}};
  placement.endpoints = {{"fe", fe}, {"gw1", gw}};
  placement.log_file = tree.root() / "sut.log";
  const std::filesystem::path config = tree.root() / "sut.xml";
  ASSERT_FALSE(write_mediation_config(cases.cases[0].manifest->sut.mediation, placement, config));
  std::unique_ptr<ProcessLauncher> launcher = make_process_launcher();
  std::unique_ptr<RunningProcess> sut = launcher->launch(
      ProcessSpec{"sut", mediation, {"--config", config.string()}, tree.root(), {}, {}}, ec);
  ASSERT_TRUE(sut) << ec.message();
  RealLabClock clock;
  ASSERT_FALSE(
      wait_until_listening({{"internal", {sut_ip, sut_ports[0]}, manifest::Transport::tcp},
                            {"trunk:gw1", {sut_ip, sut_ports[1]}, manifest::Transport::tcp}},
                           sut.get(), std::chrono::seconds(10), clock));

  const std::filesystem::path description = tree.write(
      "acme.xml", fmt::format("<sut-description name=\"Lab mediation\" version=\"1\">\n"
                              "  <interface name=\"internal\" transport=\"tcp\" peer=\"{}\"/>\n"
                              "  <interface name=\"trunk:gw1\" transport=\"tcp\" port=\"{}\" "
                              "peer=\"{}\"/>\n</sut-description>\n",
                              fe.to_string(), sut_ports[1], gw.to_string()));
  RunCommandOptions options;
  options.paths = {"scenarios/starter/basic-out-pstn-gateway"};
  options.output = tree.root() / "out";
  options.sut = NetworkAddress{sut_ip, sut_ports[0]}.to_string();
  options.sut_description = description;
  options.jobs = 2;
  const RunOutput output = run(options);
  EXPECT_THAT(output.out, HasSubstr("an external SUT is one shared system: running cases one at a "
                                    "time\n"));
  const json results = read_json(options.output / "results.json");
  EXPECT_EQ(results["run_info"]["sut"]["kind"], "external");
  EXPECT_EQ(results["run_info"]["sut"]["name"], "Lab mediation");
  EXPECT_EQ(results["run_info"]["jobs"], 1);
  const json& result = find_case(results, "starter/basic-out-pstn-gateway");
  EXPECT_EQ(result["status"], "PASS") << result["message"];
  EXPECT_EQ(output.status, kRunPassed);
  EXPECT_EQ(result["endpoints"][0]["address"], fe.to_string());
  EXPECT_EQ(result["endpoints"][1]["address"], options.sut);
  EXPECT_EQ(result["endpoints"][3]["address"], gw.to_string());
  // The harness does not run an external SUT, so it reports no SUT artifacts.
  EXPECT_FALSE(result["artifacts"].contains("sut_config"));
  EXPECT_FALSE(sut->poll());
}

TEST(RunCommand, BadInvocationsSayWhatIsWrong) {
  base::testing::TempTree tree;
  RunCommandOptions options;
  options.output = tree.root() / "out";
  options.paths = {"scenarios/no-such-suite"};
  RunOutput output = run(options);
  EXPECT_EQ(output.status, kRunBadInvocation);
  EXPECT_EQ(output.err, "scenarios/no-such-suite: no such file or directory\n");

  options.paths = {"harness/cli/testdata/selftest"};
  options.filter = "(";
  output = run(options);
  EXPECT_EQ(output.status, kRunBadInvocation);
  EXPECT_THAT(output.err, StartsWith("--filter: `(` is not a valid regex"));

  options.filter.clear();
  options.sut = "pbx.example.com";
  output = run(options);
  EXPECT_EQ(output.status, kRunBadInvocation);
  EXPECT_EQ(output.err,
            "--sut: `pbx.example.com` is neither `builtin` nor HOST:PORT (an IP address and "
            "port)\n");

  options.sut = "127.0.0.2:5070";
  output = run(options);
  EXPECT_EQ(output.status, kRunBadInvocation);
  EXPECT_THAT(output.err, StartsWith("--sut HOST:PORT needs --sut-description FILE"));
  EXPECT_FALSE(std::filesystem::exists(options.output / "results.json"));
}

TEST(RunCommand, FilterAndRepeat) {
  base::testing::TempTree tree;
  RunCommandOptions options;
  options.paths = {"harness/cli/testdata/selftest"};
  options.output = tree.root() / "out";
  options.filter = "^selftest/pass$";
  options.repeat = 2;
  const RunOutput output = run(options);
  EXPECT_EQ(output.status, kRunPassed) << output.out << output.err;
  const json results = read_json(options.output / "results.json");
  ASSERT_EQ(results["results"].size(), 2u);
  EXPECT_FALSE(results["results"][0].contains("repetition"));
  EXPECT_EQ(results["results"][1]["repetition"], 2);
  EXPECT_EQ(results["results"][1]["artifacts"]["pcap"], "cases/selftest/pass/2/capture.pcap");
}

}  // namespace
}  // namespace sipconf::harness
