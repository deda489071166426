#include "sip/message/message_parser.h"

#include <algorithm>
#include <cstring>

#include "sip/base/lexer.h"
#include "sip/message/cseq.h"
#include "sip/message/header_validation.h"
#include "sip/message/scalar_header.h"
#include "sip/message/status_codes.h"

namespace sipconf::sip {
namespace {

struct Line {
  std::size_t begin = 0;
  std::size_t end = 0;   // end of content (before CR LF)
  std::size_t next = 0;  // start of the following line
  bool terminated = false;
  bool bare_lf = false;
};

Line read_line(std::string_view s, std::size_t pos) {
  Line l;
  l.begin = pos;
  const void* nl = pos < s.size() ? std::memchr(s.data() + pos, '\n', s.size() - pos) : nullptr;
  if (nl == nullptr) {
    l.end = l.next = s.size();
    return l;
  }
  std::size_t i = static_cast<std::size_t>(static_cast<const char*>(nl) - s.data());
  l.terminated = true;
  l.next = i + 1;
  if (i > pos && s[i - 1] == '\r') {
    l.end = i - 1;
  } else {
    l.end = i;
    l.bare_lf = true;
  }
  return l;
}

// "SIP/" 1*DIGIT "." 1*DIGIT, "SIP" case-insensitively.
bool is_version_syntax(std::string_view v) {
  if (v.size() < 7 || !iequals(v.substr(0, 4), "SIP/")) return false;
  std::size_t dot = v.find('.', 4);
  if (dot == std::string_view::npos || dot == 4 || dot + 1 == v.size()) return false;
  for (std::size_t i = 4; i < v.size(); ++i) {
    if (i != dot && !lex::is_digit(v[i])) return false;
  }
  return true;
}

bool is_version_2_0(std::string_view v) { return v.size() == 7 && v.substr(3) == "/2.0"; }

}  // namespace

/// The parser proper; a friend of Message so that it can fill the spans in place.
class MessageParserImpl {
 public:
  MessageParserImpl(std::string&& bytes, const ParseOptions& options) : options_(options) {
    m_.text_ = std::move(bytes);
    m_.version_ = {};
    m_.fields_.reserve(32);
  }

  ParseResult run();

 private:
  using Span = Message::Span;
  Span span(std::size_t b, std::size_t e) const {
    return {static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e - b)};
  }
  bool rejects(Severity sev) const {
    return sev == Severity::fatal ||
           (sev == Severity::tolerated && options_.mode == ParseMode::strict);
  }
  // Records a violation; returns true when parsing may repair it and go on.
  bool add(ParseError code, Severity sev, std::size_t offset, std::string_view header,
           std::string detail);
  void absorb(Diagnostics& d, std::size_t fallback_offset, std::string_view header);
  void parse_start_line(const Line& line);
  void parse_status_line(std::string_view line, std::size_t b);
  void parse_request_line(std::string_view line, std::size_t b);
  bool parse_headers(std::size_t& pos);
  void trim_values();
  void frame_body(std::size_t body_start);
  void validate_headers();
  void check_cseq_method();
  void apply_repairs();
  std::string_view header_name(std::size_t index) const;

  struct PendingRepair {
    std::size_t index;
    Repair repair;
    std::string text;
  };

  ParseOptions options_;
  Message m_;
  std::string_view s_;
  ParseResult result_;
  bool bare_lf_reported_ = false;
  std::optional<std::string> new_request_uri_;
  bool rebuild_start_line_ = false;
  bool reset_reason_ = false;
  std::size_t first_error_offset_ = 0;
  std::vector<PendingRepair> repairs_;
};

bool MessageParserImpl::add(ParseError code, Severity sev, std::size_t offset,
                            std::string_view header, std::string detail) {
  if (rejects(sev) && (!result_.error || offset < first_error_offset_)) {
    result_.error = make_error_code(code);
    first_error_offset_ = offset;
  }
  if (result_.violations.size() < options_.max_violations) {
    Violation v;
    v.code = code;
    v.severity = sev;
    v.header = header;
    v.offset = offset;
    v.detail = std::move(detail);
    result_.violations.push_back(std::move(v));
  } else {
    ++result_.violations_dropped;
  }
  return !rejects(sev);
}

