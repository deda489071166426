#include "reports/render/latency_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "reports/model/latency_stats.h"
#include "reports/model/time_format.h"
#include "reports/render/html_text.h"

namespace sipconf::reports {
namespace {

constexpr double kWidth = 320;
constexpr double kHeight = 180;
constexpr double kLeft = 40;
constexpr double kRight = 14;
constexpr double kTop = 36;
constexpr double kBottom = 30;

/// 1, 2 or 5 times a power of ten, at least `raw`.
double nice_step(double raw) {
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double factor : {1.0, 2.0, 5.0, 10.0}) {
    if (factor * power >= raw) return factor * power;
  }
  return 10 * power;
}

struct AxisUnit {
  double divisor;
  const char* suffix;
};

AxisUnit unit_for(double max_us) {
  if (max_us < 2000) return {1, "µs"};
  if (max_us < 2000000) return {1000, "ms"};
  return {1000000, "s"};
}

}  // namespace

std::string render_latency_table(const std::vector<LatencyMetric>& metrics) {
  std::string out =
      "<table class=\"latency\"><thead><tr><th>Measure</th><th class=\"num\">Samples</th>"
      "<th class=\"num\">p50</th><th class=\"num\">p90</th><th class=\"num\">p99</th>"
      "<th class=\"num\">max</th></tr></thead><tbody>";
  for (const auto& m : metrics) {
    out += fmt::format(
        "<tr data-metric=\"{}\" data-p50=\"{}\" data-p90=\"{}\" data-p99=\"{}\" "
        "data-max=\"{}\"><th>{}</th><td class=\"num\">{}</td>",
        html(m.name), m.p50, m.p90, m.p99, m.max, html(latency_label(m.name)), m.count);
    for (auto value : {m.p50, m.p90, m.p99, m.max}) {
      out += fmt::format("<td class=\"num\">{}</td>",
                         m.count == 0 ? std::string("–") : format_duration_us(value));
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  return out;
}

std::string render_latency_cdf(const LatencyMetric& metric) {
  if (metric.samples.empty()) return {};
  std::vector<std::int64_t> sorted = metric.samples;
  std::sort(sorted.begin(), sorted.end());
  double top = std::max<double>(1.0, static_cast<double>(sorted.back()));
  double step = nice_step(top / 4.0);
  double axis_max = std::ceil(top / step) * step;
  AxisUnit unit = unit_for(axis_max);
  double plot_w = kWidth - kLeft - kRight;
  double plot_h = kHeight - kTop - kBottom;
  auto x_of = [&](double us) { return kLeft + us / axis_max * plot_w; };
  auto y_of = [&](double fraction) { return kTop + (1.0 - fraction) * plot_h; };

  std::string out = fmt::format(
      "<svg class=\"cdf\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\" data-metric=\"{2}\" data-samples=\"{3}\">"
      "<title>{4}: cumulative distribution of {3} sample{7}</title>"
      "<text class=\"plot-title\" x=\"{5}\" y=\"14\">{4}</text>"
      "<text class=\"plot-note\" x=\"{6}\" y=\"14\" text-anchor=\"end\">n = {3}</text>",
      kWidth, kHeight, html(metric.name), sorted.size(), html(latency_label(metric.name)), kLeft,
      kWidth - kRight, sorted.size() == 1 ? "" : "s");
  for (double fraction : {0.0, 0.5, 0.9, 1.0}) {
    double y = y_of(fraction);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\"/>"
        "<text class=\"tick\" x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\">{5}%</text>",
        kLeft, y, kWidth - kRight, kLeft - 5, y + 3.5, static_cast<int>(fraction * 100));
  }
  for (double tick = 0; tick <= axis_max + step / 2; tick += step) {
    double x = x_of(tick);
    out += fmt::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>"
        "<text class=\"tick\" x=\"{0:.1f}\" y=\"{3}\" text-anchor=\"middle\">{4:g}</text>",
        x, kTop, kTop + plot_h, kTop + plot_h + 13, tick / unit.divisor);
  }
  out += fmt::format("<text class=\"tick unit\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
                     kWidth - kRight, kHeight - 3, unit.suffix);

  std::string path = fmt::format("M{:.1f},{:.1f}", x_of(0), y_of(0));
  double n = static_cast<double>(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    double x = x_of(static_cast<double>(sorted[i]));
    path += fmt::format("H{:.1f}V{:.1f}", x, y_of(static_cast<double>(i + 1) / n));
  }
  path += fmt::format("H{:.1f}", x_of(axis_max));
  out += fmt::format("<path class=\"cdf-line\" d=\"{}\"/>", path);

  // Short labels beside the marker lines: p50 to the left, p99 to the right, so
  // they stay apart even when the two are close; the values are in the table.
  for (auto [label, value, left] :
       {std::tuple{"p50", metric.p50, true}, std::tuple{"p99", metric.p99, false}}) {
    double x = x_of(static_cast<double>(value));
    bool anchor_end = left ? x - 24 > kLeft : x + 26 > kWidth - kRight;
    out += fmt::format(
        "<line class=\"marker\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\"/>"
        "<text class=\"marker-label\" x=\"{3:.1f}\" y=\"{4}\" text-anchor=\"{5}\">{6}</text>",
        x, kTop - 6, kTop + plot_h, anchor_end ? x - 3 : x + 3, kTop - 8,
        anchor_end ? "end" : "start", label);
  }
  out += "</svg>";
  return out;
}

std::string render_latency_block(const std::vector<LatencyMetric>& metrics) {
  if (metrics.empty()) return {};
  std::string out = render_latency_table(metrics);
  std::string plots;
  for (const auto& metric : metrics) {
    // One sample makes a single step: the table already says all there is.
    if (metric.samples.size() >= 2) plots += render_latency_cdf(metric);
  }
  if (!plots.empty()) out += "<div class=\"plots\">" + plots + "</div>";
  return out;
}

}  // namespace sipconf::reports
