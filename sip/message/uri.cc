#include "sip/message/uri.h"

#include <string>

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"
#include "sip/message/host.h"
#include "sip/message/percent_encoding.h"

namespace sipconf::sip {

/// Parses URIs into Uri's private members (the grammar lives here, the model in uri.h).
class UriParser {
 public:
  UriParser(std::string_view text, Uri& out, Diagnostics* diag)
      : s_(text), diag_(diag), uri_(out) {}

  std::error_code parse() {
    std::size_t colon = scheme_end();
    if (colon == std::string_view::npos) return fail(s_.data(), "no scheme");
    std::string_view scheme = s_.substr(0, colon);
    pos_ = colon + 1;
    if (iequals(scheme, "sip") || iequals(scheme, "sips")) {
      uri_.scheme_ = scheme.size() == 3 ? UriScheme::sip : UriScheme::sips;
      if (!parse_sip()) return error();
    } else if (iequals(scheme, "tel")) {
      uri_.scheme_ = UriScheme::tel;
      if (!parse_tel()) return error();
    } else {
      uri_.scheme_ = UriScheme::other;
      uri_.scheme_text_ = scheme;
      if (!parse_opaque()) return error();
    }
    return {};
  }

 private:
  static constexpr std::uint16_t kUserChars = lex::kUnreserved | lex::kUserUnreserved;
  static constexpr std::uint16_t kPasswordChars = lex::kUnreserved | lex::kPassword;
  static constexpr std::uint16_t kParamChars = lex::kUnreserved | lex::kParamUnreserved;
  static constexpr std::uint16_t kHeaderChars = lex::kUnreserved | lex::kHnvUnreserved;

  std::size_t scheme_end() const {
    if (s_.empty() || !lex::is_alpha(s_[0])) return std::string_view::npos;
    for (std::size_t i = 1; i < s_.size(); ++i) {
      char c = s_[i];
      if (c == ':') return i;
      if (!lex::is(c, lex::kAlnum) && c != '+' && c != '-' && c != '.') break;
    }
    return std::string_view::npos;
  }

  std::error_code fail(const char* at, std::string_view detail) {
    report(diag_, ParseError::uri_malformed, Severity::fatal, at, detail);
    return error();
  }
  static std::error_code error() { return make_error_code(ParseError::uri_malformed); }

  // Scans characters of `classes` or escapes; returns false on an invalid escape.
  bool scan_escaped(std::uint16_t classes, std::string_view& out) {
    std::size_t start = pos_;
    bool escapes = false;
    for (; pos_ < s_.size(); ++pos_) {
      char c = s_[pos_];
      if (c == '%') {
        escapes = true;
      } else if (!lex::is(c, classes)) {
        break;
      }
    }
    out = s_.substr(start, pos_ - start);
    if (escapes && !has_valid_escapes(out)) {
      report(diag_, ParseError::uri_malformed, Severity::fatal, out.data(),
             "invalid %-escape in '" + std::string(out) + "'");
      return false;
    }
    return true;
  }

  bool parse_sip() {
    std::size_t at = s_.find('@', pos_);
    if (at != std::string_view::npos) {
      std::string_view userinfo = s_.substr(pos_, at - pos_);
      std::size_t colon = userinfo.find(':');
      std::string_view user = userinfo.substr(0, colon);
      std::size_t end = pos_ + user.size();
      std::string_view scanned;
      if (!scan_escaped(kUserChars, scanned)) return false;
      if (pos_ != end || user.empty()) {
        fail(s_.data() + pos_, "invalid character in user part");
        return false;
      }
      uri_.has_user_ = true;
      uri_.user_ = user;
      if (colon != std::string_view::npos) {
        ++pos_;
        if (!scan_escaped(kPasswordChars, scanned)) return false;
        if (pos_ != at) {
          fail(s_.data() + pos_, "invalid character in password");
          return false;
        }
        uri_.password_.emplace(scanned);
      }
      pos_ = at + 1;
    }
    if (!parse_hostport()) return false;
    if (!parse_uri_params()) return false;
    if (pos_ < s_.size() && s_[pos_] == '?') {
      ++pos_;
      if (!parse_headers()) return false;
    }
    if (pos_ != s_.size()) {
      fail(s_.data() + pos_, "unexpected character '" + std::string(1, s_[pos_]) + "'");
      return false;
    }
    return true;
  }