void MessageParserImpl::absorb(Diagnostics& d, std::size_t fallback_offset,
                               std::string_view header) {
  for (auto& v : d.take_violations()) {
    std::size_t offset = v.offset == 0 ? fallback_offset : v.offset;
    add(static_cast<ParseError>(v.code.value()), v.severity, offset, header, std::move(v.detail));
  }
}

void MessageParserImpl::parse_start_line(const Line& line) {
  m_.start_raw_ = span(line.begin, line.next);
  std::string_view text = s_.substr(line.begin, line.end - line.begin);
  if (text.size() >= 4 && iequals(text.substr(0, 4), "SIP/")) {
    result_.request = false;
    parse_status_line(text, line.begin);
  } else {
    parse_request_line(text, line.begin);
  }
}

void MessageParserImpl::parse_status_line(std::string_view line, std::size_t b) {
  m_.request_ = false;
  std::size_t sp = line.find(' ');
  std::string_view version = line.substr(0, sp);
  m_.version_ = span(b, b + version.size());
  if (!is_version_syntax(version)) {
    add(ParseError::status_line_malformed, Severity::fatal, b, {}, "malformed SIP-Version");
    return;
  }
  if (!is_version_2_0(version)) {
    add(ParseError::version_not_supported, Severity::fatal, b, {}, std::string(version));
  }
  if (sp == std::string_view::npos) {
    add(ParseError::status_line_malformed, Severity::fatal, b + line.size(), {}, "no status code");
    return;
  }
  std::size_t p = sp + 1;
  if (p < line.size() && lex::is_wsp(line[p])) {
    if (add(ParseError::status_line_malformed, Severity::tolerated, b + p, {},
            "extra whitespace before the status code")) {
      rebuild_start_line_ = true;
    }
    while (p < line.size() && lex::is_wsp(line[p])) ++p;
  }
  std::size_t digits = p;
  while (p < line.size() && lex::is_digit(line[p])) ++p;
  std::string_view code = line.substr(digits, p - digits);
  if (code.size() != 3 || code[0] < '1' || code[0] > '6') {
    add(ParseError::status_code_invalid, Severity::fatal, b + digits, {},
        "status code '" + std::string(code) + "'");
    return;
  }
  m_.status_ = (code[0] - '0') * 100 + (code[1] - '0') * 10 + (code[2] - '0');
  if (p == line.size()) {
    if (add(ParseError::status_line_malformed, Severity::tolerated, b + p, {},
            "no SP after the status code")) {
      rebuild_start_line_ = true;
    }
    m_.reason_ = span(b + p, b + p);
    return;
  }
  if (line[p] != ' ') {
    add(ParseError::status_code_invalid, Severity::fatal, b + digits, {},
        "status code followed by '" + std::string(1, line[p]) + "'");
    return;
  }
  std::string_view reason = line.substr(p + 1);
  m_.reason_ = span(b + p + 1, b + line.size());
  for (std::size_t i = 0; i < reason.size(); ++i) {
    if (lex::is_ctl(reason[i])) {
      if (add(ParseError::status_line_malformed, Severity::tolerated, b + p + 1 + i, {},
              "control character in the reason phrase")) {
        reset_reason_ = true;
        rebuild_start_line_ = true;
      }
      break;
    }
  }
}

