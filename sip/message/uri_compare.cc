#include <string>

#include "sip/message/header_names.h"
#include "sip/message/percent_encoding.h"
#include "sip/message/uri.h"

namespace sipconf::sip {
namespace {

std::string lowercase_copy(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return s;
}

// Parameters that must match whenever either URI has them (RFC 3261 §19.1.4).
constexpr std::string_view kStrictParams[] = {"user", "ttl", "method", "maddr", "transport"};

bool is_strict_param(std::string_view name) {
  for (auto p : kStrictParams) {
    if (iequals(p, name)) return true;
  }
  return false;
}

bool params_equivalent(const Uri& a, const Uri& b) {
  for (auto name : kStrictParams) {
    auto va = a.param(name);
    auto vb = b.param(name);
    if (va.has_value() != vb.has_value()) return false;
    if (va && !iequals(*va, *vb)) return false;
  }
  for (const auto& p : a.params()) {
    std::string name = percent_decode(p.name);
    if (is_strict_param(name)) continue;
    auto vb = b.param(name);
    if (!vb) continue;
    std::string va = p.value ? percent_decode(*p.value) : std::string();
    if (!iequals(va, *vb)) return false;
  }
  return true;
}

bool headers_equivalent(const Uri& a, const Uri& b) {
  auto contained = [](const Uri& x, const Uri& y) {
    for (const auto& h : x.headers()) {
      bool found = false;
      for (const auto& k : y.headers()) {
        if (iequals(percent_decode(h.name), percent_decode(k.name)) &&
            percent_decode(h.value.value_or("")) == percent_decode(k.value.value_or(""))) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  };
  return contained(a, b) && contained(b, a);
}

std::string tel_digits(std::string_view number) {
  std::string out;
  for (char c : number) {
    if (c == '-' || c == '.' || c == '(' || c == ')') continue;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

}  // namespace

bool equivalent(const Uri& a, const Uri& b) {
  if (a.scheme() != b.scheme()) return false;
  switch (a.scheme()) {
    case UriScheme::other:
      return iequals(a.scheme_name(), b.scheme_name()) &&
             percent_decode(a.opaque()) == percent_decode(b.opaque());
    case UriScheme::tel:
      return tel_digits(a.user()) == tel_digits(b.user()) && params_equivalent(a, b);
    case UriScheme::sip:
    case UriScheme::sips:
      break;
  }
  if (a.has_user() != b.has_user()) return false;
  if (a.user_unescaped() != b.user_unescaped()) return false;
  if (a.password().has_value() != b.password().has_value()) return false;
  if (a.password() && percent_decode(*a.password()) != percent_decode(*b.password())) {
    return false;
  }
  if (lowercase_copy(a.host()) != lowercase_copy(b.host())) return false;
  if (a.port() != b.port()) return false;
  return params_equivalent(a, b) && headers_equivalent(a, b);
}

}  // namespace sipconf::sip
