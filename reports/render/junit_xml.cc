#include "reports/render/junit_xml.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "reports/model/report_error.h"
#include "reports/model/run_loader.h"
#include "reports/render/artifact_paths.h"
#include "reports/render/html_text.h"

namespace sipconf::reports {
namespace {

/// The JUnit element for a status: "failure", "error", "skipped", or empty for a pass.
std::string_view outcome_element(Status status) {
  switch (status) {
    case Status::kFail:
    case Status::kXpass:
    case Status::kTimeout:
      return "failure";
    case Status::kCrash:
    case Status::kError:
      return "error";
    case Status::kSkip:
      return "skipped";
    case Status::kPass:
    case Status::kXfail:
      break;
  }
  return {};
}

std::string seconds(std::int64_t ms) {
  return fmt::format("{:.3f}", static_cast<double>(ms) / 1000.0);
}

std::string case_name(const CaseResult& c) {
  auto slash = c.id.find('/');
  return slash == std::string::npos ? c.id : c.id.substr(slash + 1);
}

std::string outcome_message(const CaseResult& c) {
  std::string why = c.message.empty() ? std::string(status_name(c.status)) : c.message;
  switch (c.status) {
    case Status::kXpass:
      return "passed but is expected to fail: " + why;
    case Status::kTimeout:
      return "timed out: " + why;
    case Status::kCrash:
      return "the SUT crashed: " + why;
    case Status::kError:
      return "harness or environment error: " + why;
    default:
      return why;
  }
}

std::string failure_body(const CaseResult& c) {
  std::string body;
  for (const auto& s : c.subtests) {
    if (s.status == Status::kPass) continue;
    body += fmt::format("{} [{}]", s.name, status_name(s.status));
    if (!s.kind.empty() || !s.leg.empty()) {
      body +=
          fmt::format(" ({}{}{})", s.kind, s.kind.empty() || s.leg.empty() ? "" : ", leg ", s.leg);
    }
    body += ": " + s.message + "\n";
    if (!s.expected.empty()) body += "  expected: " + s.expected + "\n";
    if (!s.actual.empty()) body += "  actual:   " + s.actual + "\n";
    if (s.message_index) {
      const Message& m = c.messages[*s.message_index];
      body +=
          fmt::format("  message #{}: {} -> {}: {}\n", *s.message_index, m.from, m.to, m.summary);
    }
  }
  return body;
}

std::string system_out(const CaseResult& c, const JunitOptions& options) {
  PathRebase rebase{options.results_dir, options.output_dir};
  std::string text =
      fmt::format("status: {} (expected {})\n", status_name(c.status), status_name(c.expected));
  if (c.status == Status::kXfail && !c.message.empty())
    text += "expected failure: " + c.message + "\n";
  if (!c.description.empty()) text += "description: " + c.description + "\n";
  if (!c.behaviours.empty()) {
    text += "behaviours:";
    for (const auto& b : c.behaviours) text += " " + b;
    text += "\n";
  }
  if (!options.html_report.empty()) {
    text += fmt::format("report: {}#case={}\n", options.html_report, uri_component(c.id));
  }
  for (const auto& a : c.artifacts) text += fmt::format("{}: {}\n", a.kind, rebase(a.path));
  for (const auto& a : c.artifacts) text += fmt::format("[[ATTACHMENT|{}]]\n", rebase(a.path));
  return text;
}

struct SuiteTotals {
  std::vector<const CaseResult*> cases;
  std::size_t failures = 0;
  std::size_t errors = 0;
  std::size_t skipped = 0;
  std::int64_t ms = 0;
};

void count(SuiteTotals& totals, const CaseResult& c) {
  totals.cases.push_back(&c);
  std::string_view element = outcome_element(c.status);
  if (element == "failure") ++totals.failures;
  if (element == "error") ++totals.errors;
  if (element == "skipped") ++totals.skipped;
  totals.ms += c.duration_ms.value_or(0);
}

}  // namespace

std::string xml_text(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += attribute ? "&quot;" : "\"";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\r':
        out += "&#13;";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      default:
        break;
    }
    if (byte < 0x20) {
      out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 cannot carry this character at all.
    } else if (byte == 0xEF && i + 2 < text.size() &&
               static_cast<unsigned char>(text[i + 1]) == 0xBF &&
               (static_cast<unsigned char>(text[i + 2]) == 0xBE ||
                static_cast<unsigned char>(text[i + 2]) == 0xBF)) {
      out += "\xEF\xBF\xBD";  // U+FFFE and U+FFFF are not XML characters either.
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::error_code render_junit(const Run& run, const JunitOptions& options, std::ostream& out) {
  std::map<std::string, SuiteTotals> suites;
  SuiteTotals all;
  for (const auto& c : run.results) {
    count(suites[c.suite()], c);
    count(all, c);
  }
  std::string timestamp =
      run.time_start.size() >= 19 ? run.time_start.substr(0, 19) : run.time_start;
  std::string xml = fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<testsuites name=\"sipconf\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
      "time=\"{}\"{}>\n",
      all.cases.size(), all.failures, all.errors, all.skipped, seconds(all.ms),
      timestamp.empty() ? std::string()
                        : fmt::format(" timestamp=\"{}\"", xml_text(timestamp, true)));
  const SutInfo& sut = run.run_info.sut;
  for (const auto& [name, suite] : suites) {
    xml += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" "
        "time=\"{}\"",
        xml_text(name, true), suite.cases.size(), suite.failures, suite.errors, suite.skipped,
        seconds(suite.ms));
    if (!timestamp.empty()) xml += fmt::format(" timestamp=\"{}\"", xml_text(timestamp, true));
    if (!run.run_info.host.empty())
      xml += fmt::format(" hostname=\"{}\"", xml_text(run.run_info.host, true));
    xml += ">\n    <properties>\n";
    auto property = [&](std::string_view key, const std::string& value) {
      if (value.empty()) return;
      xml +=
          fmt::format("      <property name=\"{}\" value=\"{}\"/>\n", key, xml_text(value, true));
    };
    property("sut.name", sut.name);
    property("sut.version", sut.version);
    property("sut.kind", sut.kind);
    property("sut.address", sut.address);
    property("sipconf.version", run.run_info.sipconf_version);
    property("sipp.version", run.run_info.sipp_version);
    property("git.revision", run.run_info.git_revision);
    xml += "    </properties>\n";
    for (const CaseResult* c : suite.cases) {
      xml += fmt::format("    <testcase name=\"{}\" classname=\"{}\" time=\"{}\"",
                         xml_text(case_name(*c), true), xml_text(name, true),
                         seconds(c->duration_ms.value_or(0)));
      if (!c->path.empty()) xml += fmt::format(" file=\"{}\"", xml_text(c->path, true));
      xml += ">\n";
      if (std::string_view element = outcome_element(c->status); !element.empty()) {
        std::string message = outcome_message(*c);
        if (element == "skipped") {
          xml += fmt::format("      <skipped message=\"{}\"/>\n", xml_text(message, true));
        } else {
          xml += fmt::format("      <{0} message=\"{1}\" type=\"{2}\">{3}</{0}>\n", element,
                             xml_text(message, true), status_name(c->status),
                             xml_text(failure_body(*c)));
        }
      }
      xml += fmt::format("      <system-out>{}</system-out>\n", xml_text(system_out(*c, options)));
      xml += "    </testcase>\n";
    }
    xml += "  </testsuite>\n";
  }
  xml += "</testsuites>\n";
  out << xml;
  out.flush();
  if (!out) return ReportErrc::kWriteFailed;
  return {};
}

std::error_code render_junit(const nlohmann::json& results, const JunitOptions& options,
                             std::ostream& out, std::string& diagnostic) {
  Run run;
  if (auto ec = parse_run(results, run, diagnostic)) return ec;
  return render_junit(run, options, out);
}

}  // namespace sipconf::reports
