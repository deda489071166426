#include "harness/lab/sipsim_command.h"

#include <sys/wait.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"

namespace sipconf::harness {
namespace {

using ::testing::ElementsAreArray;

TEST(SipsimCommand, BuildsTheUacCommandLine) {
  SipsimInvocation invocation;
  invocation.profile = "lync";
  invocation.mode = manifest::EndpointMode::uac;
  invocation.transport = manifest::Transport::tcp;
  invocation.listen = {"127.0.0.21", 21000};
  invocation.remote = NetworkAddress{"127.0.0.20", 22000};
  invocation.behaviours = {{"bye_after_ms", "200ms"}, {"called", "+14255550100"}};
  invocation.calls = 3;
  invocation.rate = 2.5;
  invocation.max_concurrent = 2;
  invocation.backstop = std::chrono::milliseconds(15000);
  invocation.message_log = "/out/fe_messages.jsonl";
  invocation.summary = "/out/fe_summary.json";
  EXPECT_THAT(sipsim_arguments(invocation),
              ElementsAreArray<std::string>({"--profile",       "lync",
                                             "--mode",          "uac",
                                             "--listen",        "127.0.0.21:21000/tcp",
                                             "--media-address", "127.0.0.21",
                                             "--remote",        "127.0.0.20:22000/tcp",
                                             "--behaviour",     "calls=3,rate=2.5,max_concurrent=2",
                                             "--behaviour",     "bye_after_ms=200ms",
                                             "--behaviour",     "called=+14255550100",
                                             "--duration",      "15s",
                                             "--message-log",   "/out/fe_messages.jsonl",
                                             "--summary",       "/out/fe_summary.json",
                                             "--log-level",     "info"}));
}

TEST(SipsimCommand, ATlsEndpointPresentsItsLabCertificate) {
  SipsimInvocation invocation;
  invocation.profile = "lync";
  invocation.mode = manifest::EndpointMode::uac;
  invocation.transport = manifest::Transport::tls;
  invocation.listen = {"127.0.0.21", 21000};
  invocation.remote = NetworkAddress{"127.0.0.20", 22000};
  invocation.tls =
      TlsIdentity{"/out/tls/ca.pem", "/out/tls/fe.pem", "/out/tls/fe.key", "fe.sipconf.test"};
  invocation.tls_server_name = "mediation.sipconf.test";
  invocation.message_log = "/out/fe_messages.jsonl";
  invocation.summary = "/out/fe_summary.json";
  const std::vector<std::string> args = sipsim_arguments(invocation);
  EXPECT_THAT(std::vector<std::string>(args.begin(), args.begin() + 18),
              ElementsAreArray<std::string>(
                  {"--profile", "lync", "--mode", "uac", "--listen", "127.0.0.21:21000/tls",
                   "--media-address", "127.0.0.21", "--remote", "127.0.0.20:22000/tls",
                   "--tls-cert", "/out/tls/fe.pem", "--tls-key", "/out/tls/fe.key", "--tls-ca",
                   "/out/tls/ca.pem", "--tls-server-name", "mediation.sipconf.test"}));
  // Without a name to check, the chain alone is verified: no --tls-server-name.
  invocation.tls_server_name.clear();
  const std::vector<std::string> chain_only = sipsim_arguments(invocation);
  EXPECT_EQ(std::count(chain_only.begin(), chain_only.end(), "--tls-server-name"), 0);
  EXPECT_EQ(std::count(chain_only.begin(), chain_only.end(), "--tls-ca"), 1);
}

TEST(SipsimCommand, ReadsTheSummary) {
  base::testing::TempTree tree;
  const std::filesystem::path file = tree.write(
      "s.json",
      R"({"calls":{"placed":3,"answered":2,"as_intended":2,"failed":1,"unfinished":1},"rtp":{}})");
  const std::optional<CallCounts> calls = read_sipsim_summary(file);
  ASSERT_TRUE(calls);
  EXPECT_EQ(calls->successful, 2);
  EXPECT_EQ(calls->failed, 2);
  EXPECT_FALSE(read_sipsim_summary(tree.write("bad.json", "{not json")));
  EXPECT_FALSE(read_sipsim_summary(tree.root() / "missing.json"));
}

ProcessExit exited(int code) { return ProcessExit::from_wait_status(W_EXITCODE(code, 0)); }

TEST(SipsimCommand, InterpretsItsExitStatuses) {
  EXPECT_EQ(interpret_sipsim_exit(exited(0), "").description, "exit 0 (calls went as intended)");
  const SipsimOutcome failed = interpret_sipsim_exit(exited(1), "");
  EXPECT_FALSE(failed.environment_problem);
  EXPECT_EQ(failed.description, "exit 1 (calls did not go as intended)");
  const SipsimOutcome bad = interpret_sipsim_exit(exited(2), "sipsim: --listen bad\nmore\n");
  EXPECT_TRUE(bad.environment_problem);
  EXPECT_EQ(bad.detail, "sipsim: --listen bad");
  const SipsimOutcome taken =
      interpret_sipsim_exit(exited(3),
                            "sipsim: cannot listen on udp:127.0.0.5:5060: Address "
                            "already in use\n");
  EXPECT_TRUE(taken.environment_problem);
  EXPECT_TRUE(taken.port_in_use);
  EXPECT_EQ(taken.description, "exit 3 (could not start)");
}

}  // namespace
}  // namespace sipconf::harness
