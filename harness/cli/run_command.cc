#include "harness/cli/run_command.h"

#include <unistd.h>

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <atomic>
#include <iostream>
#include <mutex>
#include <thread>

#include "base/diagnostic_renderer.h"
#include "harness/cli/progress_reporter.h"
#include "harness/judge/capture_judge.h"
#include "harness/judge/process_judge.h"
#include "harness/lab/builtin_mediation.h"
#include "harness/lab/case_runner.h"
#include "harness/lab/external_sut.h"
#include "harness/lab/interrupt_watch.h"
#include "harness/lab/run_info.h"
#include "harness/lab/run_plan.h"
#include "reports/model/run_validator.h"
#include "reports/model/run_writer.h"
#include "reports/model/time_format.h"
#include "reports/render/report_files.h"

namespace sipconf::harness {
namespace {

std::filesystem::path self_executable() {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path("sipconf") : path;
}

/// The SUT the options ask for; null with `err` written when the options are wrong.
std::unique_ptr<SystemUnderTest> make_sut(const RunCommandOptions& options, std::ostream& err) {
  if (options.sut == "builtin") {
    if (!options.sut_description.empty()) {
      err << "--sut-description applies to an external SUT: pass --sut HOST:PORT as well\n";
      return nullptr;
    }
    std::optional<std::filesystem::path> program;
    if (!options.mediation.empty()) {
      program = find_program(options.mediation.string());
      if (!program) {
        err << fmt::format("--mediation: {} is not an executable file\n",
                           options.mediation.string());
        return nullptr;
      }
    } else {
      program = find_mediation_beside(self_executable());
    }
    return std::make_unique<BuiltinMediation>(program);
  }
  const std::optional<NetworkAddress> address = NetworkAddress::parse(options.sut);
  if (!address) {
    err << fmt::format("--sut: `{}` is neither `builtin` nor HOST:PORT (an IP address and port)\n",
                       options.sut);
    return nullptr;
  }
  if (options.sut_description.empty()) {
    err << "--sut HOST:PORT needs --sut-description FILE: which address is the internal "
           "interface and which are the trunks\n";
    return nullptr;
  }
  base::Diagnostics diags;
  std::optional<SutDescription> description =
      load_sut_description(options.sut_description, *address, diags);
  if (!description) {
    err << base::DiagnosticRenderer().render(diags);
    return nullptr;
  }
  return std::make_unique<ExternalSut>(*address, std::move(*description));
}

reports::RunInfo describe_run(ProcessLauncher& launcher, const Toolbox& tools,
                              const SystemUnderTest& sut, bool sut_used,
                              const std::filesystem::path& scratch, int jobs) {
  reports::RunInfo info;
  info.sipconf_version = SIPCONF_VERSION;
  info.sipp_version =
      tools.sipp_version ? tools.sipp_version->version : (tools.sipp ? "unknown" : "not installed");
  info.git_revision = git_revision(launcher, ".", scratch);
  info.host = host_name();
  info.os = os_name();
  info.command = command_line();
  info.jobs = jobs;
  // A run whose cases all play SIPp against SIPp tested no SUT; say so rather than
  // naming one that never ran.
  info.sut = sut_used ? sut.describe()
                      : reports::SutInfo{"none", "none", "", "", "the cases run SIPp against SIPp"};
  return info;
}

std::error_code write_rendered_reports(const reports::Run& run, const RunCommandOptions& options,
                                       std::string& diagnostic) {
  if (options.junit.empty() && options.html.empty()) return {};
  // The run goes to the renderers as it is, held to the rules the loader enforces on a
  // results.json, so `run --html` and `report` accept and refuse the same runs.
  if (std::error_code ec = reports::validate_run(run, diagnostic)) return ec;
  reports::ReportFiles files;
  files.results_dir = options.output;
  files.html = options.html;
  files.junit = options.junit;
  return reports::write_reports(run, files, diagnostic);
}

}  // namespace

int run_run_command(const RunCommandOptions& given, const RunControl& control, std::ostream& out,
                    std::ostream& err) {
  // The SUT and the endpoints start in their case's directory: every path handed to them
  // (configuration, certificates, logs) must not depend on ours.
  RunCommandOptions options = given;
  options.output = std::filesystem::absolute(given.output);
  if (options.jobs < 0) {
    err << "--jobs: must be 0 (one per core) or more\n";
    return kRunBadInvocation;
  }
  const std::vector<std::filesystem::path> paths =
      options.paths.empty() ? std::vector<std::filesystem::path>{"scenarios"} : options.paths;
  const manifest::CaseSet cases = manifest::load_cases(paths, options.catalogue);
  if (!cases.diagnostics.empty()) {
    err << base::DiagnosticRenderer().render(cases.diagnostics);
    return kRunBadInvocation;
  }
  PlanOptions plan_options{options.filter, options.behaviours, options.repeat};
  base::Diagnostics diags;
  const sip::Result<std::vector<PlannedCase>> plan = plan_run(cases, plan_options, diags);
  if (!plan) {
    err << base::DiagnosticRenderer().render(diags);
    return kRunBadInvocation;
  }
  std::unique_ptr<SystemUnderTest> sut = make_sut(options, err);
  if (!sut) return kRunBadInvocation;

  std::error_code ec;
  std::filesystem::create_directories(options.output, ec);
  if (ec) {
    err << fmt::format("{}: cannot create the output directory: {}\n", options.output.string(),
                       ec.message());
    return kRunBadInvocation;
  }
  std::unique_ptr<ProcessLauncher> launcher = make_process_launcher();
  Toolbox tools = find_tools(*launcher, options.output);
  if (!options.sipsim.empty()) {
    tools.sipsim = find_program(options.sipsim.string());
    if (!tools.sipsim) {
      err << fmt::format("--sipsim: {} is not an executable file\n", options.sipsim.string());
      return kRunBadInvocation;
    }
  } else {
    tools.sipsim = find_built_program(self_executable(), "simulators", "sipsim");
  }

  const bool sut_used = std::any_of(plan->begin(), plan->end(), [](const PlannedCase& planned) {
    return planned.loaded->manifest &&
           planned.loaded->manifest->sut.kind != manifest::SutKind::none;
  });
  int jobs = options.jobs > 0 ? options.jobs
                              : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  if (!sut->parallel_cases() && jobs > 1 && sut_used) {
    out << "an external SUT is one shared system: running cases one at a time\n";
    jobs = 1;
  }
  jobs = std::max(1, std::min<int>(jobs, static_cast<int>(plan->size())));

  LoopbackPool pool(
      {10, 250, LoopbackPool::default_lock_dir(), static_cast<int>(::getpid() % 241)});
  ProcessJudge process_judge;
  CaptureJudge capture_judge;
  RealLabClock clock;
  RunnerContext context{*launcher,
                        clock,
                        pool,
                        *sut,
                        [] { return make_libpcap_capture(); },
                        tools,
                        {&process_judge, &capture_judge},
                        options.output,
                        control.stop};

  reports::Run run;
  run.tool = "sipconf run";
  run.run_info = describe_run(*launcher, tools, *sut, sut_used, options.output, jobs);
  for (const manifest::CatalogueEntry& entry : cases.catalogue.entries()) {
    run.catalogue.push_back({entry.id, entry.title});
  }
  run.time_start = reports::format_utc_timestamp(std::chrono::system_clock::now());
  std::unique_ptr<ProgressReporter> progress = make_progress_reporter(out, control.terminal);
  progress->run_started(plan->size(), jobs);

  std::vector<reports::CaseResult> results(plan->size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < plan->size(); i = next++) {
      const PlannedCase& planned = (*plan)[i];
      if (control.stop.stop_requested()) {
        results[i] =
            not_run_record(*planned.loaded, planned.repetition, "not run: the run was interrupted");
        continue;
      }
      progress->case_started(planned.loaded->id);
      results[i] = run_case(*planned.loaded, planned.repetition, options.repeat, context);
      progress->case_finished(results[i]);
    }
  };
  {
    std::vector<std::jthread> workers;
    for (int j = 0; j < jobs; ++j) workers.emplace_back(worker);
  }
  run.results = std::move(results);
  run.time_end = reports::format_utc_timestamp(std::chrono::system_clock::now());
  progress->run_finished(run);

