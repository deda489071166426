#include "harness/cli/lint_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>

#include "base/diagnostic_renderer.h"
#include "harness/manifest/case_set.h"

namespace sipconf::harness {

int run_lint_command(const LintCommandOptions& options, std::ostream& out) {
  const std::vector<std::filesystem::path> paths =
      options.paths.empty() ? std::vector<std::filesystem::path>{"scenarios"} : options.paths;
  const manifest::CaseSet set = manifest::load_cases(paths, options.catalogue);
  base::DiagnosticRenderer renderer;
  out << renderer.render(set.diagnostics);
  std::size_t bad_cases = 0;
  for (const manifest::LoadedCase& loaded : set.cases) {
    if (!loaded.diagnostics.empty()) ++bad_cases;
    out << renderer.render(loaded.diagnostics);
  }
  const std::size_t errors = set.error_count();
  out << fmt::format("{} case{} checked, {} with errors, {} error{}\n", set.cases.size(),
                     set.cases.size() == 1 ? "" : "s", bad_cases, errors, errors == 1 ? "" : "s");
  return errors == 0 ? kLintClean : kLintErrors;
}

void add_lint_command(CLI::App& app) {
  auto options = std::make_shared<LintCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "lint", "Check case manifests and their SIPp scenarios; file:line for every problem");
  command->add_option("paths", options->paths,
                      "suites, case directories or case.xml files (default: scenarios)");
  command->add_option("--catalogue", options->catalogue,
                      "behaviour catalogue (default: the catalogue.txt above the cases)");
  command->callback([options] {
    const int status = run_lint_command(*options, std::cout);
    if (status != kLintClean) throw CLI::RuntimeError(status);
  });
}

}  // namespace sipconf::harness
