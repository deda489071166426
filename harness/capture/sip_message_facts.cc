#include "harness/capture/sip_message_facts.h"

#include "sip/message/header_names.h"
#include "sip/message/typed_headers.h"

namespace sipconf::harness {
namespace {

std::string_view trim_header_value(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// The first value of a comma-list header line that may hold several (Via).
std::string_view first_list_element(std::string_view value) {
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '"') quoted = !quoted;
    if (!quoted && value[i] == ',') return trim_header_value(value.substr(0, i));
  }
  return trim_header_value(value);
}

/// Lexical reading of a Via value for when the typed parse refuses it.
void read_via_lexically(std::string_view via, std::string& branch, std::string& sent_by) {
  const std::size_t semicolon = via.find(';');
  std::string_view head = trim_header_value(via.substr(0, semicolon));
  const std::size_t space = head.find_first_of(" \t");
  if (space != std::string_view::npos) sent_by = std::string(trim_header_value(head.substr(space)));
  if (semicolon == std::string_view::npos) return;
  std::string_view params = via.substr(semicolon);
  for (std::size_t pos = 0; pos < params.size();) {
    const std::size_t next = params.find(';', pos + 1);
    std::string_view param = trim_header_value(params.substr(pos + 1, next - pos - 1));
    const std::size_t equals = param.find('=');
    if (equals != std::string_view::npos &&
        sip::iequals(trim_header_value(param.substr(0, equals)), "branch")) {
      branch = std::string(trim_header_value(param.substr(equals + 1)));
      return;
    }
    if (next == std::string_view::npos) break;
    pos = next;
  }
}

}  // namespace

std::string tag_of(std::string_view name_addr) {
  // Parameters of the header start after the closing '>' when there is one.
  std::size_t from = 0;
  bool quoted = false;
  std::size_t close = std::string_view::npos;
  for (std::size_t i = 0; i < name_addr.size(); ++i) {
    const char c = name_addr[i];
    if (c == '"' && (i == 0 || name_addr[i - 1] != '\\')) quoted = !quoted;
    if (!quoted && c == '>') close = i;
  }
  if (close != std::string_view::npos) from = close + 1;
  std::string_view params = name_addr.substr(from);
  for (std::size_t pos = params.find(';'); pos != std::string_view::npos;) {
    const std::size_t next = params.find(';', pos + 1);
    std::string_view param = trim_header_value(params.substr(pos + 1, next - pos - 1));
    const std::size_t equals = param.find('=');
    if (equals != std::string_view::npos &&
        sip::iequals(trim_header_value(param.substr(0, equals)), "tag")) {
      return std::string(trim_header_value(param.substr(equals + 1)));
    }
    pos = next;
  }
  return {};
}

std::string uri_user(std::string_view text) {
  std::string_view uri = text;
  const std::size_t open = text.find('<');
  if (open != std::string_view::npos) {
    const std::size_t close = text.find('>', open);
    uri = text.substr(open + 1,
                      close == std::string_view::npos ? std::string_view::npos : close - open - 1);
  }
  uri = trim_header_value(uri);
  const std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos) return {};
  const std::string_view scheme = uri.substr(0, colon);
  std::string_view rest = uri.substr(colon + 1);
  if (sip::iequals(scheme, "tel")) {
    return std::string(rest.substr(0, rest.find_first_of(";?")));
  }
  if (!sip::iequals(scheme, "sip") && !sip::iequals(scheme, "sips")) return {};
  const std::size_t at = rest.find('@');
  if (at == std::string_view::npos) return {};
  std::string_view user = rest.substr(0, at);
  return std::string(user.substr(0, user.find_first_of(":;")));
}

SipMessageFacts read_start_line_facts(std::string_view bytes) {
  SipMessageFacts facts;
  std::string_view line = bytes.substr(0, bytes.find('\n'));
  line = trim_header_value(line);
  if (line.size() >= 11 && sip::iequals(line.substr(0, 8), "SIP/2.0 ")) {
    facts.request = false;
    facts.status = (line[8] - '0') * 100 + (line[9] - '0') * 10 + (line[10] - '0');
    return facts;
  }
  const std::size_t space = line.find(' ');
  facts.method = std::string(line.substr(0, space));
  if (space != std::string_view::npos) {
    std::string_view rest = line.substr(space + 1);
    facts.request_uri = std::string(rest.substr(0, rest.rfind(' ')));
    facts.request_uri_user = uri_user(facts.request_uri);
  }
  return facts;
}

SipMessageFacts read_facts(const sip::Message& message) {
  SipMessageFacts facts;
  facts.request = message.is_request();
  facts.status = message.status_code();
  if (facts.request) {
    facts.method = std::string(message.method());
    facts.request_uri = std::string(message.request_uri_text());
    facts.request_uri_user = uri_user(facts.request_uri);
  }
  if (auto id = message.header(sip::HeaderId::call_id))
    facts.call_id = std::string(trim_header_value(*id));
  if (auto value = message.header(sip::HeaderId::cseq)) {
    if (auto cseq = sip::CSeq::parse(trim_header_value(*value))) {
      facts.cseq = cseq->number;
      facts.cseq_method = std::move(cseq->method);
    } else {
      // Keep the method even when the number is out of range.
      std::string_view text = trim_header_value(*value);
      const std::size_t space = text.find_first_of(" \t");
      if (space != std::string_view::npos)
        facts.cseq_method = std::string(trim_header_value(text.substr(space)));
    }
  }
  if (!facts.request) facts.method = facts.cseq_method;
  if (auto via = message.header(sip::HeaderId::via)) {
    const std::string_view top = first_list_element(*via);
    if (auto parsed = sip::Via::parse(top)) {
      facts.branch = std::string(parsed->branch().value_or(""));
      facts.sent_by = parsed->sent_by();
    } else {
      read_via_lexically(top, facts.branch, facts.sent_by);
    }
  }
  if (auto from = message.header(sip::HeaderId::from)) {
    facts.from_tag = tag_of(*from);
    facts.from_user = uri_user(*from);
  }
  if (auto to = message.header(sip::HeaderId::to)) {
    facts.to_tag = tag_of(*to);
    facts.to_user = uri_user(*to);
  }
  if (message.has(sip::HeaderId::rseq)) {
    if (auto rseq = sip::rseq(message)) facts.rseq = *rseq;
  }
  if (!message.body().empty()) {
    if (auto type = message.header(sip::HeaderId::content_type)) {
      std::string_view t = trim_header_value(*type);
      t = trim_header_value(t.substr(0, t.find(';')));
      facts.sdp = sip::iequals(t, "application/sdp");
    }
  }
  return facts;
}

}  // namespace sipconf::harness
