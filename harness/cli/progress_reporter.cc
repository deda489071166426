#include "harness/cli/progress_reporter.h"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "reports/model/time_format.h"

namespace sipconf::harness {
namespace {

using Clock = std::chrono::steady_clock;

std::string seconds(double value) { return fmt::format("{:.1f}s", value); }

class PlainReporter final : public ProgressReporter {
 public:
  explicit PlainReporter(std::ostream& out) : out_(out) {}

  void run_started(std::size_t total, int jobs) override {
    std::lock_guard lock(mutex_);
    out_ << fmt::format("running {} case{} with {} job{}\n", total, total == 1 ? "" : "s", jobs,
                        jobs == 1 ? "" : "s")
         << std::flush;
  }
  void case_started(const std::string&) override {}
  void case_finished(const reports::CaseResult& record) override {
    std::lock_guard lock(mutex_);
    out_ << format_case_line(record) << '\n' << std::flush;
  }
  void run_finished(const reports::Run& run) override {
    std::lock_guard lock(mutex_);
    out_ << format_summary(run) << '\n' << std::flush;
  }

 private:
  std::ostream& out_;
  std::mutex mutex_;
};

class TerminalReporter final : public ProgressReporter {
 public:
  explicit TerminalReporter(std::ostream& out) : out_(out) {}

  void run_started(std::size_t total, int) override {
    std::lock_guard lock(mutex_);
    total_ = total;
    start_ = Clock::now();
    redraw();
  }

  void case_started(const std::string& id) override {
    std::lock_guard lock(mutex_);
    running_.insert(id);
    redraw();
  }

  void case_finished(const reports::CaseResult& record) override {
    std::lock_guard lock(mutex_);
    running_.erase(record.id);
    ++done_;
    if (reports::fails_run(record.status)) ++failing_;
    if (record.status != Status::kPass) {
      out_ << "\r\033[K" << format_case_line(record) << '\n';
    }
    redraw();
  }

  void run_finished(const reports::Run& run) override {
    std::lock_guard lock(mutex_);
    out_ << "\r\033[K" << format_summary(run) << '\n' << std::flush;
  }

 private:
  void redraw() {
    std::string line = fmt::format("[{}/{}] {} failing", done_, total_, failing_);
    const double elapsed = std::chrono::duration<double>(Clock::now() - start_).count();
    if (done_ > 0 && done_ < total_) {
      // Wall time per finished case already reflects --jobs.
      const double per_case = elapsed / static_cast<double>(done_);
      line += fmt::format("  ETA {}", seconds(per_case * static_cast<double>(total_ - done_)));
    }
    if (!running_.empty()) line += fmt::format("  running: {}", fmt::join(running_, ", "));
    if (line.size() > 100) line = line.substr(0, 97) + "...";
    out_ << "\r\033[K" << line << std::flush;
  }

  std::ostream& out_;
  std::mutex mutex_;
  std::size_t total_ = 0;
  std::size_t done_ = 0;
  std::size_t failing_ = 0;
  std::set<std::string> running_;
  Clock::time_point start_ = Clock::now();
};

}  // namespace

std::string format_case_line(const reports::CaseResult& record) {
  std::string line = fmt::format("{:<8} {}", reports::status_name(record.status), record.id);
  if (record.repetition > 1) line += fmt::format(" (#{})", record.repetition);
  line += "  " + seconds(static_cast<double>(record.duration_ms.value_or(0)) / 1000.0);
  if (record.status != Status::kPass && !record.message.empty()) line += "  " + record.message;
  return line;
}

std::string format_summary(const reports::Run& run) {
  std::vector<std::string> parts;
  for (Status status : {Status::kPass, Status::kFail, Status::kXfail, Status::kXpass,
                        Status::kTimeout, Status::kCrash, Status::kError, Status::kSkip}) {
    if (const std::int64_t count = run.count(status); count > 0) {
      parts.push_back(fmt::format("{} {}", count, reports::status_name(status)));
    }
  }
  const std::optional<std::int64_t> start_us = reports::parse_timestamp_us(run.time_start);
  const std::optional<std::int64_t> end_us = reports::parse_timestamp_us(run.time_end);
  const double elapsed = start_us && end_us ? static_cast<double>(*end_us - *start_us) / 1e6 : 0.0;
  const std::size_t total = run.results.size();
  return fmt::format(
      "{} case{} in {}: {}{}", total, total == 1 ? "" : "s", seconds(elapsed),
      parts.empty() ? std::string("nothing run") : fmt::format("{}", fmt::join(parts, ", ")),
      run.fails() ? "  => FAILED" : "  => ok");
}

std::unique_ptr<ProgressReporter> make_progress_reporter(std::ostream& out, bool terminal) {
  if (terminal) return std::make_unique<TerminalReporter>(out);
  return std::make_unique<PlainReporter>(out);
}

}  // namespace sipconf::harness
