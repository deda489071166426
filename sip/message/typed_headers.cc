#include "sip/message/typed_headers.h"

#include <string>

#include "sip/base/lexer.h"
#include "sip/message/scalar_header.h"
#include "sip/message/token_list.h"

namespace sipconf::sip {
namespace {

std::error_code header_missing() { return make_error_code(ParseError::header_missing); }

template <class Parse>
auto parse_first(const Message& m, HeaderId id, Parse parse)
    -> decltype(parse(std::string_view())) {
  auto v = m.header(id);
  if (!v) return header_missing();
  return parse(*v);
}

// Gathers the comma-separated values of every line of `id`.
template <class T, class ParseList>
Result<std::vector<T>> gather(const Message& m, HeaderId id, ParseList parse_list,
                              bool absent_is_empty) {
  std::vector<T> out;
  bool any = false;
  for (std::string_view line : m.header_values(id)) {
    any = true;
    auto values = parse_list(line);
    if (!values) return values.error();
    for (auto& v : *values) out.push_back(std::move(v));
  }
  if (!any && !absent_is_empty) return header_missing();
  return out;
}

}  // namespace

Result<std::vector<Via>> vias(const Message& m) {
  return gather<Via>(
      m, HeaderId::via, [](auto s) { return parse_via_list(s); }, false);
}

Result<std::string_view> call_id(const Message& m) {
  auto v = m.header(HeaderId::call_id);
  if (!v) return header_missing();
  std::string_view id = lex::trim_lws(*v);
  if (id.empty() || lex::has_whitespace(id)) {
    return make_error_code(ParseError::header_value_malformed);
  }
  return id;
}

Result<std::uint32_t> max_forwards(const Message& m) {
  return parse_first(m, HeaderId::max_forwards, [](auto s) { return parse_max_forwards(s); });
}

Result<ContactList> contacts(const Message& m) {
  ContactList out;
  bool any = false;
  for (std::string_view line : m.header_values(HeaderId::contact)) {
    any = true;
    auto list = parse_contact_list(line);
    if (!list) return list.error();
    if (list->star) {
      out.star = true;
    }
    if (out.contacts.empty()) {
      out.contacts = std::move(list->contacts);
    } else {
      for (auto& c : list->contacts) out.contacts.push_back(std::move(c));
    }
  }
  if (!any) return header_missing();
  if (out.star && !out.contacts.empty()) {
    return make_error_code(ParseError::name_addr_malformed);  // `*` must stand alone
  }
  return out;
}

Result<std::vector<NameAddr>> routes(const Message& m) {
  return gather<NameAddr>(
      m, HeaderId::route, [](auto s) { return parse_name_addr_list(s); }, true);
}

Result<std::vector<NameAddr>> record_routes(const Message& m) {
  return gather<NameAddr>(
      m, HeaderId::record_route, [](auto s) { return parse_name_addr_list(s); }, true);
}

Result<std::uint64_t> content_length(const Message& m) {
  return parse_first(m, HeaderId::content_length, [](auto s) { return parse_content_length(s); });
}

Result<MediaType> content_type(const Message& m) {
  return parse_first(m, HeaderId::content_type, [](auto s) { return MediaType::parse(s); });
}

Result<std::vector<std::string>> token_list(const Message& m, HeaderId id) {
  return gather<std::string>(
      m, id, [](auto s) { return parse_token_list(s); }, true);
}

Result<SessionExpires> session_expires(const Message& m) {
  return parse_first(m, HeaderId::session_expires, [](auto s) { return SessionExpires::parse(s); });
}

Result<MinSE> min_se(const Message& m) {
  return parse_first(m, HeaderId::min_se, [](auto s) { return MinSE::parse(s); });
}

Result<std::uint32_t> expires(const Message& m) {
  return parse_first(m, HeaderId::expires, [](auto s) { return parse_delta_seconds(s); });
}

Result<std::vector<NameAddr>> p_asserted_identities(const Message& m) {
  return gather<NameAddr>(
      m, HeaderId::p_asserted_identity, [](auto s) { return parse_name_addr_list(s); }, true);
}

Result<std::vector<NameAddr>> history_info(const Message& m) {
  return gather<NameAddr>(
      m, HeaderId::history_info, [](auto s) { return parse_name_addr_list(s); }, true);
}

Result<std::vector<NameAddr>> diversions(const Message& m) {
  return gather<NameAddr>(
      m, HeaderId::diversion, [](auto s) { return parse_name_addr_list(s); }, true);
}

Result<std::vector<Reason>> reasons(const Message& m) {
  return gather<Reason>(
      m, HeaderId::reason, [](auto s) { return parse_reason_list(s); }, true);
}

Result<NameAddr> refer_to(const Message& m) {
  return parse_first(m, HeaderId::refer_to, [](auto s) { return NameAddr::parse(s); });
}

Result<NameAddr> referred_by(const Message& m) {
  return parse_first(m, HeaderId::referred_by, [](auto s) { return NameAddr::parse(s); });
}

Result<Replaces> replaces(const Message& m) {
  return parse_first(m, HeaderId::replaces, [](auto s) { return Replaces::parse(s); });
}

Result<RAck> rack(const Message& m) {
  return parse_first(m, HeaderId::rack, [](auto s) { return RAck::parse(s); });
}

Result<std::uint32_t> rseq(const Message& m) {
  return parse_first(m, HeaderId::rseq, [](auto s) { return parse_rseq(s); });
}

Result<std::vector<MediaType>> accept(const Message& m) {
  return gather<MediaType>(
      m, HeaderId::accept, [](auto s) { return parse_media_range_list(s); }, true);
}

std::vector<std::string_view> list_elements(const Message& m, HeaderId id) {
  std::vector<std::string_view> out;
  for (std::string_view line : m.header_values(id)) {
    for (std::string_view element : lex::CommaList(line)) {
      if (!element.empty()) out.push_back(element);
    }
  }
  return out;
}

void push_via(Message& m, const Via& via) { m.prepend_header(HeaderId::via, via.to_string()); }

Result<std::uint32_t> decrement_max_forwards(Message& m) {
  if (!m.has(HeaderId::max_forwards)) {
    m.append_header(HeaderId::max_forwards, "70");
    return 70u;
  }
  auto v = max_forwards(m);
  if (!v) return v.error();
  if (*v == 0) return std::make_error_code(std::errc::result_out_of_range);
  std::uint32_t next = *v - 1;
  m.set_header(HeaderId::max_forwards, std::to_string(next));
  return next;
}

}  // namespace sipconf::sip
