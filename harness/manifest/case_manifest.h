#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "harness/manifest/endpoint.h"
#include "harness/manifest/expectation.h"
#include "harness/manifest/sut_config.h"

namespace sipconf::manifest {

/// Case flags: metadata that changes how a result is read (as in lit/test262).
struct CaseFlags {
  /// Expected to fail, with the reason (a failing run is XFAIL, a passing one XPASS).
  std::optional<std::string> expected_failure;
  /// Not run, with the reason.
  std::optional<std::string> skip;
  /// Needs root (e.g. privileged ports); capture of loopback traffic.
  bool needs_root = false;
  bool needs_capture = false;
};

/// A behaviour the case covers: a catalogue ID (`RT-02`) or an RFC reference.
struct BehaviourRef {
  std::string id;
  base::SourceLocation where;
};

/// A conformance case as written in its `case.xml`, with paths resolved.
struct CaseManifest {
  std::string id;
  std::string description;
  std::vector<BehaviourRef> behaviours;
  std::filesystem::path manifest_path;
  /// The case directory; scenario and injection files are relative to it.
  std::filesystem::path directory;
  std::chrono::milliseconds timeout{30000};
  CaseFlags flags;
  SutSpec sut;
  std::vector<Endpoint> endpoints;
  std::vector<Expectation> expectations;
  base::SourceLocation where;

  const Endpoint* find_endpoint(std::string_view name) const;
  std::vector<std::string> behaviour_ids() const;
  /// The peer kinds the case exercises, in catalogue-matrix order, without repeats.
  std::vector<PeerRole> peer_kinds() const;
};

/// Default case timeout when the manifest does not set one.
inline constexpr std::chrono::milliseconds kDefaultCaseTimeout{30000};

}  // namespace sipconf::manifest