void MessageParserImpl::parse_request_line(std::string_view line, std::size_t b) {
  m_.request_ = true;
  std::size_t p = 0;
  std::string_view method = lex::scan_token(line, p);
  if (method.empty()) {
    add(ParseError::start_line_malformed, Severity::fatal, b, {}, "no method");
    return;
  }
  m_.method_ = span(b, b + method.size());
  if (p < line.size() && !lex::is_wsp(line[p])) {
    add(ParseError::method_invalid, Severity::fatal, b + p, {},
        "'" + std::string(1, line[p]) + "' in method");
    return;
  }
  std::size_t ws = p;
  while (p < line.size() && lex::is_wsp(line[p])) ++p;
  if (p == line.size()) {
    add(ParseError::start_line_malformed, Severity::fatal, b + p, {}, "no Request-URI");
    return;
  }
  if (p - ws != 1 || line[ws] != ' ') {
    if (add(ParseError::request_line_extra_whitespace, Severity::tolerated, b + ws, {},
            "more than one SP after the method")) {
      rebuild_start_line_ = true;
    }
  }
  std::size_t end = line.size();
  while (end > p && lex::is_wsp(line[end - 1])) --end;
  if (end != line.size()) {
    if (add(ParseError::request_line_extra_whitespace, Severity::tolerated, b + end, {},
            "whitespace at the end of the request line")) {
      rebuild_start_line_ = true;
    }
  }
  std::size_t last_ws = line.find_last_of(" \t", end - 1);
  if (last_ws == std::string_view::npos || last_ws < p) {
    add(ParseError::start_line_malformed, Severity::fatal, b + end, {}, "no SIP-Version");
    return;
  }
  std::string_view version = line.substr(last_ws + 1, end - last_ws - 1);
  m_.version_ = span(b + last_ws + 1, b + end);
  std::size_t uri_end = last_ws;
  while (uri_end > p && lex::is_wsp(line[uri_end - 1])) --uri_end;
  if (uri_end != last_ws) {
    if (add(ParseError::request_line_extra_whitespace, Severity::tolerated, b + uri_end, {},
            "more than one SP before the SIP-Version")) {
      rebuild_start_line_ = true;
    }
  }
  if (!is_version_syntax(version)) {
    add(ParseError::version_malformed, Severity::fatal, b + last_ws + 1, {},
        "'" + std::string(version) + "' is not a SIP-Version");
    return;
  }
  if (!is_version_2_0(version)) {
    add(ParseError::version_not_supported, Severity::fatal, b + last_ws + 1, {},
        std::string(version));
  }
  std::string_view uri_text = line.substr(p, uri_end - p);
  m_.uri_ = span(b + p, b + uri_end);
  std::string clean(uri_text);
  bool rewrite_uri = false;
  if (clean.size() >= 2 && clean.front() == '<' && clean.back() == '>') {
    if (!add(ParseError::request_uri_bracketed, Severity::tolerated, b + p, {},
             "Request-URI in <>")) {
      return;
    }
    clean = clean.substr(1, clean.size() - 2);
    rewrite_uri = true;
  }
  if (lex::has_whitespace(clean)) {
    if (!add(ParseError::request_uri_has_lws, Severity::tolerated, b + p, {},
             "whitespace inside the Request-URI")) {
      return;
    }
    std::erase_if(clean, [](char c) { return lex::is_wsp(c); });
    rewrite_uri = true;
  }
  Diagnostics d(options_.mode, s_);
  auto uri = Uri::parse(rewrite_uri ? std::string_view(clean) : uri_text, &d);
  if (!uri) {
    std::string detail = "Request-URI";
    for (const auto& v : d.violations()) {
      if (v.severity == Severity::fatal || d.mode() == ParseMode::strict) {
        detail = v.detail;
        break;
      }
    }
    add(ParseError::request_uri_malformed, Severity::fatal, b + p, {}, detail);
    return;
  }
  absorb(d, b + p, {});
  rewrite_uri = rewrite_uri || d.needs_rewrite();
  if (uri->is_sip_or_sips() && !uri->headers().empty()) {
    if (!add(ParseError::request_uri_has_headers, Severity::tolerated, b + p, {},
             "headers in the Request-URI are ignored")) {
      return;
    }
    uri->headers().clear();
    rewrite_uri = true;
  }
  if (rewrite_uri) new_request_uri_ = uri->to_string();
}

bool MessageParserImpl::parse_headers(std::size_t& pos) {
  Message::Field* current = nullptr;
  while (pos < s_.size()) {
    Line line = read_line(s_, pos);
    if (line.bare_lf && !bare_lf_reported_) {
      bare_lf_reported_ = true;
      add(ParseError::bare_line_feed, Severity::tolerated, line.end, {}, "LF without CR");
    }
    if (line.end == line.begin) {
      pos = line.next;
      return line.terminated;
    }
    if (lex::is_wsp(s_[line.begin])) {
      if (current == nullptr) {
        add(ParseError::header_line_malformed, Severity::fatal, line.begin, {},
            "continuation line without a header");
      } else {
        current->value.size = static_cast<std::uint32_t>(line.end - current->value.offset);
        current->raw.size = static_cast<std::uint32_t>(line.next - current->raw.offset);
      }
      pos = line.next;
      continue;
    }
    std::size_t p = line.begin;
    std::string_view name = lex::scan_token(s_.substr(0, line.end), p);
    std::size_t name_end = p;
    while (p < line.end && lex::is_wsp(s_[p])) ++p;
    current = nullptr;
    if (name.empty() || p >= line.end || s_[p] != ':') {
      bool no_colon = s_.substr(line.begin, line.end - line.begin).find(':') == std::string::npos;
      add(no_colon ? ParseError::header_line_malformed : ParseError::header_name_invalid,
          Severity::tolerated, line.begin, {},
          no_colon ? "'" +
                         std::string(s_.substr(line.begin,
                                               std::min<std::size_t>(line.end - line.begin, 40))) +
                         "' has no colon"
                   : "header name is not a token");
      pos = line.next;
      continue;
    }
    ++p;
    while (p < line.end && lex::is_wsp(s_[p])) ++p;
    Message::Field f;
    f.id = lookup_header(name);
    f.name = span(line.begin, name_end);
    f.value = span(p, line.end);
    f.raw = span(line.begin, line.next);
    m_.fields_.push_back(f);
    current = &m_.fields_.back();
    pos = line.next;
  }
  return false;
}

