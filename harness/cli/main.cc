// sipconf: the command-line front. Each subcommand lives in its own <name>_command.{h,cc}
// and is registered here with one add_<name>_command(app) line.
#include <CLI/CLI.hpp>

#include "harness/cli/analyze_command.h"
#include "harness/cli/lint_command.h"
#include "harness/cli/list_command.h"
#include "harness/cli/parse_command.h"
#include "harness/cli/report_command.h"
#include "harness/cli/run_command.h"

int main(int argc, char** argv) {
  CLI::App app{"sipconf: conformance harness and simulator for direct SIP connections", "sipconf"};
  app.set_version_flag("--version", SIPCONF_VERSION);
  app.require_subcommand(1);

  sipconf::harness::add_analyze_command(app);
  sipconf::harness::add_lint_command(app);
  sipconf::harness::add_list_command(app);
  sipconf::harness::add_parse_command(app);
  sipconf::harness::add_report_command(app);
  sipconf::harness::add_run_command(app);

  CLI11_PARSE(app, argc, argv);
  return 0;
}
