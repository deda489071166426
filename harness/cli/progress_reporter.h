#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <mutex>
#include <ostream>
#include <string>

#include "reports/model/run_model.h"

namespace sipconf::harness {

using reports::Status;

/// Tells the person (or CI log) watching a run how it goes. Calls may come from
/// several worker threads; implementations serialize them.
class ProgressReporter {
 public:
  virtual ~ProgressReporter() = default;
  virtual void run_started(std::size_t total, int jobs) = 0;
  virtual void case_started(const std::string& id) = 0;
  virtual void case_finished(const reports::CaseResult& record) = 0;
  virtual void run_finished(const reports::Run& run) = 0;
};

/// On a terminal: one live line (done/total, failures so far, ETA, what runs) redrawn
/// in place, with a permanent line for every case that did not pass. Without a
/// terminal (CI): one plain line per finished case, e.g.
/// `PASS     selftest/pass  0.3s`, then the same summary.
std::unique_ptr<ProgressReporter> make_progress_reporter(std::ostream& out, bool terminal);

/// `PASS     selftest/pass  0.3s` (+ `  message` for a case that did not pass).
std::string format_case_line(const reports::CaseResult& record);

/// `7 cases in 4.1s: 2 PASS, 1 FAIL, 1 XFAIL, 1 TIMEOUT, 1 ERROR, 1 SKIP`
std::string format_summary(const reports::Run& run);

}  // namespace sipconf::harness
