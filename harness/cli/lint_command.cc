#include "harness/cli/lint_command.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "base/line_index.h"
#include "harness/manifest/case_set.h"

namespace sipconf::harness {
namespace {

/// Prints diagnostics with the source line they point at, reading each file once.
class DiagnosticPrinter {
 public:
  explicit DiagnosticPrinter(std::ostream& out) : out_(out) {}

  void print(const base::Diagnostic& diagnostic) {
    out_ << diagnostic.to_string() << '\n';
    if (diagnostic.where.line <= 0) return;
    const std::string_view line = line_of(diagnostic.where.file, diagnostic.where.line);
    if (line.find_first_not_of(" \t") == std::string_view::npos) return;
    out_ << "    " << line << '\n';
    if (diagnostic.where.column > 0) {
      std::string caret(static_cast<std::size_t>(diagnostic.where.column - 1), ' ');
      for (std::size_t i = 0; i < caret.size() && i < line.size(); ++i) {
        if (line[i] == '\t') caret[i] = '\t';
      }
      out_ << "    " << caret << "^\n";
    }
  }

 private:
  struct File {
    std::string text;
    base::LineIndex index;
  };

  std::string_view line_of(const std::filesystem::path& path, int line) {
    auto it = files_.find(path);
    if (it == files_.end()) {
      auto file = std::make_unique<File>();
      std::ifstream in(path, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      file->text = text.str();
      file->index = base::LineIndex(file->text);
      it = files_.emplace(path, std::move(file)).first;
    }
    return it->second->index.line_text(line);
  }

  std::ostream& out_;
  std::map<std::filesystem::path, std::unique_ptr<File>> files_;
};

}  // namespace

int run_lint_command(const LintCommandOptions& options, std::ostream& out) {
  const std::vector<std::filesystem::path> paths =
      options.paths.empty() ? std::vector<std::filesystem::path>{"scenarios"} : options.paths;
  const manifest::CaseSet set = manifest::load_cases(paths, options.catalogue);
  DiagnosticPrinter printer(out);
  for (const base::Diagnostic& diagnostic : set.diagnostics) printer.print(diagnostic);
  std::size_t bad_cases = 0;
  for (const manifest::LoadedCase& loaded : set.cases) {
    if (!loaded.diagnostics.empty()) ++bad_cases;
    for (const base::Diagnostic& diagnostic : loaded.diagnostics) printer.print(diagnostic);
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
