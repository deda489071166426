#include "harness/cli/progress_reporter.h"

#include <gtest/gtest.h>

#include <sstream>

#include "reports/model/time_format.h"

namespace sipconf::harness {
namespace {

reports::CaseResult record(const std::string& id, Status status, std::int64_t ms,
                           const std::string& message = "") {
  reports::CaseResult r;
  r.id = id;
  r.status = status;
  r.duration_ms = ms;
  r.message = message;
  return r;
}

reports::Run run_of(std::vector<reports::CaseResult> results) {
  reports::Run run;
  const auto start = std::chrono::system_clock::time_point(std::chrono::seconds(1000));
  run.time_start = reports::format_utc_timestamp(start);
  run.time_end = reports::format_utc_timestamp(start + std::chrono::milliseconds(4100));
  run.results = std::move(results);
  return run;
}

TEST(ProgressReporter, PlainOutputIsOneLinePerCaseThenASummary) {
  std::ostringstream out;
  auto reporter = make_progress_reporter(out, false);
  reporter->run_started(2, 2);
  reporter->case_started("selftest/pass");
  const reports::CaseResult pass =
      record("selftest/pass", Status::kPass, 1234, "all 2 expectations passed");
  const reports::CaseResult fail = record("selftest/fail-busy", Status::kFail, 412,
                                          "1 of 2 expectations failed: caller-completes");
  reporter->case_finished(pass);
  reporter->case_finished(fail);
  reporter->run_finished(run_of({pass, fail}));
  EXPECT_EQ(out.str(),
            "running 2 cases with 2 jobs\n"
            "PASS     selftest/pass  1.2s\n"
            "FAIL     selftest/fail-busy  0.4s  1 of 2 expectations failed: caller-completes\n"
            "2 cases in 4.1s: 1 PASS, 1 FAIL  => FAILED\n");
}

TEST(ProgressReporter, TerminalOutputRedrawsOneLiveLine) {
  std::ostringstream out;
  auto reporter = make_progress_reporter(out, true);
  reporter->run_started(2, 1);
  reporter->case_started("a/one");
  EXPECT_NE(out.str().find("\r\033[K[0/2] 0 failing  running: a/one"), std::string::npos);
  reporter->case_finished(record("a/one", Status::kPass, 100));
  // A passing case leaves no permanent line; the live line counts it.
  EXPECT_EQ(out.str().find("PASS"), std::string::npos);
  EXPECT_NE(out.str().find("[1/2] 0 failing  ETA "), std::string::npos);
  reporter->case_started("a/two");
  reporter->case_finished(record("a/two", Status::kTimeout, 2000, "timed out after 2 s"));
  EXPECT_NE(out.str().find("\r\033[KTIMEOUT  a/two  2.0s  timed out after 2 s\n"),
            std::string::npos);
  EXPECT_NE(out.str().find("[2/2] 1 failing"), std::string::npos);
  reporter->run_finished(
      run_of({record("a/one", Status::kPass, 100), record("a/two", Status::kTimeout, 2000)}));
  EXPECT_NE(out.str().find("\r\033[K2 cases in 4.1s: 1 PASS, 1 TIMEOUT  => FAILED\n"),
            std::string::npos);
}

TEST(ProgressReporter, SummaryOfAGreenRun) {
  EXPECT_EQ(format_summary(run_of({record("a", Status::kPass, 1), record("b", Status::kXfail, 1),
                                   record("c", Status::kSkip, 1)})),
            "3 cases in 4.1s: 1 PASS, 1 XFAIL, 1 SKIP  => ok");
  EXPECT_EQ(format_summary(run_of({})), "0 cases in 4.1s: nothing run  => ok");
}

TEST(ProgressReporter, RepetitionsAreNumbered) {
  reports::CaseResult r = record("a/one", Status::kPass, 50);
  r.repetition = 3;
  EXPECT_EQ(format_case_line(r), "PASS     a/one (#3)  0.1s");
}

}  // namespace
}  // namespace sipconf::harness
