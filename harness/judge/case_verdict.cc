#include "harness/judge/case_verdict.h"

#include <fmt/format.h>

namespace sipconf::harness {

Verdict decide_verdict(CaseEnd end, const std::string& detail,
                       const std::vector<reports::Subtest>& subtests,
                       const std::optional<std::string>& expected_failure) {
  switch (end) {
    case CaseEnd::skipped:
      return {Status::kSkip, fmt::format("skipped: {}", detail)};
    case CaseEnd::error:
      return {Status::kError, detail};
    case CaseEnd::timed_out:
      return {Status::kTimeout, detail};
    case CaseEnd::sut_crashed:
      return {Status::kCrash, detail};
    case CaseEnd::completed:
      break;
  }
  if (subtests.empty()) {
    return {Status::kError, "the case has no expectation that could be checked"};
  }
  std::vector<std::string> failed;
  for (const reports::Subtest& subtest : subtests) {
    if (subtest.status != Status::kPass) failed.push_back(subtest.name);
  }
  if (failed.empty()) {
    if (expected_failure) {
      return {Status::kXpass,
              fmt::format("all {} expectations passed, but the case is expected to fail: {}",
                          subtests.size(), *expected_failure)};
    }
    return {Status::kPass, fmt::format("all {} expectations passed", subtests.size())};
  }
  const std::string summary = fmt::format("{} of {} expectations failed: {}", failed.size(),
                                          subtests.size(), fmt::join(failed, ", "));
  if (expected_failure) {
    return {Status::kXfail, fmt::format("{} (expected: {})", summary, *expected_failure)};
  }
  return {Status::kFail, summary};
}

}  // namespace sipconf::harness
