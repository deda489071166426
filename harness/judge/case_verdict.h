#pragma once

#include <optional>
#include <string>
#include <vector>

#include "reports/model/run_model.h"

namespace sipconf::harness {

using reports::Status;

/// How the execution of a case ended, before its expectations are read.
enum class CaseEnd {
  completed,    ///< Traffic ran to its end; the subtests decide.
  timed_out,    ///< The case timeout expired (processes were killed).
  sut_crashed,  ///< The SUT died or dumped core.
  error,        ///< The harness or the environment broke, or the manifest is invalid.
  skipped,      ///< Flagged to be skipped.
};

/// The status of a case and the one line that says why.
struct Verdict {
  Status status = Status::kPass;
  std::string message;
};

/// Decides a case's status as lit does: the end of execution first (SKIP, ERROR,
/// TIMEOUT, CRASH win over subtests; a timeout is TIMEOUT even if a failure was
/// expected), then the subtests: any failing subtest makes FAIL; with an expected
/// failure (`expected_failure` holds its reason) FAIL becomes XFAIL and PASS becomes
/// XPASS. `detail` explains non-completed ends.
Verdict decide_verdict(CaseEnd end, const std::string& detail,
                       const std::vector<reports::Subtest>& subtests,
                       const std::optional<std::string>& expected_failure);

}  // namespace sipconf::harness
