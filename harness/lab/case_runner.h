#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <vector>

#include "harness/capture/live_capture.h"
#include "harness/judge/judge.h"
#include "harness/lab/lab_clock.h"
#include "harness/lab/loopback_pool.h"
#include "harness/lab/network_address.h"
#include "harness/lab/process_launcher.h"
#include "harness/lab/socket_table.h"
#include "harness/lab/sut.h"
#include "harness/lab/toolbox.h"
#include "harness/manifest/case_set.h"
#include "reports/model/run_model.h"

namespace sipconf::harness {

/// Makes the capture of one case; null means no capture is taken.
using CaptureFactory = std::function<std::unique_ptr<Capture>()>;

/// Whether a socket listens on `address` (TCP: LISTEN; UDP: bound): how the runner
/// knows that an endpoint is ready for calls without sleeping a fixed time.
using ListenProbe = std::function<bool(const NetworkAddress& address, bool tcp)>;

/// What every case of a run shares. Nothing here is global: the run command builds
/// it and passes it down, and tests build it with fakes.
struct RunnerContext {
  ProcessLauncher& launcher;
  /// Every wait of a case (listening, the case timeout, the SUT's stop) runs on it.
  LabClock& clock;
  LoopbackPool& pool;
  /// The SUT for cases written against a mediation (<sut kind="mediation">).
  SystemUnderTest& sut;
  CaptureFactory capture;
  const Toolbox& tools;
  std::vector<Judge*> judges;
  /// The directory of results.json; each case writes into `cases/<id>/` below it.
  std::filesystem::path output_dir;
  /// Set on Ctrl-C/SIGTERM: running cases stop their processes and end as ERROR.
  std::stop_token stop;
  /// How long a UAS (or the SUT) may take to start listening.
  std::chrono::milliseconds listen_timeout{10000};
  /// Extra time SIPp's own -timeout backstop gets beyond the case timeout.
  std::chrono::milliseconds backstop_margin{5000};
  /// The kernel's socket table; tests answer from their fake processes.
  ListenProbe listening = [](const NetworkAddress& address, bool tcp) {
    return is_listening(address.ip, address.port, tcp);
  };
};

/// Runs one case from start to verdict: leases loopback addresses and free ports,
/// starts the capture, the SUT and the endpoints (UAS first, each once it listens),
/// enforces the case timeout, stops every process group, judges, and decides the
/// status. Never throws; every failure of the harness or the environment becomes an
/// ERROR record with one line saying what to do.
/// `repetition` is 1-based; with `repetitions` > 1 artifacts go to `cases/<id>/<n>/`.
reports::CaseResult run_case(const manifest::LoadedCase& loaded, int repetition, int repetitions,
                             const RunnerContext& context);

/// The record of a case that was never started (e.g. the run was interrupted first).
reports::CaseResult not_run_record(const manifest::LoadedCase& loaded, int repetition,
                                   const std::string& message);

/// Where a case's artifacts go, relative to the output directory.
std::filesystem::path case_artifact_dir(const std::string& id, int repetition, int repetitions);

}  // namespace sipconf::harness
