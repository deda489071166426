#include "reports/render/baseline_comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <tuple>

#include "reports/model/latency_stats.h"
#include "reports/model/time_format.h"
#include "reports/render/case_details.h"
#include "reports/render/html_text.h"

namespace sipconf::reports {
namespace {

void compare_metrics(const std::string& case_id, const std::vector<LatencyMetric>& before,
                     const std::vector<LatencyMetric>& now, const BaselineOptions& options,
                     std::vector<LatencyChange>& out) {
  for (const auto& current : now) {
    auto old = std::find_if(before.begin(), before.end(),
                            [&](const LatencyMetric& m) { return m.name == current.name; });
    if (old == before.end() || old->count == 0 || current.count == 0) continue;
    for (auto [name, a, b] :
         {std::tuple{"p50", old->p50, current.p50}, std::tuple{"p99", old->p99, current.p99}}) {
      std::int64_t delta = std::llabs(b - a);
      if (delta < options.latency_floor_us) continue;
      if (static_cast<double>(delta) <= options.latency_threshold * static_cast<double>(a))
        continue;
      out.push_back({case_id, current.name, name, a, b});
    }
  }
}

std::string case_link(const std::string& id, bool present) {
  if (!present) return fmt::format("<code>{}</code>", html(id));
  return fmt::format("<a href=\"#case={}\"><code>{}</code></a>", html(uri_component(id)), html(id));
}

void render_status_table(const char* title, const char* css,
                         const std::vector<StatusChange>& changes, std::string& out) {
  if (changes.empty()) return;
  out += fmt::format("<h4 class=\"{}\">{} <span class=\"count\">{}</span></h4>", css, title,
                     changes.size());
  out +=
      "<table class=\"changes\"><thead><tr><th>Case</th><th>Before</th><th>Now</th>"
      "<th>Why</th></tr></thead><tbody>";
  for (const auto& c : changes) {
    out += fmt::format("<tr data-change=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                       css, case_link(c.id, true),
                       c.before ? status_badge(*c.before) : "<span class=\"note\">new case</span>",
                       status_badge(c.now), html(c.message));
  }
  out += "</tbody></table>";
}

}  // namespace

std::optional<double> parse_latency_threshold(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  bool percent = !text.empty() && text.back() == '%';
  if (percent) {
    text.remove_suffix(1);
    while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  }
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < 0) {
    return std::nullopt;
  }
  return percent ? value / 100.0 : value;
}

double LatencyChange::ratio() const {
  if (before == 0) return now == 0 ? 0.0 : 1.0;
  return static_cast<double>(now) / static_cast<double>(before) - 1.0;
}

BaselineComparison compare_runs(const Run& baseline, const Run& current,
                                const BaselineOptions& options) {
  BaselineComparison out;
  out.baseline_revision = baseline.run_info.git_revision;
  out.baseline_time = baseline.time_start;
  std::map<std::string_view, const CaseResult*> before;
  for (const auto& c : baseline.results) before.emplace(c.id, &c);
  for (const auto& c : current.results) {
    auto it = before.find(c.id);
    const CaseResult* old = it == before.end() ? nullptr : it->second;
    if (old == nullptr) out.added.push_back(c.id);
    bool failed_before = old != nullptr && fails_run(old->status);
    std::optional<Status> was = old ? std::optional<Status>(old->status) : std::nullopt;
    if (fails_run(c.status)) {
      (failed_before ? out.still_failing : out.new_failures)
          .push_back({c.id, was, c.status, c.message});
    } else if (failed_before) {
      out.fixed.push_back({c.id, was, c.status, c.message});
    }
    if (old != nullptr) compare_metrics(c.id, old->latency, c.latency, options, out.latency);
  }
  for (const auto& c : baseline.results) {
    if (current.find_case(c.id) == nullptr) out.removed.push_back(c.id);
  }
  compare_metrics("", run_latency(baseline), run_latency(current), options, out.latency);
  std::stable_sort(out.latency.begin(), out.latency.end(),
                   [](const LatencyChange& a, const LatencyChange& b) {
                     if (a.case_id.empty() != b.case_id.empty()) return a.case_id.empty();
                     return a.ratio() > b.ratio();
                   });
  return out;
}

std::string render_comparison(const BaselineComparison& c, const BaselineOptions& options) {
  std::size_t slower = std::count_if(c.latency.begin(), c.latency.end(),
                                     [](const LatencyChange& l) { return l.now > l.before; });
  std::string out = fmt::format(
      "<p class=\"baseline-of\">Compared with the run of {}{}.</p>"
      "<div class=\"chips\">"
      "<span class=\"chip-big {}\" data-count=\"new-failures\"><b>{}</b> new failures</span>"
      "<span class=\"chip-big {}\" data-count=\"fixed\"><b>{}</b> fixed</span>"
      "<span class=\"chip-big\" data-count=\"still-failing\"><b>{}</b> still failing</span>"
      "<span class=\"chip-big\" data-count=\"added\"><b>{}</b> new cases</span>"
      "<span class=\"chip-big\" data-count=\"removed\"><b>{}</b> removed cases</span>"
      "<span class=\"chip-big {}\" data-count=\"latency\"><b>{}</b> latency changes "
      "({} slower)</span></div>",
      html(c.baseline_time.empty() ? std::string("an earlier run")
                                   : format_timestamp(c.baseline_time)),
      c.baseline_revision.empty()
          ? std::string()
          : fmt::format(" (revision <code>{}</code>)", html(c.baseline_revision)),
      c.new_failures.empty() ? "" : "bad", c.new_failures.size(), c.fixed.empty() ? "" : "good",
      c.fixed.size(), c.still_failing.size(), c.added.size(), c.removed.size(),
      slower == 0 ? "" : "warn", c.latency.size(), slower);
  render_status_table("New failures", "new-failure", c.new_failures, out);
  render_status_table("Fixed", "fixed", c.fixed, out);
  render_status_table("Still failing", "still-failing", c.still_failing, out);
  if (!c.removed.empty()) {
    out += "<h4>Removed cases</h4><p class=\"removed\">";
    for (const auto& id : c.removed) out += case_link(id, false) + " ";
    out += "</p>";
  }
  if (!c.latency.empty()) {
    out += fmt::format(
        "<h4>Latency changes <span class=\"count\">beyond {:.0f}% and {}</span></h4>"
        "<table class=\"changes\"><thead><tr><th>Case</th><th>Measure</th><th>Percentile</th>"
        "<th class=\"num\">Before</th><th class=\"num\">Now</th><th class=\"num\">Change</th>"
        "</tr></thead><tbody>",
        options.latency_threshold * 100, html(format_duration_us(options.latency_floor_us)));
    for (const auto& l : c.latency) {
      out += fmt::format(
          "<tr data-change=\"latency\"><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num {}\">{:+.0f}%</td></tr>",
          l.case_id.empty() ? std::string("<b>whole run</b>") : case_link(l.case_id, true),
          html(latency_label(l.metric)), l.percentile, html(format_duration_us(l.before)),
          html(format_duration_us(l.now)), l.now > l.before ? "bad" : "good", l.ratio() * 100);
    }
    out += "</tbody></table>";
  }
  return out;
}

}  // namespace sipconf::reports
