#include "reports/render/html_page.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "reports/model/latency_stats.h"
#include "reports/model/report_error.h"
#include "reports/model/run_loader.h"
#include "reports/model/time_format.h"
#include "reports/render/case_details.h"
#include "reports/render/conformance_matrix.h"
#include "reports/render/html_text.h"
#include "reports/render/ladder_svg.h"
#include "reports/render/latency_view.h"
#include "reports/render/page_assets.h"

namespace sipconf::reports {
namespace {

struct Verdict {
  const char* token;
  const char* word;
  std::string why;
};

Verdict verdict_of(const Run& run) {
  std::size_t total = run.results.size();
  std::size_t product = 0;
  std::size_t errors = 0;
  for (const auto& c : run.results) {
    if (is_product_failure(c.status)) ++product;
    if (c.status == Status::kError) ++errors;
  }
  if (total == 0) return {"none", "NO CASES", "The run contains no cases."};
  if (product > 0) {
    std::string why = fmt::format("{} of {} cases fail", product, total);
    if (errors > 0) why += fmt::format("; {} could not run (harness error)", errors);
    return {"failed", "FAILED", why};
  }
  if (errors > 0) {
    return {"error", "ERROR",
            fmt::format("{} of {} cases could not run: the harness or the environment broke, "
                        "not the product",
                        errors, total)};
  }
  std::size_t passed = static_cast<std::size_t>(run.count(Status::kPass));
  if (passed == total) {
    return {"passed", "PASSED",
            total == 1 ? std::string("The case passes") : fmt::format("All {} cases pass", total)};
  }
  return {"passed", "PASSED",
          fmt::format("{} of {} cases pass; {} expected failures, {} skipped", passed, total,
                      run.count(Status::kXfail), run.count(Status::kSkip))};
}

void fact(std::string& out, std::string_view name, const std::string& value_html,
          bool wide = false) {
  if (value_html.empty()) return;
  out += fmt::format("<div{}><dt>{}</dt><dd>{}</dd></div>", wide ? " class=\"wide\"" : "", name,
                     value_html);
}

std::string code_or_empty(const std::string& text) {
  return text.empty() ? std::string() : fmt::format("<code>{}</code>", html(text));
}

void render_header(const Run& run, const ConformanceMatrix& matrix, const PathRebase& rebase,
                   std::string& out) {
  const SutInfo& sut = run.run_info.sut;
  Verdict verdict = verdict_of(run);
  out += "<header class=\"top\"><div class=\"wrap\"><div class=\"head-grid\"><div>";
  out += "<div class=\"brand\">SIP conformance report</div>";
  out += fmt::format(
      "<h1>{}{}</h1>", html(sut.name.empty() ? std::string("System under test") : sut.name),
      sut.version.empty() ? std::string()
                          : fmt::format(" <span class=\"ver\">{}</span>", html(sut.version)));
  std::string sub;
  for (const auto& part :
       {sut.description, sut.kind.empty() ? std::string() : sut.kind + " SUT", sut.address}) {
    if (part.empty()) continue;
    if (!sub.empty()) sub += " · ";
    sub += html(part);
  }
  if (!sub.empty()) out += fmt::format("<p class=\"sut-sub\">{}</p>", sub);
  out += "</div>";
  out += fmt::format(
      "<div class=\"verdict {0}\" data-verdict=\"{1}\"><span class=\"verdict-word\">{1}</span>"
      "<span class=\"verdict-why\">{2}</span></div></div>",
      verdict.token, verdict.word, html(verdict.why));

  out += "<div class=\"totals\">";
  for (Status s : kAllStatuses) {
    auto n = run.count(s);
    out += fmt::format(
        "<a class=\"total {}{}\" href=\"#status={}\" data-status=\"{}\" data-count=\"{}\">"
        "<b>{}</b> {}</a>",
        status_token(s), n == 0 ? " zero" : "", status_name(s), status_name(s), n, n,
        status_name(s));
  }
  out += "</div><dl class=\"run-info\">";
  const RunInfo& info = run.run_info;
  fact(out, "Started", html(format_timestamp(run.time_start)));
  fact(out, "Finished", html(format_timestamp(run.time_end)));
  auto start = parse_timestamp_us(run.time_start);
  auto end = parse_timestamp_us(run.time_end);
  if (start && end && *end >= *start)
    fact(out, "Wall time", html(format_duration_us(*end - *start)));
  fact(out, "Host", html(info.host));
  fact(out, "OS", html(info.os));
  fact(out, "sipconf", html(info.sipconf_version));
  fact(out, "SIPp", html(info.sipp_version));
  fact(out, "Git revision", code_or_empty(info.git_revision));
  if (info.jobs) fact(out, "Jobs", std::to_string(*info.jobs));
  std::set<std::string> configs;
  for (const auto& c : run.results) {
    for (const auto& a : c.artifacts) {
      if (a.kind == "sut_config") configs.insert(a.path);
    }
  }
  if (configs.size() == 1) {
    std::string path = rebase(*configs.begin());
    fact(out, "SUT config",
         fmt::format("<a href=\"{}\">{}</a>", html(href_for_path(path)), html(path)));
  } else if (configs.size() > 1) {
    fact(out, "SUT config", fmt::format("{} files, one per case (see Artifacts)", configs.size()));
  }
  fact(out, "Coverage",
       fmt::format("<a href=\"#conformance\">{} / {} behaviours</a>", matrix.catalogue_passing,
                   matrix.catalogue_size));
  fact(out, "Command", code_or_empty(info.command), /*wide=*/true);
  out += "</dl></div></header>";
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

void render_cases(const Run& run, const std::vector<std::size_t>& order, std::string& out) {
  std::set<std::string> peers;
  std::set<std::string> behaviours;
  for (const auto& c : run.results) {
    peers.insert(c.peer_kinds.begin(), c.peer_kinds.end());
    behaviours.insert(c.behaviours.begin(), c.behaviours.end());
  }
  out += "<section id=\"cases\"><h2>Cases</h2>";
  if (run.results.empty()) {
    out += "<p class=\"empty\">This run contains no cases.</p></section>";
    return;
  }
  out += "<div class=\"filters\" id=\"filters\"><div class=\"status-filter\">";
  for (Status s : kAllStatuses) {
    if (run.count(s) == 0) continue;
    out += fmt::format(
        "<label class=\"sf {}\"><input type=\"checkbox\" value=\"{}\" checked> {} "
        "<span class=\"n\">{}</span></label>",
        status_token(s), status_name(s), status_name(s), run.count(s));
  }
  out +=
      "</div><select id=\"f-peer\" aria-label=\"Peer kind\"><option value=\"\">All peer kinds"
      "</option>";
  for (const auto& p : peers) out += fmt::format("<option>{}</option>", html(p));
  out +=
      "</select><select id=\"f-behaviour\" aria-label=\"Behaviour\"><option value=\"\">"
      "All behaviours</option>";
  std::vector<std::string> sorted(behaviours.begin(), behaviours.end());
  for (const auto& b : sorted) out += fmt::format("<option>{}</option>", html(b));
  out +=
      "</select><input id=\"f-text\" type=\"search\" placeholder=\"Search id, description, "
      "message…\" aria-label=\"Search\"><span id=\"f-count\" class=\"f-count\"></span></div>";

  out +=
      "<table class=\"cases\" id=\"case-table\"><thead><tr><th>Status</th><th>Case</th>"
      "<th>Peers</th><th>Behaviours</th><th class=\"num\">Duration</th></tr></thead><tbody>";
  for (std::size_t index : order) {
    const CaseResult& c = run.results[index];
    bool failing = fails_run(c.status);
    std::string note = failing || c.status == Status::kXfail ? c.message : c.description;
    if (note.empty()) note = failing ? c.description : c.message;
    std::string peer_chips;
    for (const auto& p : c.peer_kinds)
      peer_chips += fmt::format("<span class=\"chip\">{}</span>", html(p));
    std::string behaviour_chips;
    for (const auto& b : c.behaviours)
      behaviour_chips += fmt::format("<span class=\"chip b\">{}</span>", html(b));
    out += fmt::format(
        "<tr class=\"case-row {}\" data-case=\"{}\" data-id=\"{}\" data-status=\"{}\" "
        "data-peers=\"{}\" data-behaviours=\"{}\" tabindex=\"0\" aria-expanded=\"false\">"
        "<td>{}</td><td><div class=\"cid\">{}</div><div class=\"cnote\">{}</div></td>"
        "<td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
        status_token(c.status), index, html(c.id), status_name(c.status),
        html(join(c.peer_kinds, " ")), html(join(c.behaviours, " ")), status_badge(c.status),
        html(c.id), html(note), peer_chips, behaviour_chips,
        !c.duration_ms        ? std::string("–")
        : *c.duration_ms == 0 ? std::string("0 ms")
                              : html(format_duration_us(*c.duration_ms * 1000)));
  }
  out +=
      "</tbody></table><p class=\"empty\" id=\"no-match\" hidden>No case matches the "
      "filters.</p></section>";
}

void render_latency_section(const Run& run, std::string& out) {
  std::vector<LatencyMetric> metrics = run_latency(run);
  if (metrics.empty()) return;
  out +=
      "<section id=\"latency\"><h2>Latency</h2><p class=\"lead\">Measured from the wire on "
      "the side that originated each call; nearest-rank percentiles over the samples of "
      "every case.</p>";
  out += render_latency_block(metrics);
  std::vector<std::pair<std::int64_t, std::size_t>> slowest;
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    if (const auto* m = run.results[i].latency_metric("transit"); m != nullptr && m->count > 0) {
      slowest.emplace_back(m->p99, i);
    }
  }
  std::stable_sort(slowest.begin(), slowest.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (slowest.size() > 10) slowest.resize(10);
  if (!slowest.empty()) {
    out +=
        "<h3>Slowest cases by transit p99</h3><table class=\"slowest\"><thead><tr>"
        "<th>Case</th><th class=\"num\">Transit p50</th><th class=\"num\">Transit p99</th>"
        "<th class=\"num\">Post-dial delay p50</th><th class=\"num\">Setup time "
        "p50</th></tr></thead>"
        "<tbody>";
    for (const auto& [p99, index] : slowest) {
      const CaseResult& c = run.results[index];
      auto value = [&](std::string_view name, bool p50) {
        const auto* m = c.latency_metric(name);
        if (m == nullptr || m->count == 0) return std::string("–");
        return html(format_duration_us(p50 ? m->p50 : m->p99));
      };
      out += fmt::format(
          "<tr><td><a href=\"#case={}\"><code>{}</code></a></td><td class=\"num\">{}</td>"
          "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
          html(uri_component(c.id)), html(c.id), value("transit", true),
          html(format_duration_us(p99)), value("post_dial_delay", true), value("setup_time", true));
    }
    out += "</tbody></table>";
  }
  out += "</section>";
}

void render_media_section(const Run& run, std::string& out) {
  struct CodecTotals {
    std::size_t streams = 0;
    std::int64_t packets = 0;
    std::int64_t lost = 0;
    double max_jitter = 0;
  };
  std::map<std::string, CodecTotals> by_codec;
  for (const auto& c : run.results) {
    for (const auto& r : c.rtp) {
      auto& t = by_codec[r.codec.empty() ? std::string("unknown") : r.codec];
      ++t.streams;
      t.packets += r.packets;
      t.lost += r.lost;
      t.max_jitter = std::max(t.max_jitter, r.jitter_ms);
    }
  }
  if (by_codec.empty()) return;
  out +=
      "<section id=\"media\"><h2>Media</h2><table class=\"rtp-summary\"><thead><tr>"
      "<th>Codec</th><th class=\"num\">Streams</th><th class=\"num\">Packets</th>"
      "<th class=\"num\">Lost</th><th class=\"num\">Worst jitter</th></tr></thead><tbody>";
  for (const auto& [codec, t] : by_codec) {
    double loss = t.packets + t.lost == 0 ? 0.0
                                          : 100.0 * static_cast<double>(t.lost) /
                                                static_cast<double>(t.packets + t.lost);
    out += fmt::format(
        "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
        "<td class=\"num{}\">{} ({:.2f}%)</td><td class=\"num\">{:.2f} ms</td></tr>",
        html(codec), t.streams, t.packets, t.lost > 0 ? " bad" : "", t.lost, loss, t.max_jitter);
  }
  out += "</tbody></table></section>";
}

/// Cases in the order a reader needs them: what broke first, then the rest by id.
std::vector<std::size_t> attention_order(const Run& run) {
  std::vector<std::size_t> order(run.results.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ca = run.results[a];
    const auto& cb = run.results[b];
    int ra = attention_rank(ca.status), rb = attention_rank(cb.status);
    if (ra != rb) return ra < rb;
    return ca.id < cb.id;
  });
  return order;
}

}  // namespace

std::error_code render_html(const Run& run, const HtmlOptions& options, std::ostream& out) {
  PathRebase rebase{options.results_dir, options.output_dir};
  ConformanceMatrix matrix = build_matrix(run);
  Verdict verdict = verdict_of(run);
  std::string page;
  page.reserve(64 * 1024);
  page += fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"generator\" content=\"sipconf report\">"
      "<title>{} — {} — SIP conformance report</title><style>{}</style></head>"
      "<body data-verdict=\"{}\" data-cases=\"{}\">",
      verdict.word, html(run.run_info.sut.name.empty() ? "SUT" : run.run_info.sut.name),
      page_style(), verdict.token, run.results.size());
  render_header(run, matrix, rebase, page);
  page += "<nav class=\"sections\"><div class=\"wrap\">";
  if (options.baseline != nullptr) page += "<a href=\"#comparison\">Comparison</a>";
  bool has_latency = std::any_of(run.results.begin(), run.results.end(),
                                 [](const CaseResult& c) { return !c.latency.empty(); });
  bool has_media = std::any_of(run.results.begin(), run.results.end(),
                               [](const CaseResult& c) { return !c.rtp.empty(); });
  page += "<a href=\"#cases\">Cases</a><a href=\"#conformance\">Conformance</a>";
  if (has_latency) page += "<a href=\"#latency\">Latency</a>";
  if (has_media) page += "<a href=\"#media\">Media</a>";
  page += "</div></nav><main class=\"wrap\">";
  if (options.baseline != nullptr) {
    BaselineComparison comparison = compare_runs(*options.baseline, run, options.baseline_options);
    page += "<section id=\"comparison\"><h2>Comparison with the baseline</h2>";
    page += render_comparison(comparison, options.baseline_options);
    page += "</section>";
  }
  render_cases(run, attention_order(run), page);
  page +=
      "<section id=\"conformance\"><h2>Conformance</h2><label class=\"toggle\"><input "
      "type=\"checkbox\" id=\"only-covered\"> only behaviours with cases</label>";
  page += render_matrix(matrix);
  page += "</section>";
  render_latency_section(run, page);
  render_media_section(run, page);
  page += fmt::format(
      "</main><footer class=\"wrap\">Rendered by <code>sipconf report</code> from results.json "
      "(schema {}{}). Artifact links are relative to this file.</footer>"
      "<aside id=\"msg-panel\" class=\"msg-panel\" hidden aria-label=\"SIP message\">"
      "<div class=\"panel-bar\"><span id=\"panel-title\">Message</span>"
      "<button type=\"button\" id=\"panel-close\" aria-label=\"Close\">×</button></div>"
      "<div id=\"panel-body\" class=\"panel-body\"></div></aside>\n"
      "<template id=\"ladder-legend\">{}</template>\n",
      run.schema_version, run.tool.empty() ? std::string() : ", written by " + html(run.tool),
      render_ladder_legend());
  out << page;
  // One inert JSON block per case, parsed only when the case is opened.
  for (std::size_t i = 0; i < run.results.size(); ++i) {
    out << "<script type=\"application/json\" id=\"case-" << i << "\">"
        << script_json(case_payload(run.results[i], rebase)) << "</script>\n";
  }
  out << "<script>" << page_script() << "</script></body></html>\n";
  out.flush();
  if (!out) return ReportErrc::kWriteFailed;
  return {};
}

std::error_code render_html(const nlohmann::json& results, const HtmlOptions& options,
                            std::ostream& out, std::string& diagnostic) {
  Run run;
  if (auto ec = parse_run(results, run, diagnostic)) return ec;
  return render_html(run, options, out);
}

}  // namespace sipconf::reports