void MessageParserImpl::trim_values() {
  for (auto& f : m_.fields_) {
    std::string_view v = lex::trim_lws(m_.view(f.value));
    f.value = span(static_cast<std::size_t>(v.data() - s_.data()),
                   static_cast<std::size_t>(v.data() - s_.data()) + v.size());
  }
}

std::string_view MessageParserImpl::header_name(std::size_t index) const {
  const auto& f = m_.fields_[index];
  return f.id == HeaderId::unknown ? m_.view(f.name) : canonical_name(f.id);
}

void MessageParserImpl::frame_body(std::size_t body_start) {
  std::optional<std::uint64_t> length;
  bool conflict = false;
  for (std::size_t i = m_.find(HeaderId::content_length); i < m_.fields_.size();
       i = m_.find(HeaderId::content_length, i + 1)) {
    std::string_view value = m_.view(m_.fields_[i].value);
    auto n = parse_content_length(value);
    if (!n) {
      add(ParseError::content_length_invalid, Severity::fatal, m_.fields_[i].value.offset,
          "Content-Length", "'" + std::string(value) + "'");
      conflict = true;
      continue;
    }
    if (!length) {
      length = *n;
    } else if (*length != *n) {
      add(ParseError::content_length_conflict, Severity::fatal, m_.fields_[i].value.offset,
          "Content-Length", std::to_string(*length) + " and " + std::to_string(*n));
      conflict = true;
    } else if (add(ParseError::content_length_duplicated, Severity::tolerated,
                   m_.fields_[i].value.offset, "Content-Length", "repeated")) {
      repairs_.push_back({i, Repair::remove, {}});
    }
  }
  std::size_t available = s_.size() - body_start;
  if (!length || conflict) {
    if (!length && !conflict) {
      add(ParseError::content_length_missing,
          options_.framing == Framing::stream ? Severity::fatal : Severity::accepted, body_start,
          "Content-Length", "body runs to the end of the datagram");
    }
    m_.body_ = span(body_start, s_.size());
    return;
  }
  if (*length > available) {
    add(ParseError::content_length_exceeds_message, Severity::fatal, body_start, "Content-Length",
        "Content-Length " + std::to_string(*length) + " but " + std::to_string(available) +
            " bytes follow");
    m_.body_ = span(body_start, s_.size());
    return;
  }
  m_.body_ = span(body_start, body_start + static_cast<std::size_t>(*length));
  result_.trailing_bytes = available - static_cast<std::size_t>(*length);
  if (result_.trailing_bytes != 0) {
    add(ParseError::trailing_octets,
        options_.framing == Framing::stream ? Severity::fatal : Severity::accepted,
        m_.body_.offset + m_.body_.size, {},
        std::to_string(result_.trailing_bytes) + " octets after the body ignored");
  }
}

void MessageParserImpl::validate_headers() {
  for (std::size_t i = 0; i < m_.fields_.size(); ++i) {
    const auto& f = m_.fields_[i];
    if (f.id == HeaderId::content_length) continue;
    std::string_view value = m_.view(f.value);
    Diagnostics d(options_.mode, s_);
    HeaderCheck check = check_header_value(f.id, value, d);
    absorb(d, f.value.offset, header_name(i));
    if (check.ok && check.repair != Repair::keep && !d.failed()) {
      repairs_.push_back({i, check.repair, std::move(check.rewritten)});
    }
  }
}