  const std::filesystem::path results_file = options.output / "results.json";
  int status = run.fails() ? kRunFailed : kRunPassed;
  std::string diagnostic;  // reports/ says what went wrong in one line
  if (reports::write_results_json(run, results_file, diagnostic)) {
    err << diagnostic << '\n';
    status = kRunFailed;
  } else {
    out << fmt::format("results: {}\n", results_file.string());
  }
  if (write_rendered_reports(run, options, diagnostic)) {
    err << diagnostic << '\n';
    status = kRunFailed;
  } else {
    if (!options.html.empty()) out << fmt::format("report: {}\n", options.html.string());
    if (!options.junit.empty()) out << fmt::format("junit: {}\n", options.junit.string());
  }
  if (control.stop.stop_requested()) {
    const int signal = control.signal();
    err << "interrupted: every process of the run was stopped; results were written for the "
           "cases that finished\n";
    return 128 + (signal > 0 ? signal : 2);
  }
  return status;
}

void add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "run", "Run conformance cases: start the SUT and SIPp endpoints, capture, judge, report");
  command->add_option("paths", options->paths,
                      "suites, case directories or case.xml files (default: scenarios)");
  command
      ->add_option("--sut", options->sut,
                   "`builtin` (the reference mediation) or HOST:PORT of your own SUT")
      ->capture_default_str();
  command->add_option("--sut-description", options->sut_description,
                      "XML file saying where an external SUT's interfaces are");
  command->add_option("-j,--jobs", options->jobs, "cases run in parallel (default: one per core)");
  command->add_option("--filter", options->filter, "run only cases whose id matches this regex");
  command->add_option("--behaviour", options->behaviours,
                      "run only cases covering this behaviour (e.g. RT-02, or RT for all)");
  command->add_option("--repeat", options->repeat, "run every selected case N times")
      ->capture_default_str();
  command->add_option("-o,--output", options->output, "directory for results.json and artifacts")
      ->capture_default_str();
  command->add_option("--junit", options->junit, "also write JUnit XML here");
  command->add_option("--html", options->html, "also write the HTML report here");
  command->add_option("--catalogue", options->catalogue,
                      "behaviour catalogue (default: the catalogue.txt above the cases)");
  command->add_option("--mediation", options->mediation,
                      "mediation binary for --sut builtin (default: the one built with sipconf)");
  command->add_option("--sipsim", options->sipsim,
                      "sipsim binary for sipsim endpoints (default: the one built with sipconf)");
  command->callback([options] {
    InterruptWatch watch;
    RunControl control;
    control.stop = watch.token();
    control.signal = [&watch] { return watch.signal(); };
    control.terminal = ::isatty(STDOUT_FILENO) != 0;
    const int status = run_run_command(*options, control, std::cout, std::cerr);
    if (status != kRunPassed) throw CLI::RuntimeError(status);
  });
}

}  // namespace sipconf::harness
