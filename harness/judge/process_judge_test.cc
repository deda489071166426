#include "harness/judge/process_judge.h"

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

using manifest::CaseManifest;
using manifest::Endpoint;
using manifest::EndpointMode;
using manifest::Expectation;
using manifest::ProcessCheck;

CaseManifest two_party_case() {
  CaseManifest manifest;
  Endpoint callee;
  callee.name = "callee";
  callee.mode = EndpointMode::uas;
  Endpoint caller;
  caller.name = "caller";
  caller.mode = EndpointMode::uac;
  manifest.endpoints = {callee, caller};
  return manifest;
}

Expectation process(const std::string& name, ProcessCheck check) {
  Expectation expectation;
  expectation.name = name;
  expectation.check = check;
  return expectation;
}

EndpointRun sipp_run(const std::string& name, int code, std::int64_t ok, std::int64_t failed) {
  EndpointRun run;
  run.name = name;
  run.exit = ProcessExit::from_wait_status(W_EXITCODE(code, 0));
  run.sipp = interpret_sipp_exit(*run.exit, "", true);
  run.exit_description = run.sipp->describe(*run.exit);
  run.calls = CallCounts{ok, failed};
  return run;
}

TEST(ProcessJudge, JudgesExplicitExpectationsAndAddsImplicitExits) {
  CaseManifest manifest = two_party_case();
  ProcessCheck check;
  check.endpoint = "caller";
  check.exit_code = 0;
  check.successful_calls = 1;
  manifest.expectations = {process("caller-completes", check)};
  CaseArtifacts artifacts;
  artifacts.endpoints = {sipp_run("callee", 0, 1, 0), sipp_run("caller", 0, 1, 0)};
  reports::CaseResult record;
  const std::vector<reports::Subtest> subtests = ProcessJudge().judge(manifest, artifacts, record);
  ASSERT_EQ(subtests.size(), 2u);
  EXPECT_EQ(subtests[0].name, "caller-completes");
  EXPECT_EQ(subtests[0].status, Status::kPass);
  EXPECT_EQ(subtests[0].kind, "process");
  EXPECT_EQ(subtests[0].expected, "exit 0, 1 successful");
  EXPECT_EQ(subtests[0].actual, "exit 0 (all calls successful), 1 successful");
  EXPECT_EQ(subtests[1].name, "callee-exit");
  EXPECT_EQ(subtests[1].status, Status::kPass);
  EXPECT_EQ(record.count("calls_completed"), 1);
  EXPECT_EQ(record.count("calls_failed"), 0);
}

TEST(ProcessJudge, AFailedCallFailsTheSubtestWithExpectedAndActual) {
  CaseManifest manifest = two_party_case();
  ProcessCheck check;
  check.endpoint = "caller";
  check.exit_code = 0;
  check.successful_calls = 1;
  manifest.expectations = {process("caller-completes", check)};
  CaseArtifacts artifacts;
  artifacts.endpoints = {sipp_run("callee", 0, 1, 0), sipp_run("caller", 1, 0, 1)};
  reports::CaseResult record;
  const std::vector<reports::Subtest> subtests = ProcessJudge().judge(manifest, artifacts, record);
  ASSERT_EQ(subtests.size(), 2u);
  EXPECT_EQ(subtests[0].status, Status::kFail);
  EXPECT_EQ(subtests[0].actual, "exit 1 (at least one call failed), 0 successful");
  EXPECT_EQ(subtests[0].message,
            "caller: exit 0 expected, got exit 1 (at least one call failed); 1 successful "
            "expected, got 0");
  EXPECT_EQ(record.count("calls_failed"), 1);
}

TEST(ProcessJudge, ExpectingFailureCanPass) {
  CaseManifest manifest = two_party_case();
  ProcessCheck check;
  check.endpoint = "caller";
  check.exit_code = 1;
  check.failed_calls = 1;
  manifest.expectations = {process("caller-rejected", check)};
  CaseArtifacts artifacts;
  artifacts.endpoints = {sipp_run("callee", 0, 1, 0), sipp_run("caller", 1, 0, 1)};
  reports::CaseResult record;
  EXPECT_EQ(ProcessJudge().judge(manifest, artifacts, record)[0].status, Status::kPass);
}

