#pragma once

#include <vector>

#include "harness/analysis/capture_analysis.h"
#include "harness/judge/judge.h"

namespace sipconf::harness {

/// Judges the wire expectations (message, absent, order, header, sdp, response, latency,
/// count, media) on the case's capture. The parties' addresses come from
/// `record.endpoints` (the case runner fills them from the plan before judging), so the
/// SUT is known and its legs are paired exactly. Besides one subtest per expectation it
/// fills the record's messages, legs, findings, metrics.rtp, latency samples and counts,
/// which the report's ladder and tables are drawn from. Stateless: one instance may
/// judge cases on several threads at once.
class CaptureJudge final : public Judge {
 public:
  bool judges(manifest::ExpectationKind kind) const override;
  std::vector<reports::Subtest> judge(const manifest::CaseManifest& manifest,
                                      const CaseArtifacts& artifacts,
                                      reports::CaseResult& record) override;
};

/// The judging itself, on an analysis already made (what the judge does after reading
/// the pcap; tests call it on hand-made captures).
std::vector<reports::Subtest> judge_wire_expectations(const manifest::CaseManifest& manifest,
                                                      const CaptureAnalysis& analysis,
                                                      reports::CaseResult& record);

}  // namespace sipconf::harness
