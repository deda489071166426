#include "sip/message/host.h"

#include "sip/base/lexer.h"

namespace sipconf::sip {
namespace {

bool is_hostname(std::string_view s) {
  if (!s.empty() && s.back() == '.') s.remove_suffix(1);
  if (s.empty()) return false;
  std::size_t label_start = 0;
  for (std::size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '.') {
      if (!lex::is(s[i], lex::kAlnum) && s[i] != '-') return false;
      continue;
    }
    std::string_view label = s.substr(label_start, i - label_start);
    if (label.empty() || label.front() == '-' || label.back() == '-') return false;
    if (i == s.size() && !lex::is_alpha(label.front())) return false;  // toplabel
    label_start = i + 1;
  }
  return true;
}

}  // namespace

bool is_ipv4_address(std::string_view s) {
  int parts = 0;
  std::size_t i = 0;
  while (parts < 4) {
    std::size_t start = i;
    int value = 0;
    while (i < s.size() && lex::is_digit(s[i]) && i - start < 3) {
      value = value * 10 + (s[i] - '0');
      ++i;
    }
    if (i == start || value > 255) return false;
    ++parts;
    if (parts < 4) {
      if (i >= s.size() || s[i] != '.') return false;
      ++i;
    }
  }
  return i == s.size();
}

bool is_ipv6_address(std::string_view s) {
  if (s.empty()) return false;
  int groups = 0;
  bool double_colon = false;
  std::size_t i = 0;
  if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
    double_colon = true;
    i = 2;
    if (i == s.size()) return true;
  } else if (s[0] == ':') {
    return false;
  }
  while (i < s.size()) {
    std::size_t start = i;
    while (i < s.size() && lex::is_hex(s[i])) ++i;
    std::size_t len = i - start;
    if (i < s.size() && s[i] == '.') {
      // IPv4 tail: counts as two groups and must end the address.
      if (!is_ipv4_address(s.substr(start))) return false;
      groups += 2;
      i = s.size();
      break;
    }
    if (len == 0 || len > 4) return false;
    ++groups;
    if (i == s.size()) break;
    if (s[i] != ':') return false;
    ++i;
    if (i < s.size() && s[i] == ':') {
      if (double_colon) return false;
      double_colon = true;
      ++i;
      if (i == s.size()) break;
    } else if (i == s.size()) {
      return false;  // trailing single colon
    }
  }
  return double_colon ? groups <= 7 : groups == 8;
}

HostKind classify_host(std::string_view host) {
  if (host.empty()) return HostKind::none;
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return HostKind::none;
    return is_ipv6_address(host.substr(1, host.size() - 2)) ? HostKind::ipv6 : HostKind::none;
  }
  if (is_ipv4_address(host)) return HostKind::ipv4;
  return is_hostname(host) ? HostKind::name : HostKind::none;
}

}  // namespace sipconf::sip
