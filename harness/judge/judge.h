#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "harness/judge/call_counts.h"
#include "harness/judge/process_exit.h"
#include "harness/judge/sipp_outcome.h"
#include "harness/manifest/case_manifest.h"
#include "reports/model/run_model.h"

namespace sipconf::harness {

using reports::Status;

/// How one endpoint process of a case ended.
struct EndpointRun {
  std::string name;
  manifest::Driver driver = manifest::Driver::sipp;
  /// Unset if the process never started.
  std::optional<ProcessExit> exit;
  /// True when the harness stopped it (timeout, interruption, another failure).
  bool stopped_by_harness = false;
  /// The exit as the driver documents it: `exit 1 (at least one call failed)`.
  std::string exit_description;
  /// Calls from the driver's own account (SIPp statistics, sipsim summary), if written.
  std::optional<CallCounts> calls;
  /// SIPp endpoints: the reading of its exit, and its final statistics if written.
  std::optional<SippOutcome> sipp;
  std::optional<SippStats> stats;
};

/// How the SUT fared during a case (only when the harness runs it).
struct SutRun {
  bool started = false;
  std::string name;
  /// Set when the SUT ended while traffic still needed it.
  std::optional<ProcessExit> died;
  /// How it ended when the harness stopped it.
  std::optional<ProcessExit> stopped;
};

/// Everything a finished case left for judging.
struct CaseArtifacts {
  std::filesystem::path directory;
  /// The capture of every leg; empty when no capture ran.
  std::filesystem::path pcap;
  std::vector<EndpointRun> endpoints;
  SutRun sut;

  const EndpointRun* find(const std::string& name) const;
};

/// Judges expectations of some kinds against what a case left behind. The process
/// judge reads exit statuses and SIPp statistics; the capture analysis judges the
/// wire (messages, headers, SDP, latency, media) from the pcap.
class Judge {
 public:
  virtual ~Judge() = default;
  /// Whether this judge decides expectations of `kind`.
  virtual bool judges(manifest::ExpectationKind kind) const = 0;
  /// One subtest per expectation of the kinds it judges (in manifest order), plus
  /// any subtests it adds implicitly. It may also add metrics, legs and messages to
  /// `record`.
  virtual std::vector<reports::Subtest> judge(const manifest::CaseManifest& manifest,
                                              const CaseArtifacts& artifacts,
                                              reports::CaseResult& record) = 0;
};

}  // namespace sipconf::harness
