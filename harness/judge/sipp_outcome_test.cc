#include "harness/judge/sipp_outcome.h"

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

// Shape of a real SIPp 3.6.1 -trace_stat file (trimmed to a few columns).
constexpr std::string_view kStats =
    "StartTime;TotalCallCreated;CurrentCall;SuccessfulCall(P);SuccessfulCall(C);FailedCall(P);"
    "FailedCall(C);Retransmissions(C);ResponseTime1(C);\n"
    "2026-11-21\t17:25:15.986532\t1795281915.986532;0;0;0;0;0;0;0;00:00:00:000000;\n"
    "2026-11-21\t17:25:15.986532\t1795281915.986532;3;0;1;2;0;1;4;00:00:00:004000;\n";

TEST(SippStats, ReadsTheLastCompleteLine) {
  const std::optional<SippStats> stats = parse_sipp_stats(kStats);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->calls_created(), 3);
  EXPECT_EQ(stats->successful_calls(), 2);
  EXPECT_EQ(stats->failed_calls(), 1);
  EXPECT_EQ(stats->retransmissions(), 4);
  EXPECT_EQ(stats->get("NoSuchCounter"), 0);
  EXPECT_EQ(stats->counters.count("StartTime"), 0u);
}

TEST(SippStats, SkipsATruncatedLastLine) {
  const std::string text = std::string(kStats) + "2026-11-21\t17:25:16;5;0";
  const std::optional<SippStats> stats = parse_sipp_stats(text);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->calls_created(), 3);
}

TEST(SippStats, NoDataLineMeansNoStats) {
  EXPECT_FALSE(parse_sipp_stats(""));
  EXPECT_FALSE(parse_sipp_stats("StartTime;SuccessfulCall(C)\n"));
  EXPECT_FALSE(read_sipp_stats("/nonexistent/stats.csv"));
}

ProcessExit exited(int code) { return ProcessExit::from_wait_status(W_EXITCODE(code, 0)); }

constexpr std::string_view kBindError =
    "2026-11-21\t17:25:20.290661\t1795281920.290661: Unable to bind main socket, errno = 98 "
    "(Address already in use)\n"
    "2026-11-21\t17:25:20.290661\t1795281920.290661: Unable to bind main socket, errno = 98 "
    "(Address already in use)\n";

TEST(SippOutcome, InterpretsTheDocumentedExitCodes) {
  EXPECT_EQ(interpret_sipp_exit(exited(0), "", true).end, SippEnd::all_calls_succeeded);
  EXPECT_EQ(interpret_sipp_exit(exited(1), "", true).end, SippEnd::calls_failed);
  EXPECT_EQ(interpret_sipp_exit(exited(97), "", true).end, SippEnd::internal_command);
  EXPECT_EQ(interpret_sipp_exit(exited(99), "", false).end, SippEnd::no_calls);
  EXPECT_EQ(interpret_sipp_exit(exited(255), "", false).end, SippEnd::fatal_error);
  EXPECT_EQ(
      interpret_sipp_exit(ProcessExit::from_wait_status(W_EXITCODE(0, SIGKILL)), "", false).end,
      SippEnd::killed);
}

TEST(SippOutcome, ABindErrorIsAnEnvironmentProblemWithSippsOwnWords) {
  const ProcessExit exit = exited(254);
  const SippOutcome outcome = interpret_sipp_exit(exit, kBindError, false);
  EXPECT_EQ(outcome.end, SippEnd::bind_error);
  EXPECT_TRUE(outcome.is_environment_problem());
  EXPECT_EQ(outcome.detail, "Unable to bind main socket, errno = 98 (Address already in use)");
  EXPECT_EQ(outcome.describe(exit), "exit 254 (port in use)");
}

TEST(SippOutcome, ExitOneWithoutStatisticsIsAFailedStart) {
  const SippOutcome outcome = interpret_sipp_exit(
      exited(1),
      "2026-11-21\t17:25:20.305291\t1795281920.305291: Unable to load or parse 'bad.xml' xml "
      "scenario file\n",
      false);
  EXPECT_EQ(outcome.end, SippEnd::start_failed);
  EXPECT_TRUE(outcome.is_environment_problem());
  EXPECT_EQ(outcome.detail, "Unable to load or parse 'bad.xml' xml scenario file");
}

TEST(SippOutcome, FailedCallsAreNotAnEnvironmentProblem) {
  const ProcessExit exit = exited(1);
  const SippOutcome outcome =
      interpret_sipp_exit(exit, "Resolving remote host '127.0.0.7'... Done.\n", true);
  EXPECT_FALSE(outcome.is_environment_problem());
  EXPECT_EQ(outcome.describe(exit), "exit 1 (at least one call failed)");
  EXPECT_EQ(outcome.detail, "");
}

TEST(SippVersion, ParsesTheBanner) {
  const std::optional<SippVersion> plain =
      parse_sipp_version("\n SIPp v3.6.1-SCTP-PCAP-RTPSTREAM.\n\n This program is free");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->version, "3.6.1");
  EXPECT_FALSE(plain->tls);
  const std::optional<SippVersion> tls = parse_sipp_version(" SIPp v3.7.2-TLS-PCAP-RTPSTREAM.");
  ASSERT_TRUE(tls);
  EXPECT_EQ(tls->version, "3.7.2");
  EXPECT_TRUE(tls->tls);
  EXPECT_FALSE(parse_sipp_version("not sipp"));
}

}  // namespace
}  // namespace sipconf::harness