  bool parse_hostport() {
    std::size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '[') {
      std::size_t close = s_.find(']', pos_);
      pos_ = close == std::string_view::npos ? s_.size() : close + 1;
    } else {
      while (pos_ < s_.size() && s_[pos_] != ':' && s_[pos_] != ';' && s_[pos_] != '?') ++pos_;
    }
    std::string_view host = s_.substr(start, pos_ - start);
    HostKind kind = classify_host(host);
    if (kind == HostKind::none) {
      fail(host.data(), "invalid host '" + std::string(host) + "'");
      return false;
    }
    uri_.host_ = host;
    uri_.host_kind_ = kind;
    if (pos_ < s_.size() && s_[pos_] == ':') {
      ++pos_;
      std::size_t digits = pos_;
      unsigned long port = 0;
      while (pos_ < s_.size() && lex::is_digit(s_[pos_]) && pos_ - digits < 6) {
        port = port * 10 + static_cast<unsigned long>(s_[pos_] - '0');
        ++pos_;
      }
      if (pos_ == digits || port > 65535 || (pos_ < s_.size() && lex::is_digit(s_[pos_]))) {
        fail(s_.data() + digits, "invalid port");
        return false;
      }
      uri_.port_ = static_cast<std::uint16_t>(port);
    }
    return true;
  }

  bool parse_uri_params() {
    while (pos_ < s_.size() && s_[pos_] == ';') {
      const char* semi = s_.data() + pos_;
      ++pos_;
      std::string_view name;
      if (!scan_escaped(kParamChars, name)) return false;
      if (name.empty()) {
        if (pos_ < s_.size() && s_[pos_] == '=') {
          fail(semi, "URI parameter without a name");
          return false;
        }
        if (!report(diag_, ParseError::empty_parameter, Severity::tolerated, semi,
                    "empty URI parameter")) {
          return false;
        }
        continue;
      }
      Param& p = uri_.params_.add(name);
      if (pos_ < s_.size() && s_[pos_] == '=') {
        ++pos_;
        std::string_view value;
        if (!scan_escaped(kParamChars, value)) return false;
        if (value.empty()) {
          fail(s_.data() + pos_, "URI parameter '" + std::string(name) + "=' has no value");
          return false;
        }
        p.value.emplace(value);
      }
    }
    return true;
  }

  bool parse_headers() {
    for (;;) {
      std::string_view name;
      if (!scan_escaped(kHeaderChars, name)) return false;
      if (name.empty() || pos_ >= s_.size() || s_[pos_] != '=') {
        fail(s_.data() + pos_, "URI header is not name=value");
        return false;
      }
      ++pos_;
      std::string_view value;
      if (!scan_escaped(kHeaderChars, value)) return false;
      uri_.headers_.push_back(Param{std::string(name), std::string(value)});
      if (pos_ < s_.size() && s_[pos_] == '&') {
        ++pos_;
        continue;
      }
      return true;
    }
  }

  bool parse_tel() {
    std::size_t start = pos_;
    while (pos_ < s_.size() && s_[pos_] != ';') {
      char c = s_[pos_];
      bool ok = lex::is_hex(c) || c == '*' || c == '#' || c == '-' || c == '.' || c == '(' ||
                c == ')' || (c == '+' && pos_ == start);
      if (!ok) {
        fail(s_.data() + pos_, "invalid character in telephone number");
        return false;
      }
      ++pos_;
    }
    if (pos_ == start) {
      fail(s_.data() + start, "empty telephone number");
      return false;
    }
    uri_.has_user_ = true;
    uri_.user_ = s_.substr(start, pos_ - start);
    if (!parse_uri_params()) return false;
    if (pos_ != s_.size()) {
      fail(s_.data() + pos_, "unexpected character in tel URI");
      return false;
    }
    return true;
  }

