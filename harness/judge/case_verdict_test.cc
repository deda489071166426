#include "harness/judge/case_verdict.h"

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

std::vector<reports::Subtest> subtests(std::initializer_list<std::pair<const char*, Status>> list) {
  std::vector<reports::Subtest> out;
  for (const auto& [name, status] : list) {
    reports::Subtest record;
    record.name = name;
    record.status = status;
    out.push_back(record);
  }
  return out;
}

const std::optional<std::string> kNotExpectedToFail;
const std::optional<std::string> kExpectedToFail = std::string("REFER is not relayed yet");

TEST(CaseVerdict, AllSubtestsPassing) {
  const Verdict verdict =
      decide_verdict(CaseEnd::completed, "", subtests({{"a", Status::kPass}, {"b", Status::kPass}}),
                     kNotExpectedToFail);
  EXPECT_EQ(verdict.status, Status::kPass);
  EXPECT_EQ(verdict.message, "all 2 expectations passed");
}

TEST(CaseVerdict, AFailingSubtestFailsTheCaseAndIsNamed) {
  const Verdict verdict =
      decide_verdict(CaseEnd::completed, "",
                     subtests({{"a", Status::kPass}, {"b", Status::kFail}, {"c", Status::kFail}}),
                     kNotExpectedToFail);
  EXPECT_EQ(verdict.status, Status::kFail);
  EXPECT_EQ(verdict.message, "2 of 3 expectations failed: b, c");
}

TEST(CaseVerdict, ExpectedFailuresBecomeXfailOrXpass) {
  Verdict verdict =
      decide_verdict(CaseEnd::completed, "", subtests({{"a", Status::kFail}}), kExpectedToFail);
  EXPECT_EQ(verdict.status, Status::kXfail);
  EXPECT_EQ(verdict.message, "1 of 1 expectations failed: a (expected: REFER is not relayed yet)");
  verdict =
      decide_verdict(CaseEnd::completed, "", subtests({{"a", Status::kPass}}), kExpectedToFail);
  EXPECT_EQ(verdict.status, Status::kXpass);
  EXPECT_EQ(verdict.message,
            "all 1 expectations passed, but the case is expected to fail: REFER is not relayed "
            "yet");
}

TEST(CaseVerdict, TheEndOfExecutionWinsOverSubtests) {
  const auto failing = subtests({{"a", Status::kFail}});
  EXPECT_EQ(
      decide_verdict(CaseEnd::timed_out, "timed out after 2 s", failing, kExpectedToFail).status,
      Status::kTimeout);
  EXPECT_EQ(decide_verdict(CaseEnd::sut_crashed, "mediation killed by SIGSEGV", failing,
                           kNotExpectedToFail)
                .message,
            "mediation killed by SIGSEGV");
  EXPECT_EQ(decide_verdict(CaseEnd::error, "sipp not found: apt-get install sip-tester", failing,
                           kExpectedToFail)
                .status,
            Status::kError);
  const Verdict skipped = decide_verdict(CaseEnd::skipped, "needs TLS", {}, kNotExpectedToFail);
  EXPECT_EQ(skipped.status, Status::kSkip);
  EXPECT_EQ(skipped.message, "skipped: needs TLS");
}

TEST(CaseVerdict, NothingCheckedIsAnError) {
  EXPECT_EQ(decide_verdict(CaseEnd::completed, "", {}, kNotExpectedToFail).status, Status::kError);
}

}  // namespace
}  // namespace sipconf::harness
