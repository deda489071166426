#include "reports/model/run_validator.h"

#include <fmt/format.h>

#include <map>

#include "reports/model/report_error.h"

namespace sipconf::reports {
namespace {

std::string index_out_of_range(std::size_t index, std::size_t messages) {
  return fmt::format("{} is out of range (the case has {} messages)", index, messages);
}

/// The first problem of one case, as `<key>: what`, empty when there is none.
std::string case_problem(const CaseResult& c) {
  if (c.id.empty()) return "id: is empty";
  if (c.expected != Status::kPass && c.expected != Status::kFail) {
    return "expected: must be PASS or FAIL";
  }
  for (std::size_t i = 0; i < c.endpoints.size(); ++i) {
    if (c.endpoints[i].name.empty()) return fmt::format("endpoints[{}].name: is empty", i);
  }
  for (std::size_t i = 0; i < c.messages.size(); ++i) {
    const std::string& kind = c.messages[i].kind;
    if (!kind.empty() && kind != "request" && kind != "response") {
      return fmt::format("messages[{}].kind: \"{}\" is neither request nor response", i, kind);
    }
  }
  for (std::size_t i = 0; i < c.subtests.size(); ++i) {
    const Subtest& s = c.subtests[i];
    if (s.name.empty()) return fmt::format("subtests[{}].name: is empty", i);
    if (s.message_index && *s.message_index >= c.messages.size()) {
      return fmt::format("subtests[{}].message_index: {}", i,
                         index_out_of_range(*s.message_index, c.messages.size()));
    }
  }
  for (std::size_t i = 0; i < c.findings.size(); ++i) {
    const Finding& f = c.findings[i];
    if (f.message_index && *f.message_index >= c.messages.size()) {
      return fmt::format("findings[{}].message_index: {}", i,
                         index_out_of_range(*f.message_index, c.messages.size()));
    }
  }
  return {};
}

}  // namespace

std::error_code validate_run(const Run& run, std::string& diagnostic) {
  diagnostic.clear();
  for (std::size_t i = 0; i < run.catalogue.size(); ++i) {
    if (run.catalogue[i].id.empty()) {
      diagnostic = fmt::format("catalogue[{}].id: is empty", i);
      return ReportErrc::kInvalidField;
    }
  }
  std::map<std::string_view, std::size_t> first_seen;
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    const CaseResult& c = run.results[i];
    if (std::string problem = case_problem(c); !problem.empty()) {
      diagnostic = fmt::format("results[{}].{}", i, problem);
      return ReportErrc::kInvalidField;
    }
    auto [it, inserted] = first_seen.emplace(c.id, i);
    if (!inserted) {
      diagnostic = fmt::format("results[{}].id: duplicate case id \"{}\" (first at results[{}])", i,
                               c.id, it->second);
      return ReportErrc::kInvalidField;
    }
  }
  return {};
}

}  // namespace sipconf::reports
