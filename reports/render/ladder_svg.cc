#include "reports/render/ladder_svg.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "reports/model/time_format.h"
#include "reports/render/html_text.h"
#include "reports/render/message_view.h"

namespace sipconf::reports {
namespace {

constexpr int kGutter = 172;    // Time column at the left.
constexpr int kTimeRight = 80;  // Right edge of the absolute time text.
constexpr int kColumnWidth = 180;
constexpr int kHeaderHeight = 64;
constexpr int kRowHeight = 30;
constexpr int kMargin = 12;
constexpr double kCharWidth = 6.6;  // Average advance of the 12px label font.

std::size_t column_of(std::vector<LadderColumn>& columns, const std::string& name) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  columns.push_back({name, "unknown", "not an endpoint", "", false});
  return columns.size() - 1;
}

ArrowStyle style_of(const Message& m) {
  if (m.retransmission) return ArrowStyle::kRetransmission;
  if (m.is_request()) return m.unanswered ? ArrowStyle::kUnanswered : ArrowStyle::kRequest;
  int code = m.status_code.value_or(0);
  if (code < 200) return ArrowStyle::kProvisional;
  if (code < 300) return ArrowStyle::kSuccess;
  return ArrowStyle::kFailure;
}

int column_x(std::size_t column) {
  return kGutter + static_cast<int>(column) * kColumnWidth + kColumnWidth / 2;
}

/// The arrow body and head from x1 to x2 at y; a loop for a message to itself.
std::string arrow_shape(int x1, int x2, int y, bool dashed) {
  std::string stroke = dashed ? " stroke-dasharray=\"6 4\"" : "";
  if (x1 == x2) {
    return fmt::format(
        "<path class=\"shaft\" fill=\"none\" d=\"M{0},{1}h34v10h-30\"{2}/>"
        "<path class=\"head\" d=\"M{0},{3}l8,-4v8z\"/>",
        x1, y - 6, stroke, y + 4);
  }
  int dir = x2 > x1 ? 1 : -1;
  int tip = x2 - dir * 2;
  return fmt::format(
      "<line class=\"shaft\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}/>"
      "<path class=\"head\" d=\"M{},{}l{},-4.5v9z\"/>",
      x1 + dir * 2, y, tip - dir * 8, y, stroke, tip, y, -dir * 10);
}

}  // namespace

std::string_view arrow_class(ArrowStyle style) {
  switch (style) {
    case ArrowStyle::kRequest:
      return "req";
    case ArrowStyle::kProvisional:
      return "prov";
    case ArrowStyle::kSuccess:
      return "ok";
    case ArrowStyle::kFailure:
      return "err";
    case ArrowStyle::kRetransmission:
      return "rtx";
    case ArrowStyle::kUnanswered:
      return "lost";
  }
  return "req";
}

Ladder layout_ladder(const CaseResult& result) {
  Ladder ladder;
  for (const auto& e : result.endpoints) {
    std::string detail = e.is_sut() ? (e.interface.empty() ? "SUT" : "SUT " + e.interface) : e.role;
    std::string address = e.address;
    if (!e.transport.empty()) address += address.empty() ? e.transport : " · " + e.transport;
    ladder.columns.push_back({e.name, e.role, detail, address, e.is_sut()});
  }
  std::vector<bool> offending(result.messages.size(), false);
  for (const auto& s : result.subtests) {
    if (s.status == Status::kFail && s.message_index) offending[*s.message_index] = true;
  }
  for (const auto& f : result.findings) {
    if (f.message_index) offending[*f.message_index] = true;
  }
  for (std::size_t i = 0; i < result.messages.size(); ++i) {
    const Message& m = result.messages[i];
    LadderArrow arrow;
    arrow.message = i;
    arrow.from = column_of(ladder.columns, m.from);
    arrow.to = column_of(ladder.columns, m.to);
    arrow.style = style_of(m);
    arrow.offending = offending[i];
    ladder.arrows.push_back(arrow);
  }
  return ladder;
}

