#include "harness/cli/report_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "reports/model/run_loader.h"
#include "reports/render/baseline_comparison.h"
#include "reports/render/report_files.h"

namespace sipconf::harness {

int run_report_command(const ReportCommandOptions& options, std::ostream& out, std::ostream& err) {
  reports::ReportFiles files;
  auto threshold = reports::parse_latency_threshold(options.latency_threshold);
  if (!threshold) {
    err << fmt::format(
        "--latency-threshold: \"{}\" is not a percentage (e.g. 20%) or a fraction "
        "(e.g. 0.2)\n",
        options.latency_threshold);
    return kReportBadInput;
  }
  if (options.latency_floor_us < 0) {
    err << "--latency-floor-us: must not be negative\n";
    return kReportBadInput;
  }
  files.baseline_options.latency_threshold = *threshold;
  files.baseline_options.latency_floor_us = options.latency_floor_us;

  reports::Run run;
  std::string diagnostic;
  if (reports::load_run(options.results, run, diagnostic)) {
    err << diagnostic << "\n";
    return kReportBadInput;
  }
  reports::Run baseline;
  if (!options.baseline.empty()) {
    if (reports::load_run(options.baseline, baseline, diagnostic)) {
      err << diagnostic << "\n";
      return kReportBadInput;
    }
    files.baseline = &baseline;
  }

  files.results_dir = options.results.parent_path().empty() ? std::filesystem::path(".")
                                                            : options.results.parent_path();
  files.html = options.html;
  files.junit = options.junit;
  if (files.html.empty() && files.junit.empty()) files.html = files.results_dir / "report.html";
  if (reports::write_reports(run, files, diagnostic)) {
    err << diagnostic << "\n";
    return kReportWriteFailed;
  }
  std::string verdict = run.fails() ? "FAILED" : (run.results.empty() ? "no cases" : "PASSED");
  if (!files.html.empty()) {
    out << fmt::format("wrote {} ({} case{}, {})\n", files.html.string(), run.results.size(),
                       run.results.size() == 1 ? "" : "s", verdict);
  }
  if (!files.junit.empty()) out << fmt::format("wrote {}\n", files.junit.string());
  return kReportWritten;
}

void add_report_command(CLI::App& app) {
  auto options = std::make_shared<ReportCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "report", "Render a run's results.json as an HTML conformance report and/or JUnit XML");
  command->add_option("results", options->results, "results.json written by sipconf run")
      ->required();
  command->add_option("-o,--output", options->html,
                      "HTML report to write (default: report.html beside results.json when "
                      "--junit is not given either)");
  command->add_option("--junit", options->junit, "JUnit XML to write");
  command->add_option("--baseline", options->baseline,
                      "results.json of an earlier run: report new failures, fixed cases and "
                      "latency changes");
  command
      ->add_option("--latency-threshold", options->latency_threshold,
                   "relative latency change worth reporting with --baseline")
      ->default_val("20%");
  command
      ->add_option("--latency-floor-us", options->latency_floor_us,
                   "smallest absolute latency change worth reporting, in microseconds")
      ->default_val(100);
  command->callback([options] {
    int status = run_report_command(*options, std::cout, std::cerr);
    if (status != kReportWritten) throw CLI::RuntimeError(status);
  });
}

}  // namespace sipconf::harness