TEST(ProcessJudge, MissingStatisticsOrProcessFail) {
  CaseManifest manifest = two_party_case();
  ProcessCheck check;
  check.endpoint = "caller";
  check.successful_calls = 1;
  manifest.expectations = {process("caller-completes", check)};
  CaseArtifacts artifacts;
  EndpointRun caller = sipp_run("caller", 0, 1, 0);
  caller.calls.reset();
  artifacts.endpoints = {caller};
  reports::CaseResult record;
  const std::vector<reports::Subtest> subtests = ProcessJudge().judge(manifest, artifacts, record);
  ASSERT_EQ(subtests.size(), 2u);
  EXPECT_EQ(subtests[0].status, Status::kFail);
  EXPECT_EQ(subtests[0].message,
            "caller: 1 successful expected, but SIPp wrote no call statistics");
  EXPECT_EQ(subtests[1].name, "callee-exit");
  EXPECT_EQ(subtests[1].status, Status::kFail);
  EXPECT_EQ(subtests[1].message, "callee did not run");
  EXPECT_FALSE(record.count("calls_completed"));
}

TEST(ProcessJudge, AKilledSippIsNotASuccess) {
  CaseManifest manifest = two_party_case();
  CaseArtifacts artifacts;
  EndpointRun callee;
  callee.name = "callee";
  callee.exit = ProcessExit::from_wait_status(W_EXITCODE(0, SIGKILL));
  callee.sipp = interpret_sipp_exit(*callee.exit, "", false);
  callee.exit_description = callee.sipp->describe(*callee.exit);
  callee.stopped_by_harness = true;
  artifacts.endpoints = {callee, sipp_run("caller", 0, 1, 0)};
  reports::CaseResult record;
  const std::vector<reports::Subtest> subtests = ProcessJudge().judge(manifest, artifacts, record);
  ASSERT_EQ(subtests.size(), 2u);
  EXPECT_EQ(subtests[0].name, "callee-exit");
  EXPECT_EQ(subtests[0].status, Status::kFail);
  EXPECT_EQ(subtests[0].actual, "killed by SIGKILL, stopped by the harness");
}

TEST(ProcessJudge, SutHealth) {
  CaseManifest manifest = two_party_case();
  manifest.endpoints.clear();
  CaseArtifacts artifacts;
  artifacts.sut.started = true;
  artifacts.sut.name = "mediation";
  artifacts.sut.stopped = ProcessExit::from_wait_status(W_EXITCODE(0, 0));
  reports::CaseResult record;
  std::vector<reports::Subtest> subtests = ProcessJudge().judge(manifest, artifacts, record);
  ASSERT_EQ(subtests.size(), 1u);
  EXPECT_EQ(subtests[0].name, "sut-alive");
  EXPECT_EQ(subtests[0].status, Status::kPass);

  artifacts.sut.died = ProcessExit::from_wait_status(W_EXITCODE(0, SIGSEGV));
  subtests = ProcessJudge().judge(manifest, artifacts, record);
  EXPECT_EQ(subtests[0].status, Status::kFail);
  EXPECT_EQ(subtests[0].message, "mediation: ended during the case: killed by SIGSEGV");

  ProcessCheck dead;
  dead.endpoint = "sut";
  dead.alive = false;
  manifest.expectations = {process("sut-goes-down", dead)};
  subtests = ProcessJudge().judge(manifest, artifacts, record);
  ASSERT_EQ(subtests.size(), 1u);
  EXPECT_EQ(subtests[0].name, "sut-goes-down");
  EXPECT_EQ(subtests[0].status, Status::kPass);
}

TEST(ProcessJudge, JudgesOnlyProcessExpectations) {
  ProcessJudge judge;
  EXPECT_TRUE(judge.judges(manifest::ExpectationKind::process));
  EXPECT_FALSE(judge.judges(manifest::ExpectationKind::header));
}

}  // namespace
}  // namespace sipconf::harness
