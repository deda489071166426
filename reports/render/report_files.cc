#include "reports/render/report_files.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "reports/model/report_error.h"
#include "reports/model/run_loader.h"
#include "reports/render/artifact_paths.h"
#include "reports/render/html_page.h"
#include "reports/render/junit_xml.h"

namespace sipconf::reports {
namespace {

std::filesystem::path directory_of(const std::filesystem::path& file) {
  auto parent = file.parent_path();
  return parent.empty() ? std::filesystem::path(".") : parent;
}

template <typename Render>
std::error_code write_atomically(const std::filesystem::path& target, Render&& render,
                                 std::string& diagnostic) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path dir = directory_of(target);
  fs::create_directories(dir, ec);
  if (ec) {
    diagnostic = fmt::format("{}: cannot create directory {}: {}", target.string(), dir.string(),
                             ec.message());
    return ReportErrc::kWriteFailed;
  }
  fs::path temporary = target;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      diagnostic = fmt::format("{}: cannot write: {}", target.string(),
                               std::error_code(errno, std::generic_category()).message());
      return ReportErrc::kWriteFailed;
    }
    if (auto render_ec = render(out)) {
      out.close();
      fs::remove(temporary, ec);
      diagnostic = fmt::format("{}: cannot write: {}", target.string(), render_ec.message());
      return render_ec;
    }
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    diagnostic = fmt::format("{}: cannot write: {}", target.string(), ec.message());
    return ReportErrc::kWriteFailed;
  }
  return {};
}

}  // namespace

std::error_code write_reports(const Run& run, const ReportFiles& files, std::string& diagnostic) {
  if (!files.html.empty()) {
    HtmlOptions options;
    options.results_dir = files.results_dir;
    options.output_dir = directory_of(files.html);
    options.baseline = files.baseline;
    options.baseline_options = files.baseline_options;
    auto ec = write_atomically(
        files.html, [&](std::ostream& out) { return render_html(run, options, out); }, diagnostic);
    if (ec) return ec;
  }
  if (!files.junit.empty()) {
    JunitOptions options;
    options.results_dir = files.results_dir;
    options.output_dir = directory_of(files.junit);
    if (!files.html.empty()) {
      // The HTML file as seen from the XML's directory, for the per-case deep links.
      std::error_code ec;
      auto html = std::filesystem::absolute(files.html, ec).lexically_normal();
      auto dir = std::filesystem::absolute(options.output_dir, ec).lexically_normal();
      auto relative = html.lexically_relative(dir);
      options.html_report = (relative.empty() ? html : relative).string();
    }
    auto ec = write_atomically(
        files.junit, [&](std::ostream& out) { return render_junit(run, options, out); },
        diagnostic);
    if (ec) return ec;
  }
  return {};
}

std::error_code write_reports(const nlohmann::json& results, const ReportFiles& files,
                              std::string& diagnostic) {
  Run run;
  if (auto ec = parse_run(results, run, diagnostic)) return ec;
  return write_reports(run, files, diagnostic);
}

}  // namespace sipconf::reports
