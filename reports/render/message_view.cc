#include "reports/render/message_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "reports/model/time_format.h"
#include "reports/render/html_text.h"

namespace sipconf::reports {
namespace {

/// RFC 3261 section 7.3.3 compact forms, plus those of later extensions in common use.
constexpr std::pair<char, std::string_view> kCompactForms[] = {
    {'i', "Call-ID"},
    {'m', "Contact"},
    {'e', "Content-Encoding"},
    {'l', "Content-Length"},
    {'c', "Content-Type"},
    {'f', "From"},
    {'s', "Subject"},
    {'k', "Supported"},
    {'t', "To"},
    {'v', "Via"},
    {'o', "Event"},
    {'r', "Refer-To"},
    {'b', "Referred-By"},
    {'u', "Allow-Events"},
    {'x', "Session-Expires"},
    {'a', "Accept-Contact"},
    {'j', "Reject-Contact"},
    {'d', "Request-Disposition"},
    {'y', "Identity"},
};

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view long_name(std::string_view name) {
  if (name.size() == 1) {
    char c = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    for (const auto& [compact, full] : kCompactForms) {
      if (compact == c) return full;
    }
  }
  return name;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

bool wants(const std::vector<std::string>& highlights, std::string_view part) {
  return std::any_of(highlights.begin(), highlights.end(),
                     [&](const std::string& h) { return iequals(h, part); });
}

void append_marked(std::string& out, std::string_view text, std::string_view part) {
  out += fmt::format("<mark class=\"hl\" data-highlight=\"{}\">", html(part));
  append_html(out, text);
  out += "</mark>";
}

}  // namespace

bool same_header(std::string_view line_name, std::string_view wanted) {
  return iequals(long_name(trim(line_name)), long_name(trim(wanted)));
}

std::string render_message_text(std::string_view raw, const std::vector<std::string>& highlights) {
  std::vector<std::string_view> lines;
  for (std::size_t start = 0; start <= raw.size();) {
    std::size_t end = raw.find('\n', start);
    std::string_view line =
        raw.substr(start, end == std::string_view::npos ? raw.npos : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (lines.size() > 1 && lines.back().empty()) lines.pop_back();

  std::string out;
  out.reserve(raw.size() + raw.size() / 8);
  bool in_body = false;
  bool marking_header = false;  // The current header is marked (for folded lines).
  std::string_view header_name;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (i > 0) out += '\n';
    if (i == 0) {
      bool is_response = line.substr(0, 8) == "SIP/2.0 ";
      if (!is_response && wants(highlights, "Request-URI")) {
        auto first_space = line.find(' ');
        auto last_space = line.rfind(' ');
        if (first_space != line.npos && last_space > first_space) {
          append_html(out, line.substr(0, first_space + 1));
          append_marked(out, line.substr(first_space + 1, last_space - first_space - 1),
                        "Request-URI");
          append_html(out, line.substr(last_space));
          continue;
        }
      }
      if ((is_response && wants(highlights, "Status-Line")) ||
          (!is_response && wants(highlights, "Request-Line"))) {
        append_marked(out, line, is_response ? "Status-Line" : "Request-Line");
      } else {
        append_html(out, line);
      }
      continue;
    }
    if (in_body) {
      if (wants(highlights, "body")) {
        append_marked(out, line, "body");
      } else {
        append_html(out, line);
      }
      continue;
    }
    if (line.empty()) {
      in_body = true;
      continue;
    }
    bool folded = line.front() == ' ' || line.front() == '\t';
    if (!folded) {
      auto colon = line.find(':');
      header_name = colon == line.npos ? std::string_view{} : trim(line.substr(0, colon));
      marking_header = !header_name.empty() &&
                       std::any_of(highlights.begin(), highlights.end(), [&](const std::string& h) {
                         return same_header(header_name, h);
                       });
    }
    if (marking_header) {
      append_marked(out, line, header_name);
    } else {
      append_html(out, line);
    }
  }
  return out;
}

std::vector<std::string> highlights_for(const CaseResult& result, std::size_t index) {
  std::vector<std::string> parts;
  for (const auto& subtest : result.subtests) {
    if (subtest.status == Status::kFail && subtest.message_index == index &&
        !subtest.highlight.empty()) {
      parts.push_back(subtest.highlight);
    }
  }
  return parts;
}

std::string message_label(const Message& message) {
  if (!message.summary.empty()) return message.summary;
  if (message.is_request()) return message.method.empty() ? "request" : message.method;
  std::string label = message.status_code ? std::to_string(*message.status_code) : "response";
  if (!message.method.empty()) label += " (" + message.method + ")";
  return label;
}

std::string render_message_panel(const CaseResult& result, std::size_t index) {
  const Message& m = result.messages[index];
  std::int64_t delta = index == 0 ? 0 : m.t_us - result.messages[index - 1].t_us;
  std::string out = fmt::format(
      "<div class=\"msg-head\"><div class=\"msg-title\"><span class=\"msg-no\">#{}</span> "
      "<span class=\"msg-label {}\">{}</span></div><div class=\"msg-route\">"
      "<b>{}</b> → <b>{}</b>",
      index, m.is_request() ? "req" : "resp", html(message_label(m)), html(m.from), html(m.to));
  if (!m.leg.empty()) out += fmt::format(" · leg <b>{}</b>", html(m.leg));
  if (!m.transport.empty()) out += fmt::format(" · {}", html(m.transport));
  out += fmt::format(" · t = {} ({} after the previous message)", html(format_duration_us(m.t_us)),
                     html(format_delta_us(delta)));
  out += "</div>";
  if (m.retransmission) {
    out += "<div class=\"flag rtx\">Retransmission of an earlier message</div>";
  }
  if (m.unanswered) {
    out +=
        "<div class=\"flag lost\">Unanswered: this request's transaction never saw a final "
        "response</div>";
  }
  for (const auto& subtest : result.subtests) {
    if (subtest.status != Status::kFail || subtest.message_index != index) continue;
    out += fmt::format("<div class=\"flag fail\">Expectation <b>{}</b> failed: {}",
                       html(subtest.name), html(subtest.message));
    if (!subtest.expected.empty() || !subtest.actual.empty()) {
      out += fmt::format(" (expected <code>{}</code>, actual <code>{}</code>)",
                         html(subtest.expected), html(subtest.actual));
    }
    out += "</div>";
  }
  for (const auto& finding : result.findings) {
    if (finding.message_index != index) continue;
    out += fmt::format("<div class=\"flag finding\">{} <b>{}</b>: {}</div>",
                       html(finding.severity.empty() ? "finding" : finding.severity),
                       html(finding.rule), html(finding.message));
  }
  out += "</div>";
  out += fmt::format("<pre class=\"sip\">{}</pre>",
                     render_message_text(m.raw, highlights_for(result, index)));
  return out;
}

}  // namespace sipconf::reports
