#include "reports/run_model.h"

#include <algorithm>

namespace sipconf::reports {

std::string CaseResult::suite() const {
  auto slash = id.find('/');
  return slash == std::string::npos ? std::string("cases") : id.substr(0, slash);
}

const LatencyMetric* CaseResult::latency_metric(std::string_view name) const {
  for (const auto& metric : latency) {
    if (metric.name == name) return &metric;
  }
  return nullptr;
}

std::int64_t Run::count(Status status) const {
  return std::count_if(results.begin(), results.end(),
                       [status](const CaseResult& c) { return c.status == status; });
}

bool Run::fails() const {
  return std::any_of(results.begin(), results.end(),
                     [](const CaseResult& c) { return fails_run(c.status); });
}

const CaseResult* Run::find_case(std::string_view id) const {
  for (const auto& c : results) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace sipconf::reports