  bool parse_opaque() {
    std::string_view rest = s_.substr(pos_);
    if (rest.empty()) {
      fail(s_.data() + pos_, "empty URI after scheme");
      return false;
    }
    for (char c : rest) {
      if (!lex::is(c, lex::kUnreserved | lex::kReserved) && c != '%' && c != '#') {
        fail(s_.data() + pos_, "invalid character in absolute URI");
        return false;
      }
    }
    if (!has_valid_escapes(rest)) {
      fail(s_.data() + pos_, "invalid %-escape in absolute URI");
      return false;
    }
    uri_.opaque_ = rest;
    pos_ = s_.size();
    return true;
  }

  std::string_view s_;
  Diagnostics* diag_;
  Uri& uri_;
  std::size_t pos_ = 0;
};

std::error_code Uri::parse_into(std::string_view text, Uri& out, Diagnostics* diag) {
  out.clear();
  return UriParser(text, out, diag).parse();
}

Result<Uri> Uri::parse(std::string_view text, Diagnostics* diag) {
  Result<Uri> out(std::in_place);
  if (auto ec = parse_into(text, *out, diag)) return ec;
  return out;
}

Uri Uri::sip(std::string_view user, std::string_view host, std::optional<std::uint16_t> port,
             bool secure) {
  Uri u;
  u.scheme_ = secure ? UriScheme::sips : UriScheme::sip;
  if (!user.empty()) u.set_user(user);
  u.set_host(host);
  u.port_ = port;
  return u;
}

Uri Uri::tel(std::string_view number) {
  Uri u;
  u.scheme_ = UriScheme::tel;
  u.has_user_ = true;
  u.user_ = number;
  return u;
}

void Uri::clear() {
  scheme_ = UriScheme::sip;
  scheme_text_.clear();
  has_user_ = false;
  user_.clear();
  password_.reset();
  host_.clear();
  host_kind_ = HostKind::none;
  port_.reset();
  params_.clear();
  headers_.clear();
  opaque_.clear();
}

std::string_view Uri::scheme_name() const {
  switch (scheme_) {
    case UriScheme::sip:
      return "sip";
    case UriScheme::sips:
      return "sips";
    case UriScheme::tel:
      return "tel";
    case UriScheme::other:
      break;
  }
  return scheme_text_;
}

std::string Uri::user_unescaped() const { return percent_decode(user_); }

void Uri::set_user(std::string_view unescaped) {
  has_user_ = true;
  user_ = percent_encode(unescaped, lex::kUnreserved | lex::kUserUnreserved);
}

void Uri::clear_user() {
  has_user_ = false;
  user_.clear();
  password_.reset();
}

void Uri::set_host(std::string_view host) {
  if (host.find(':') != std::string_view::npos && host.front() != '[') {
    host_ = "[" + std::string(host) + "]";
  } else {
    host_ = host;
  }
  host_kind_ = classify_host(host_);
}

std::optional<std::string> Uri::param(std::string_view name) const {
  for (const auto& p : params_) {
    bool match = p.name.find('%') == std::string::npos ? iequals(p.name, name)
                                                       : iequals(percent_decode(p.name), name);
    if (match) return p.value ? percent_decode(*p.value) : std::string();
  }
  return std::nullopt;
}

bool Uri::has_param(std::string_view name) const { return param(name).has_value(); }

bool Uri::user_is_phone() const {
  auto v = param("user");
  return v && iequals(*v, "phone");
}

std::string_view Uri::telephone_number() const {
  return scheme_ == UriScheme::tel ? std::string_view(user_) : std::string_view();
}

void Uri::append_to(std::string& out) const {
  out.append(scheme_name());
  out.push_back(':');
  if (scheme_ == UriScheme::other) {
    out.append(opaque_);
    return;
  }
  if (has_user_) {
    out.append(user_);
    if (scheme_ != UriScheme::tel) {
      if (password_) {
        out.push_back(':');
        out.append(*password_);
      }
      out.push_back('@');
    }
  }
  if (scheme_ != UriScheme::tel) {
    out.append(host_);
    if (port_) {
      out.push_back(':');
      out.append(std::to_string(*port_));
    }
  }
  params_.append_to(out);
  for (std::size_t i = 0; i < headers_.size(); ++i) {
    out.push_back(i == 0 ? '?' : '&');
    out.append(headers_[i].name);
    out.push_back('=');
    if (headers_[i].value) out.append(*headers_[i].value);
  }
}

std::string Uri::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

}  // namespace sipconf::sip