std::string render_ladder_svg(const CaseResult& result) {
  Ladder ladder = layout_ladder(result);
  if (ladder.columns.empty()) return "<p class=\"empty\">No endpoints and no messages.</p>";
  int width = kGutter + static_cast<int>(ladder.columns.size()) * kColumnWidth + kMargin;
  int body_top = kHeaderHeight + 18;
  int height = body_top + static_cast<int>(ladder.arrows.size()) * kRowHeight + kMargin;
  std::string out = fmt::format(
      "<svg class=\"ladder\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" data-arrows=\"{2}\" role=\"img\">"
      "<title>Message sequence of {3}</title>",
      width, height, ladder.arrows.size(), html(result.id));

  // SUT interfaces that sit next to each other share one box: the B2BUA.
  for (std::size_t i = 0; i < ladder.columns.size();) {
    if (!ladder.columns[i].sut) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < ladder.columns.size() && ladder.columns[end].sut) ++end;
    int x = kGutter + static_cast<int>(i) * kColumnWidth + 6;
    int w = static_cast<int>(end - i) * kColumnWidth - 12;
    out += fmt::format(
        "<rect class=\"sut-box\" x=\"{}\" y=\"2\" width=\"{}\" height=\"{}\" rx=\"8\"/>"
        "<text class=\"sut-tag\" x=\"{}\" y=\"{}\">SUT</text>",
        x, w, height - 4, x + w / 2, height - 8);
    i = end;
  }
  for (std::size_t c = 0; c < ladder.columns.size(); ++c) {
    const LadderColumn& col = ladder.columns[c];
    int x = column_x(c);
    std::size_t fit = static_cast<std::size_t>((kColumnWidth - 12) / kCharWidth);
    out += fmt::format(
        "<g class=\"col{}\"><text class=\"col-name\" x=\"{}\" y=\"22\">{}</text>"
        "<text class=\"col-role\" x=\"{}\" y=\"38\">{}</text>"
        "<text class=\"col-addr\" x=\"{}\" y=\"53\">{}</text>"
        "<line class=\"lifeline\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/></g>",
        col.sut ? " sut" : (col.role == "unknown" ? " unknown" : ""), x,
        html(truncate_text(col.name, fit - 4)), x, html(truncate_text(col.detail, fit)), x,
        html(truncate_text(col.address, fit + 2)), x, kHeaderHeight, x, height - kMargin - 10);
  }
  out += fmt::format(
      "<text class=\"gutter-head\" x=\"{}\" y=\"{}\">time</text>"
      "<text class=\"gutter-head\" x=\"{}\" y=\"{}\">Δ</text>",
      kTimeRight, kHeaderHeight + 8, kGutter - 12, kHeaderHeight + 8);

  std::int64_t previous_t = result.messages.empty() ? 0 : result.messages.front().t_us;
  for (const LadderArrow& arrow : ladder.arrows) {
    const Message& m = result.messages[arrow.message];
    int y = body_top + static_cast<int>(arrow.message) * kRowHeight + kRowHeight / 2 + 4;
    int x1 = column_x(arrow.from);
    int x2 = column_x(arrow.to);
    std::int64_t delta = m.t_us - previous_t;
    previous_t = m.t_us;
    std::string cls = std::string(arrow_class(arrow.style));
    if (arrow.offending) cls += " offending";
    std::string label = message_label(m);
    std::string suffix;
    if (arrow.style == ArrowStyle::kRetransmission) suffix = " ↻";
    if (m.unanswered) suffix += " ✕";
    int span = std::max(std::abs(x2 - x1), kColumnWidth) - 16;
    auto fit = static_cast<std::size_t>(span / kCharWidth);
    std::string shown =
        truncate_text(label, fit > text_width(suffix) + 4 ? fit - text_width(suffix) : 4) + suffix;
    std::string tooltip = fmt::format("#{} {} → {} at {}: {}", arrow.message, m.from, m.to,
                                      format_duration_us(m.t_us), label);
    if (m.retransmission) tooltip += " (retransmission)";
    if (m.unanswered) tooltip += " (no final response)";
    int row_top = y - kRowHeight / 2 - 4;
    out += fmt::format(
        "<g class=\"arrow {}\" data-msg=\"{}\" tabindex=\"0\" role=\"button\">"
        "<title>{}</title>"
        "<rect class=\"hit\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
        cls, arrow.message, html(tooltip), row_top, width, kRowHeight);
    if (arrow.offending) {
      out += fmt::format(
          "<circle class=\"flag-dot\" cx=\"14\" cy=\"{}\" r=\"7\"/>"
          "<text class=\"badge-mark\" x=\"14\" y=\"{}\">!</text>",
          y - 4, y);
    }
    out += fmt::format(
        "<text class=\"t-abs\" x=\"{5}\" y=\"{0}\">{1}</text>"
        "<text class=\"t-delta{2}\" x=\"{3}\" y=\"{0}\">{4}</text>",
        y, html(format_duration_us(m.t_us)), delta >= 1000000 ? " long" : "", kGutter - 12,
        html(arrow.message == 0 ? std::string("0") : format_delta_us(delta)), kTimeRight);
    out += arrow_shape(x1, x2, y, arrow.style == ArrowStyle::kRetransmission);
    int label_x = x1 == x2 ? x1 + 40 : (x1 + x2) / 2;
    out += fmt::format("<text class=\"label{}\" x=\"{}\" y=\"{}\">{}</text>",
                       x1 == x2 ? " loop" : "", label_x, y - 6, html(shown));
    if (m.unanswered) {
      out += fmt::format(
          "<text class=\"lost-mark\" x=\"{}\" y=\"{}\">"
          "no final response</text>",
          (x1 + x2) / 2, y + 12);
    }
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

std::string render_ladder_legend() {
  struct Entry {
    ArrowStyle style;
    const char* text;
  };
  constexpr Entry kEntries[] = {
      {ArrowStyle::kRequest, "request"},
      {ArrowStyle::kProvisional, "provisional (1xx)"},
      {ArrowStyle::kSuccess, "success (2xx)"},
      {ArrowStyle::kFailure, "failure (3xx–6xx)"},
      {ArrowStyle::kRetransmission, "retransmission ↻"},
      {ArrowStyle::kUnanswered, "unanswered request ✕"},
  };
  std::string out = "<div class=\"legend\">";
  for (const auto& entry : kEntries) {
    out += fmt::format(
        "<span class=\"legend-item\"><svg class=\"swatch\" width=\"34\" height=\"10\" "
        "viewBox=\"0 0 34 10\"><g class=\"arrow {}\">{}</g></svg>{}</span>",
        arrow_class(entry.style), arrow_shape(0, 34, 5, entry.style == ArrowStyle::kRetransmission),
        entry.text);
  }
  out +=
      "<span class=\"legend-item\"><span class=\"badge-key\">!</span>offending message "
      "(failing expectation or finding)</span>";
  out += "<span class=\"legend-item hint\">Click an arrow to see the whole message.</span>";
  out += "</div>";
  return out;
}

}  // namespace sipconf::reports
