#pragma once

#include <vector>

#include "harness/judge/judge.h"

namespace sipconf::harness {

/// Judges `process` expectations without decoding anything. An endpoint with no
/// `process` expectation of its own gets an implicit subtest `<endpoint>-exit` that
/// wants exit 0 (SIPp: every call succeeded; sipsim: calls went as intended), and a
/// SUT the harness ran gets `sut-alive`: a case never passes while a party failed or
/// the SUT fell over unnoticed. Adds metrics.counts `calls_completed` and
/// `calls_failed` (from the UAC endpoints' own statistics).
class ProcessJudge final : public Judge {
 public:
  bool judges(manifest::ExpectationKind kind) const override;
  std::vector<reports::Subtest> judge(const manifest::CaseManifest& manifest,
                                      const CaseArtifacts& artifacts,
                                      reports::CaseResult& record) override;
};

}  // namespace sipconf::harness
