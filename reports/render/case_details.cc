#include "reports/render/case_details.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "reports/model/time_format.h"
#include "reports/render/html_text.h"
#include "reports/render/ladder_svg.h"
#include "reports/render/latency_view.h"
#include "reports/render/message_view.h"

namespace sipconf::reports {
namespace {

std::string_view artifact_label(std::string_view kind) {
  if (kind == "pcap") return "Capture (pcap)";
  if (kind == "sut_log") return "SUT log";
  if (kind == "sut_config") return "SUT configuration";
  if (kind == "sipp_traces") return "SIPp trace";
  if (kind == "logs") return "Log";
  return kind;
}

std::string open_message_link(std::size_t index) {
  return fmt::format("<a class=\"open-msg\" href=\"#\" data-open-msg=\"{}\">message #{}</a>", index,
                     index);
}

void render_outcome(const CaseResult& c, std::string& out) {
  out += fmt::format("<div class=\"outcome {}\">{}<span class=\"outcome-text\">{}</span></div>",
                     status_token(c.status), status_badge(c.status),
                     html(c.message.empty() ? std::string(status_name(c.status)) : c.message));
  if (!c.description.empty())
    out += fmt::format("<p class=\"case-desc\">{}</p>", html(c.description));
  out += "<dl class=\"facts\">";
  if (!c.path.empty())
    out += fmt::format("<div><dt>Case</dt><dd><code>{}</code></dd></div>", html(c.path));
  if (c.expected == Status::kFail) {
    out += "<div><dt>Expected</dt><dd>to fail (known issue)</dd></div>";
  }
  if (c.duration_ms) {
    out += fmt::format("<div><dt>Duration</dt><dd>{}</dd></div>",
                       html(format_duration_us(*c.duration_ms * 1000)));
  }
  for (const auto& count : c.counts) {
    std::string name = count.name;
    for (char& ch : name) {
      if (ch == '_') ch = ' ';
    }
    out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", html(name), count.value);
  }
  out += "</dl>";
}

void render_failure_card(const CaseResult& c, const Subtest& s, std::string& out) {
  out += fmt::format(
      "<div class=\"failure-card\" data-subtest=\"{}\"><div class=\"fc-head\">"
      "{}<b>{}</b>",
      html(s.name), status_badge(s.status), html(s.name));
  if (!s.kind.empty()) out += fmt::format(" <span class=\"chip\">{}</span>", html(s.kind));
  if (!s.leg.empty()) out += fmt::format(" <span class=\"chip\">leg {}</span>", html(s.leg));
  out += fmt::format("</div><p class=\"fc-msg\">{}</p>", html(s.message));
  if (!s.expected.empty() || !s.actual.empty()) {
    out += fmt::format(
        "<div class=\"expect\"><div class=\"exp\"><span>Expected</span><code>{}</code></div>"
        "<div class=\"act\"><span>Actual</span><code>{}</code></div></div>",
        html(s.expected), html(s.actual));
  }
  if (s.message_index) {
    const Message& m = c.messages[*s.message_index];
    out += fmt::format(
        "<div class=\"offending\"><div class=\"off-head\">Offending {} — {} → {}{}</div>"
        "<pre class=\"sip\">{}</pre></div>",
        open_message_link(*s.message_index), html(m.from), html(m.to),
        s.highlight.empty()
            ? std::string()
            : fmt::format(", <mark class=\"hl\">{}</mark> highlighted", html(s.highlight)),
        render_message_text(m.raw, highlights_for(c, *s.message_index)));
  }
  out += "</div>";
}

void render_expectations(const CaseResult& c, std::string& out) {
  if (c.subtests.empty()) return;
  std::size_t failing = 0;
  for (const auto& s : c.subtests) {
    if (s.status != Status::kPass) ++failing;
  }
  out += fmt::format("<h4>Expectations <span class=\"count\">{} of {} met</span></h4>",
                     c.subtests.size() - failing, c.subtests.size());
  for (const auto& s : c.subtests) {
    if (s.status != Status::kPass) render_failure_card(c, s, out);
  }
  out +=
      "<table class=\"subtests\"><thead><tr><th>Verdict</th><th>Expectation</th>"
      "<th>Kind</th><th>Leg</th><th>Detail</th></tr></thead><tbody>";
  for (int pass = 0; pass < 2; ++pass) {
    for (const auto& s : c.subtests) {
      if ((s.status == Status::kPass) != (pass == 1)) continue;
      out += fmt::format(
          "<tr class=\"{}\"><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}",
          status_token(s.status), status_badge(s.status), html(s.name), html(s.kind), html(s.leg),
          html(s.message));
      if (s.message_index) out += " · " + open_message_link(*s.message_index);
      out += "</td></tr>";
    }
  }
  out += "</tbody></table>";
}

void render_findings(const CaseResult& c, std::string& out) {
  if (c.findings.empty()) return;
  out += fmt::format("<h4>Findings on the wire <span class=\"count\">{}</span></h4>",
                     c.findings.size());
  out +=
      "<table class=\"findings\"><thead><tr><th>Severity</th><th>Rule</th><th>Finding</th>"
      "<th>Message</th></tr></thead><tbody>";
  for (const auto& f : c.findings) {
    out += fmt::format(
        "<tr><td><span class=\"sev {0}\">{0}</span></td><td><code>{1}</code></td>"
        "<td>{2}</td><td>{3}</td></tr>",
        html(f.severity), html(f.rule), html(f.message),
        f.message_index ? open_message_link(*f.message_index) : "");
  }
  out += "</tbody></table>";
}

void render_rtp(const CaseResult& c, std::string& out) {
  if (c.rtp.empty()) return;
  out +=
      "<h4>Media (RTP)</h4><table class=\"rtp\"><thead><tr><th>Leg</th><th>SSRC</th>"
      "<th>From → To</th><th>Codec</th><th class=\"num\">Packets</th>"
      "<th class=\"num\">Lost</th><th class=\"num\">Jitter</th><th class=\"num\">First packet"
      "</th><th class=\"num\">Duration</th></tr></thead><tbody>";
  for (const auto& r : c.rtp) {
    double loss = r.packets + r.lost == 0 ? 0.0
                                          : 100.0 * static_cast<double>(r.lost) /
                                                static_cast<double>(r.packets + r.lost);
    std::string codec = r.codec;
    if (r.payload_type) codec += fmt::format(" ({})", *r.payload_type);
    out += fmt::format(
        "<tr><td>{}</td><td><code>{}</code></td><td><code>{}</code> → <code>{}</code></td>"
        "<td>{}</td><td class=\"num\">{}</td><td class=\"num{}\">{} ({:.1f}%)</td>"
        "<td class=\"num\">{:.2f} ms</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
        html(r.leg), html(r.ssrc), html(r.from), html(r.to), html(codec), r.packets,
        r.lost > 0 ? " bad" : "", r.lost, loss, r.jitter_ms,
        html(format_duration_us(r.first_packet_us)),
        html(format_duration_us(r.duration_ms * 1000)));
  }
  out += "</tbody></table>";
}

void render_topology(const CaseResult& c, std::string& out) {
  if (c.endpoints.empty()) return;
  out +=
      "<h4>Endpoints</h4><table class=\"endpoints\"><thead><tr><th>Name</th><th>Role</th>"
      "<th>Address</th><th>Transport</th><th>Driver</th><th>Leg</th></tr></thead><tbody>";
  for (const auto& e : c.endpoints) {
    std::string legs;
    for (const auto& leg : c.legs) {
      for (const auto& name : leg.endpoints) {
        if (name != e.name) continue;
        if (!legs.empty()) legs += ", ";
        legs += leg.name;
        if (!leg.call_ids.empty()) {
          legs += " (Call-ID";
          for (const auto& id : leg.call_ids) legs += " " + id;
          legs += ")";
        }
      }
    }
    std::string role = e.is_sut() ? "SUT " + e.interface : e.role;
    out += fmt::format(
        "<tr><td><b>{}</b></td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td>"
        "<td>{}</td></tr>",
        html(e.name), html(role), html(e.address), html(e.transport), html(e.driver), html(legs));
  }
  out += "</tbody></table>";
}

void render_artifacts(const CaseResult& c, const PathRebase& rebase, std::string& out) {
  if (c.artifacts.empty()) return;
  out += "<h4>Artifacts</h4><ul class=\"artifacts\">";
  for (const auto& a : c.artifacts) {
    std::string path = rebase(a.path);
    out += fmt::format("<li><span class=\"art-kind\">{}</span> <a href=\"{}\">{}</a></li>",
                       html(artifact_label(a.kind)), html(href_for_path(path)), html(path));
  }
  out += "</ul>";
}

}  // namespace

std::string status_badge(Status status) {
  return fmt::format("<span class=\"badge {}\">{}</span>", status_token(status),
                     status_name(status));
}

std::string render_case_details(const CaseResult& c, const PathRebase& rebase) {
  std::string out = "<div class=\"case-body\">";
  render_outcome(c, out);
  render_expectations(c, out);
  if (!c.messages.empty()) {
    out +=
        fmt::format("<h4>Ladder <span class=\"count\">{} messages</span></h4>", c.messages.size());
    out += "<div class=\"legend-slot\"></div>";  // The page fills in its one legend.
    out += "<div class=\"ladder-wrap\">" + render_ladder_svg(c) + "</div>";
  }
  render_findings(c, out);
  if (!c.latency.empty()) out += "<h4>Latency</h4>" + render_latency_block(c.latency);
  render_rtp(c, out);
  render_topology(c, out);
  render_artifacts(c, rebase, out);
  out += "</div>";
  return out;
}

nlohmann::json case_payload(const CaseResult& c, const PathRebase& rebase) {
  nlohmann::json payload;
  payload["details"] = render_case_details(c, rebase);
  auto& messages = payload["messages"] = nlohmann::json::array();
  for (std::size_t i = 0; i < c.messages.size(); ++i) {
    messages.push_back(render_message_panel(c, i));
  }
  return payload;
}

}  // namespace sipconf::reports
