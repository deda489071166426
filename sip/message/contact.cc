#include "sip/message/contact.h"

#include "sip/base/lexer.h"
#include "sip/message/scalar_header.h"

namespace sipconf::sip {

Result<ContactList> parse_contact_list(std::string_view text, Diagnostics* diag) {
  ContactList out;
  if (lex::trim_lws(text) == "*") {
    out.star = true;
    return out;
  }
  auto list = parse_name_addr_list(text, diag);
  if (!list) return list.error();
  out.contacts = std::move(*list);
  return out;
}

std::string ContactList::to_string() const {
  if (star) return "*";
  std::string out;
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    if (i != 0) out.append(", ");
    contacts[i].append_to(out);
  }
  return out;
}

std::optional<std::uint32_t> contact_expires(const NameAddr& contact) {
  auto v = contact.params().get("expires");
  if (!v) return std::nullopt;
  Diagnostics lenient(ParseMode::lenient);
  auto n = parse_delta_seconds(*v, &lenient);
  if (!n) return std::nullopt;
  return *n;
}

std::optional<int> contact_q(const NameAddr& contact) {
  auto v = contact.params().get("q");
  if (!v || v->empty()) return std::nullopt;
  std::string_view s = *v;
  // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
  if (s[0] != '0' && s[0] != '1') return std::nullopt;
  int value = (s[0] - '0') * 1000;
  if (s.size() > 1) {
    if (s[1] != '.' || s.size() > 5) return std::nullopt;
    int scale = 100;
    for (std::size_t i = 2; i < s.size(); ++i) {
      if (!lex::is_digit(s[i])) return std::nullopt;
      value += (s[i] - '0') * scale;
      scale /= 10;
    }
  }
  if (value > 1000) return std::nullopt;
  return value;
}

}  // namespace sipconf::sip
