#include "sip/message/name_addr.h"

#include "sip/base/lexer.h"
#include "sip/message/param_parser.h"

namespace sipconf::sip {
namespace {

std::error_code name_addr_malformed(Diagnostics* diag, const char* at, std::string_view detail) {
  report(diag, ParseError::name_addr_malformed, Severity::fatal, at, detail);
  return make_error_code(ParseError::name_addr_malformed);
}

// Position of the first `c` at or after `pos` outside quoted strings, or npos.
std::size_t find_unquoted(std::string_view s, char c, std::size_t pos) {
  bool in_quotes = false;
  for (std::size_t i = pos; i < s.size(); ++i) {
    if (in_quotes) {
      if (s[i] == '\\') {
        ++i;
      } else if (s[i] == '"') {
        in_quotes = false;
      }
    } else if (s[i] == '"') {
      in_quotes = true;
    } else if (s[i] == c) {
      return i;
    }
  }
  return std::string_view::npos;
}

// Collapses LWS runs to single spaces; reports whether every word is a token.
std::string collapse_words(std::string_view s, bool& all_tokens) {
  std::string out;
  all_tokens = true;
  std::size_t i = 0;
  while (i < s.size()) {
    if (lex::skip_lws(s, i) || s[i] == '\r' || s[i] == '\n') {
      if (i < s.size() && (s[i] == '\r' || s[i] == '\n')) ++i;
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    if (!lex::is_token_char(s[i])) all_tokens = false;
    out.push_back(s[i]);
    ++i;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

bool is_display_token_form(std::string_view name) {
  if (name.empty() || name.front() == ' ' || name.back() == ' ') return false;
  char prev = 'x';
  for (char c : name) {
    if (c == ' ') {
      if (prev == ' ') return false;
    } else if (!lex::is_token_char(c)) {
      return false;
    }
    prev = c;
  }
  return true;
}

}  // namespace

Result<NameAddr> NameAddr::parse(std::string_view text, Diagnostics* diag) {
  Result<NameAddr> out(std::in_place);
  if (auto ec = parse_into(text, *out, diag)) return ec;
  return out;
}

std::error_code NameAddr::parse_into(std::string_view s, NameAddr& out, Diagnostics* diag) {
  out.display_name_.clear();
  out.params_.clear();
  std::size_t pos = 0;
  lex::skip_lws(s, pos);
  if (pos >= s.size()) return name_addr_malformed(diag, s.data() + pos, "empty value");

  if (s[pos] == '"') {
    std::string_view quoted;
    std::size_t open = pos;
    auto status = lex::scan_quoted_string(s, pos, quoted);
    if (status == lex::QuotedStatus::unterminated) {
      if (!report(diag, ParseError::quoted_string_unterminated, Severity::tolerated,
                  s.data() + open, "display name has no closing quote")) {
        return make_error_code(ParseError::quoted_string_unterminated);
      }
      // Repair: the display name ends where the URI's < starts (RFC 4475 quotbal).
      std::size_t lt = s.rfind('<');
      if (lt == std::string_view::npos || lt <= open) {
        return name_addr_malformed(diag, s.data() + open, "unterminated display name and no <URI>");
      }
      bool tokens = false;
      out.display_name_ = collapse_words(lex::unquote(s.substr(open, lt - open)), tokens);
      pos = lt;
    } else {
      if (status == lex::QuotedStatus::bad_char &&
          !report(diag, ParseError::header_value_invalid, Severity::tolerated, quoted.data(),
                  "control character in display name")) {
        return make_error_code(ParseError::header_value_invalid);
      }
      out.display_name_ = lex::unquote(quoted);
      lex::skip_lws(s, pos);
      if (pos >= s.size() || s[pos] != '<') {
        return name_addr_malformed(diag, s.data() + pos,
                                   "quoted display name not followed by <URI>");
      }
    }
  } else if (s[pos] != '<') {
    std::size_t lt = find_unquoted(s, '<', pos);
    if (lt != std::string_view::npos) {
      std::string_view raw = s.substr(pos, lt - pos);
      bool tokens = false;
      out.display_name_ = collapse_words(raw, tokens);
      if (!tokens && !report(diag, ParseError::display_name_invalid, Severity::tolerated,
                             raw.data(), "display name needs quotes")) {
        return make_error_code(ParseError::display_name_invalid);
      }
      if (!out.display_name_.empty() && !lex::is_wsp(s[lt - 1]) && s[lt - 1] != '\n') {
        report(diag, ParseError::display_name_unspaced, Severity::accepted, s.data() + lt,
               "no whitespace before <");
      }
      pos = lt;
    } else {
      // addr-spec: the URI ends at the first ; (header parameters) or whitespace.
      std::size_t end = pos;
      while (end < s.size() && s[end] != ';' && !lex::is_wsp(s[end]) && s[end] != '\r' &&
             s[end] != '\n') {
        ++end;
      }
      std::string_view uri_text = s.substr(pos, end - pos);
      if (uri_text.find('?') != std::string_view::npos &&
          !report(diag, ParseError::addr_spec_needs_brackets, Severity::tolerated, uri_text.data(),
                  "URI with ? outside <>")) {
        return make_error_code(ParseError::addr_spec_needs_brackets);
      }
      if (auto ec = Uri::parse_into(uri_text, out.uri_, diag)) return ec;
      pos = end;
    }
  }

  if (pos < s.size() && s[pos] == '<') {
    std::size_t gt = s.find('>', pos);
    if (gt == std::string_view::npos)
      return name_addr_malformed(diag, s.data() + pos, "< without >");
    std::string_view inner = s.substr(pos + 1, gt - pos - 1);
    if (lex::has_whitespace(inner)) {
      if (!report(diag, ParseError::addr_spec_has_whitespace, Severity::tolerated, inner.data(),
                  "whitespace inside <>")) {
        return make_error_code(ParseError::addr_spec_has_whitespace);
      }
      std::string compact;
      for (char c : inner) {
        if (!lex::is_wsp(c) && c != '\r' && c != '\n') compact.push_back(c);
      }
      if (auto ec = Uri::parse_into(compact, out.uri_, diag)) return ec;
    } else if (auto ec = Uri::parse_into(inner, out.uri_, diag)) {
      return ec;
    }
    pos = gt + 1;
  }

  if (auto ec = parse_generic_params(s, pos, out.params_, diag)) return ec;
  lex::skip_lws(s, pos);
  if (pos != s.size())
    return name_addr_malformed(diag, s.data() + pos, "unexpected text after the URI");
  return {};
}

void append_display_name(std::string& out, std::string_view name) {
  if (is_display_token_form(name)) {
    out.append(name);
  } else {
    out.append(quote_string(name));
  }
}

std::string quote_string(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (char c : text) {
    if (c == '\r' || c == '\n') continue;
    if (c == '"' || c == '\\' || lex::is_ctl(c)) out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void NameAddr::append_to(std::string& out) const {
  if (!display_name_.empty()) {
    append_display_name(out, display_name_);
    out.push_back(' ');
  }
  out.push_back('<');
  uri_.append_to(out);
  out.push_back('>');
  params_.append_to(out);
}

std::string NameAddr::to_string() const {
  std::string out;
  append_to(out);
  return out;
}

Result<std::vector<NameAddr>> parse_name_addr_list(std::string_view text, Diagnostics* diag) {
  std::vector<NameAddr> out;
  for (std::string_view element : lex::CommaList(text)) {
    if (element.empty()) {
      if (!report(diag, ParseError::empty_list_element, Severity::tolerated, element.data(),
                  "empty list element")) {
        return make_error_code(ParseError::empty_list_element);
      }
      continue;
    }
    out.emplace_back();
    if (auto ec = NameAddr::parse_into(element, out.back(), diag)) return ec;
  }
  if (out.empty()) {
    report(diag, ParseError::name_addr_malformed, Severity::fatal, text.data(), "empty list");
    return make_error_code(ParseError::name_addr_malformed);
  }
  return out;
}

}  // namespace sipconf::sip