void MessageParserImpl::check_cseq_method() {
  if (!m_.request_ || m_.method_.size == 0) return;
  std::size_t i = m_.find(HeaderId::cseq);
  if (i == m_.fields_.size()) return;
  auto cseq = CSeq::parse(m_.view(m_.fields_[i].value));
  if (!cseq || cseq->method == m_.method()) return;
  bool known = is_known_method(m_.method());
  add(known ? ParseError::cseq_method_mismatch : ParseError::unknown_method_cseq_mismatch,
      Severity::fatal, m_.fields_[i].value.offset, "CSeq",
      "CSeq method " + cseq->method + " but request method " + std::string(m_.method()));
}

void MessageParserImpl::apply_repairs() {
  std::sort(repairs_.begin(), repairs_.end(),
            [](const PendingRepair& a, const PendingRepair& b) { return a.index > b.index; });
  for (auto& r : repairs_) {
    if (r.repair == Repair::remove) {
      m_.remove_header_at(r.index);
    } else if (r.repair == Repair::rewrite) {
      m_.set_header_value_at(r.index, r.text);
    }
  }
  if (new_request_uri_) m_.set_request_uri_text(*new_request_uri_);
  if (reset_reason_) m_.reason_ = m_.store(default_reason_phrase(m_.status_));
  if (rebuild_start_line_) m_.start_raw_ = {};
}

ParseResult MessageParserImpl::run() {
  s_ = m_.text_;
  std::size_t pos = 0;
  while (pos < s_.size() && lex::is_wsp(s_[pos])) ++pos;
  result_.request = !(s_.size() - pos >= 4 && iequals(s_.substr(pos, 4), "SIP/"));
  if (s_.size() > options_.max_message_bytes) {
    add(ParseError::message_too_large, Severity::fatal, options_.max_message_bytes, {},
        std::to_string(s_.size()) + " bytes");
    return std::move(result_);
  }
  pos = 0;
  while (pos < s_.size() && (s_[pos] == '\r' || s_[pos] == '\n')) ++pos;
  if (lex::trim_lws(s_.substr(pos)).empty()) {
    add(ParseError::empty_message, Severity::fatal, 0, {}, "");
    return std::move(result_);
  }
  Line start = read_line(s_, pos);
  if (start.bare_lf) {
    bare_lf_reported_ = true;
    add(ParseError::bare_line_feed, Severity::tolerated, start.end, {}, "LF without CR");
  }
  parse_start_line(start);
  pos = start.next;
  bool terminated = start.terminated && parse_headers(pos);
  trim_values();
  if (!terminated) {
    // A datagram that ends right after a complete header line only lacks the empty line
    // (RFC 4475 baddn); one cut inside a line is truncated.
    bool line_complete = !s_.empty() && s_.back() == '\n';
    add(ParseError::header_section_unterminated,
        options_.framing == Framing::datagram && line_complete ? Severity::tolerated
                                                               : Severity::fatal,
        s_.size(), {}, "no empty line after the headers");
    m_.body_ = span(s_.size(), s_.size());
  } else {
    frame_body(pos);
  }
  if (options_.validate_headers) validate_headers();
  if (options_.check_cseq_method) check_cseq_method();
  // In message order, with line numbers while s_ still views the received bytes.
  std::stable_sort(result_.violations.begin(), result_.violations.end(),
                   [](const Violation& a, const Violation& b) { return a.offset < b.offset; });
  for (auto& v : result_.violations) {
    std::size_t end = std::min(v.offset, s_.size());
    v.line = 1 + static_cast<std::size_t>(std::count(s_.begin(), s_.begin() + end, '\n'));
    std::size_t line_start = end == 0 ? 0 : s_.rfind('\n', end - 1);
    v.column = line_start == std::string_view::npos || end == 0 ? end + 1 : end - line_start;
  }
  apply_repairs();
  result_.message.emplace(std::move(m_));
  return std::move(result_);
}

SuggestedResponse ParseResult::suggested_response() const {
  bool is_request = message ? message->is_request() : request;
  return sip::suggested_response(error, is_request);
}

ParseResult parse_message(std::string&& bytes, const ParseOptions& options) {
  return MessageParserImpl(std::move(bytes), options).run();
}

ParseResult parse_message(std::string_view bytes, const ParseOptions& options) {
  return parse_message(std::string(bytes), options);
}

}  // namespace sipconf::sip
