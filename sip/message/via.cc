#include "sip/message/via.h"

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/host.h"
#include "sip/message/param_parser.h"
#include "sip/message/scalar_header.h"

namespace sipconf::sip {
namespace {

Result<Via> via_malformed(Diagnostics* diag, const char* at, std::string_view detail) {
  report(diag, ParseError::via_malformed, Severity::fatal, at, detail);
  return make_error_code(ParseError::via_malformed);
}

bool expect_slash(std::string_view s, std::size_t& pos) {
  lex::skip_lws(s, pos);
  if (pos >= s.size() || s[pos] != '/') return false;
  ++pos;
  lex::skip_lws(s, pos);
  return true;
}

// Checks the parameters RFC 3261 §20.42 and RFC 3581 give a syntax.
bool check_params(const Via& via, std::string_view s, Diagnostics* diag) {
  for (const auto& p : via.params()) {
    const char* at = s.data();
    if (iequals(p.name, "branch")) {
      if (!p.value || !lex::is_token(*p.value)) {
        report(diag, ParseError::via_malformed, Severity::fatal, at, "branch is not a token");
        return false;
      }
    } else if (iequals(p.name, "received")) {
      if (!p.value || (!is_ipv4_address(*p.value) && !is_ipv6_address(*p.value) &&
                       classify_host(*p.value) != HostKind::ipv6)) {
        if (!report(diag, ParseError::via_malformed, Severity::tolerated, at,
                    "received is not an IP address")) {
          return false;
        }
      }
    } else if (iequals(p.name, "rport")) {
      if (p.value) {
        auto n = parse_digits(*p.value, 65535, nullptr);
        if (!n) {
          report(diag, ParseError::via_malformed, Severity::fatal, at, "rport is not a port");
          return false;
        }
      }
    } else if (iequals(p.name, "ttl")) {
      if (!p.value || !parse_digits(*p.value, 255, nullptr)) {
        report(diag, ParseError::via_malformed, Severity::fatal, at, "ttl is not 0..255");
        return false;
      }
    } else if (iequals(p.name, "maddr")) {
      if (!p.value || classify_host(*p.value) == HostKind::none) {
        report(diag, ParseError::via_malformed, Severity::fatal, at, "maddr is not a host");
        return false;
      }
    }
  }
  return true;
}

}  // namespace

Result<Via> Via::parse(std::string_view s, Diagnostics* diag) {
  Result<Via> result(std::in_place);
  Via& via = *result;
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  std::string_view name = lex::scan_token(s, pos);
  if (name.empty() || !expect_slash(s, pos)) {
    return via_malformed(diag, s.data() + pos, "expected protocol-name/");
  }
  std::string_view version = lex::scan_token(s, pos);
  if (version.empty() || !expect_slash(s, pos)) {
    return via_malformed(diag, s.data() + pos, "expected protocol-version/");
  }
  std::string_view transport = lex::scan_token(s, pos);
  if (transport.empty()) return via_malformed(diag, s.data() + pos, "expected transport");
  if (!lex::skip_lws(s, pos)) return via_malformed(diag, s.data() + pos, "expected LWS sent-by");
  std::size_t host_start = pos;
  if (pos < s.size() && s[pos] == '[') {
    std::size_t close = s.find(']', pos);
    pos = close == std::string_view::npos ? s.size() : close + 1;
  } else {
    while (pos < s.size() && (lex::is(s[pos], lex::kAlnum) || s[pos] == '-' || s[pos] == '.')) {
      ++pos;
    }
  }
  std::string_view host = s.substr(host_start, pos - host_start);
  if (classify_host(host) == HostKind::none) {
    return via_malformed(diag, host.data(), "invalid sent-by host '" + std::string(host) + "'");
  }
  std::size_t q = pos;
  lex::skip_lws(s, q);
  if (q < s.size() && s[q] == ':') {
    ++q;
    lex::skip_lws(s, q);
    std::size_t digits = q;
    while (q < s.size() && lex::is_digit(s[q])) ++q;
    auto port = parse_digits(s.substr(digits, q - digits), 65535, nullptr);
    if (!port) return via_malformed(diag, s.data() + digits, "invalid sent-by port");
    via.port_ = static_cast<std::uint16_t>(*port);
    pos = q;
  }
  if (auto ec = parse_generic_params(s, pos, via.params_, diag)) return ec;
  lex::skip_lws(s, pos);
  if (pos != s.size()) return via_malformed(diag, s.data() + pos, "unexpected text in Via");
  via.protocol_name_ = name;
  via.protocol_version_ = version;
  via.transport_ = transport;
  via.host_ = host;
  if (!check_params(via, s, diag)) return make_error_code(ParseError::via_malformed);
  return result;
}

std::string Via::sent_by() const {
  std::string out = host_;
  if (port_) {
    out.push_back(':');
    out.append(std::to_string(*port_));
  }
  return out;
}

bool Via::has_rfc3261_branch() const {
  auto b = branch();
  return b && b->size() > kBranchMagicCookie.size() && b->substr(0, 7) == kBranchMagicCookie;
}

std::optional<std::uint16_t> Via::rport() const {
  auto v = params_.get("rport");
  if (!v || v->empty()) return std::nullopt;
  auto n = parse_digits(*v, 65535, nullptr);
  if (!n) return std::nullopt;
  return static_cast<std::uint16_t>(*n);
}

void Via::set_rport(std::optional<std::uint16_t> port) {
  if (port) {
    params_.set("rport", std::to_string(*port));
  } else {
    params_.set("rport");
  }
}

std::optional<std::uint8_t> Via::ttl() const {
  auto v = params_.get("ttl");
  if (!v) return std::nullopt;
  auto n = parse_digits(*v, 255, nullptr);
  if (!n) return std::nullopt;
  return static_cast<std::uint8_t>(*n);
}

void Via::append_to(std::string& out) const {
  out.append(protocol_name_);
  out.push_back('/');
  out.append(protocol_version_);
  out.push_back('/');
  out.append(transport_);
  out.push_back(' ');
  out.append(sent_by());
  params_.append_to(out);
}

std::string Via::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

Result<std::vector<Via>> parse_via_list(std::string_view text, Diagnostics* diag) {
  std::vector<Via> out;
  for (std::string_view element : lex::CommaList(text)) {
    bool only_separators = true;
    for (char c : element) {
      if (c != ';' && !lex::is_wsp(c) && c != '\r' && c != '\n') only_separators = false;
    }
    if (only_separators) {
      if (!report(diag, ParseError::empty_list_element, Severity::tolerated, element.data(),
                  "empty Via value")) {
        return make_error_code(ParseError::empty_list_element);
      }
      continue;
    }
    auto via = Via::parse(element, diag);
    if (!via) return via.error();
    out.push_back(std::move(*via));
  }
  if (out.empty()) {
    report(diag, ParseError::via_malformed, Severity::fatal, text.data(), "no Via value");
    return make_error_code(ParseError::via_malformed);
  }
  return out;
}

}  // namespace sipconf::sip
