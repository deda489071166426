#include "reports/model/run_model.h"

#include <algorithm>
#include <iterator>
#include <span>

#include "reports/model/latency_stats.h"

namespace sipconf::reports {
namespace {

/// True when `a` comes before `b` in `order`: documented names in their order, then the
/// others by name (the order the loader reads them in).
bool listed_before(std::span<const std::string_view> order, std::string_view a,
                   std::string_view b) {
  auto rank = [&](std::string_view name) {
    return std::distance(order.begin(), std::find(order.begin(), order.end(), name));
  };
  const auto ra = rank(a);
  const auto rb = rank(b);
  if (ra != rb) return ra < rb;
  return ra == static_cast<std::ptrdiff_t>(order.size()) && a < b;
}

/// Where an entry named `name` goes in `items` (kept in `order`): after every entry that
/// is listed before it or has the same name.
template <typename T, typename Name>
typename std::vector<T>::iterator slot(std::vector<T>& items,
                                       std::span<const std::string_view> order,
                                       std::string_view name, Name&& name_of) {
  return std::find_if(items.begin(), items.end(),
                      [&](const T& item) { return listed_before(order, name, name_of(item)); });
}

}  // namespace

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

void CaseResult::set_latency(std::string_view name, std::vector<std::int64_t> samples) {
  std::erase_if(latency, [&](const LatencyMetric& m) { return m.name == name; });
  if (samples.empty()) return;
  auto at = slot(latency, kLatencyOrder, name, [](const LatencyMetric& m) { return m.name; });
  latency.insert(at, summarize_latency(name, std::move(samples)));
}

std::optional<std::int64_t> CaseResult::count(std::string_view name) const {
  for (const auto& c : counts) {
    if (c.name == name) return c.value;
  }
  return std::nullopt;
}

void CaseResult::set_count(std::string_view name, std::int64_t value) {
  for (auto& c : counts) {
    if (c.name == name) {
      c.value = value;
      return;
    }
  }
  auto at = slot(counts, kCountOrder, name, [](const Count& c) { return c.name; });
  counts.insert(at, Count{std::string(name), value});
}

void CaseResult::add_artifact(std::string_view kind, std::string path) {
  auto at = slot(artifacts, kArtifactOrder, kind, [](const Artifact& a) { return a.kind; });
  artifacts.insert(at, Artifact{std::string(kind), std::move(path)});
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
