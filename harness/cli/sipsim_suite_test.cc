// The sipsim suite as a user runs it: the real `sipconf` binary, two jobs, the built-in
// mediation between real sipsim processes (Lync over MTLS with certificates from each
// case's lab CA, gateways over TCP), a real loopback capture. Each case must end with its
// known status, judged from the wire, and the MTLS cases from the Lync simulator's log.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/temp_tree_for_test.h"
#include "harness/lab/process_launcher.h"

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

using nlohmann::json;

const std::filesystem::path kSuite = "scenarios/sipsim";

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// The status each case of the suite is known to end with.
const std::map<std::string, std::string>& known_statuses() {
  static const std::map<std::string, std::string> statuses = {
      {"sipsim/lync-calls-gateway", "PASS"},
      {"sipsim/gateway-calls-lync", "PASS"},
      {"sipsim/lync-mtls-calls-gateway", "PASS"},
      {"sipsim/gateway-calls-lync-mtls", "PASS"},
      {"sipsim/forking-three-early-dialogs", "PASS"},
      {"sipsim/forking-capped-by-max-early-dialogs", "PASS"},
      {"sipsim/options-schedule-on-the-wire", "PASS"},
      {"sipsim/gateway-options-then-silent", "PASS"},
  };
  return statuses;
}

const json* subtest(const json& result, const std::string& name) {
  for (const json& s : result["subtests"]) {
    if (s["name"] == name) return &s;
  }
  return nullptr;
}

const json& result(const json& results, const std::string& id) {
  for (const json& r : results["results"]) {
    if (r["id"] == id) return r;
  }
  static const json none = json::object();
  ADD_FAILURE() << "no result for " << id;
  return none;
}

void expect_known_statuses(const json& results) {
  std::map<std::string, std::string> statuses;
  for (const json& r : results["results"]) {
    statuses[r["id"]] = r["status"];
    // Judged on the wire, not only from how the processes exited.
    int wire_subtests = 0;
    for (const json& s : r["subtests"]) {
      if (s["kind"] != "process") ++wire_subtests;
    }
    EXPECT_GE(wire_subtests, 2) << r["id"];
  }
  EXPECT_EQ(statuses, known_statuses());
  EXPECT_EQ(results["run_info"]["sut"]["kind"], "builtin");
}

/// The Lync leg of an MTLS case comes from the lync simulator's log (transport tls), the
/// trunk leg from the capture, and the case holds the certificates its lab CA issued.
void expect_mtls_leg_from_the_log(const json& results, const std::filesystem::path& out,
                                  const std::string& id) {
  const json& r = result(results, id);
  ASSERT_TRUE(r.contains("messages")) << id;
  int tls = 0, tcp = 0;
  for (const json& m : r["messages"]) {
    const bool lync_leg = m["leg"] == "fe";
    EXPECT_EQ(m["transport"], lync_leg ? "tls" : "tcp") << id << " message " << m["index"];
    ++(lync_leg ? tls : tcp);
  }
  // INVITE, 100, 18x, 200, ACK, BYE, 200 on each leg.
  EXPECT_EQ(tls, 7) << id;
  EXPECT_EQ(tcp, 7) << id;
  EXPECT_EQ(r["metrics"]["counts"]["tls_messages_from_logs"], 7) << id;
  const json* order = subtest(r, "call-flows-through");
  ASSERT_NE(order, nullptr) << id;
  EXPECT_EQ((*order)["status"], "PASS") << id << ": " << (*order)["message"];
  const std::filesystem::path dir = out / "cases" / id / "tls";
  for (const char* file : {"ca.pem", "mediation.pem", "mediation.key", "fe.pem", "fe.key"}) {
    EXPECT_TRUE(std::filesystem::exists(dir / file)) << dir / file;
  }
  EXPECT_FALSE(std::filesystem::exists(dir / "gw1.pem")) << "the TCP gateway needs none";
}

/// The mediation's OPTIONS keep-alive is judged on the wire: every expectation of the case
/// holds, the probes answered while the gateway is up and the ones it leaves unanswered.
void expect_the_probes_seen_on_the_wire(const json& results) {
  const json& r = result(results, "sipsim/gateway-options-then-silent");
  ASSERT_EQ(r["status"], "PASS") << r["message"];
  std::vector<std::string> names;
  for (const json& s : r["subtests"]) {
    names.push_back(s["name"]);
    EXPECT_EQ(s["status"], "PASS") << s["name"] << ": " << s["message"];
  }
  for (const char* name :
       {"mediation-probes", "first-probe-answered", "answered-while-up", "probes-keep-coming"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), name), names.end()) << name;
  }
}

// One test, so that ctest runs the suite once.
TEST(SipsimSuite, EveryCaseEndsWithItsKnownStatusJudgedOnTheWire) {
  for (const char* target : {"harness/sipconf", "mediation/mediation", "simulators/sipsim"}) {
    ASSERT_TRUE(std::filesystem::exists(base::binary_dir() / target))
        << "build it first: cmake --build " << base::binary_dir().string() << " --target "
        << std::filesystem::path(target).filename().string();
  }
  base::testing::TempTree tree;
  const std::filesystem::path out = tree.root() / "out";
  std::error_code ec;
  std::unique_ptr<RunningProcess> run = make_process_launcher()->launch(
      ProcessSpec{"sipconf",
                  base::binary_dir() / "harness" / "sipconf",
                  {"run", kSuite.string(), "--jobs", "2", "--output", out.string()},
                  {},
                  tree.root() / "stdout",
                  tree.root() / "stderr"},
      ec);
  ASSERT_TRUE(run) << ec.message();
  // Eight cases of 2 to 8 s on two jobs take about 20 s (45 s while other builds share the
  // two cores); 90 s means stuck.
  const std::optional<ProcessExit> exit =
      wait_for_exit(*run, std::chrono::steady_clock::now() + std::chrono::seconds(90), {});
  if (!exit) {
    run->kill_group();
    FAIL() << "the sipsim suite did not finish within 90 s:\n" << read_text(tree.root() / "stdout");
  }
  EXPECT_TRUE(!exit->signalled && exit->code == 0)
      << exit->describe() << "\n"
      << read_text(tree.root() / "stdout") << read_text(tree.root() / "stderr");
  std::ifstream in(out / "results.json");
  const json results = json::parse(in, nullptr, false);
  ASSERT_FALSE(results.is_discarded()) << read_text(tree.root() / "stderr");

  expect_known_statuses(results);
  for (const char* id : {"sipsim/lync-mtls-calls-gateway", "sipsim/gateway-calls-lync-mtls"}) {
    expect_mtls_leg_from_the_log(results, out, id);
  }
  expect_the_probes_seen_on_the_wire(results);
  if (HasFailure()) ADD_FAILURE() << read_text(tree.root() / "stdout");
}

}  // namespace
}  // namespace sipconf::harness
