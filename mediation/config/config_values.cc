#include "mediation/config/config_values.h"

#include <charconv>

#include <boost/asio/ip/address.hpp>

#include "base/boolean.h"
#include "base/xml_file.h"

namespace sipconf::mediation {

std::optional<bool> parse_bool(std::string_view text, std::string& why) {
  base::Diagnostics reasons;
  const base::Result<bool> value = base::parse_boolean(text, {}, {}, reasons);
  if (value) return *value;
  why = reasons.front().message;
  return std::nullopt;
}

std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max,
                                          std::string& why) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    why = "expected an integer";
    return std::nullopt;
  }
  if (value < min || value > max) {
    why = "out of range " + std::to_string(min) + ".." + std::to_string(max);
    return std::nullopt;
  }
  return value;
}

std::optional<std::uint16_t> parse_port(std::string_view text, std::string& why) {
  auto value = parse_integer(text, 1, 65535, why);
  if (!value) {
    if (why.rfind("out of range", 0) == 0) why = "port out of range 1..65535";
    return std::nullopt;
  }
  return static_cast<std::uint16_t>(*value);
}

bool is_ip_literal(std::string_view text) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(std::string(text), ec);
  return !ec;
}

std::optional<std::string> parse_host_address(std::string_view text, std::string& why) {
  boost::system::error_code ec;
  auto address = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) {
    why = "expected an IPv4 or IPv6 address";
    return std::nullopt;
  }
  if (address.is_unspecified()) {
    why = "the unspecified address cannot go into Via and Contact; name one interface";
    return std::nullopt;
  }
  return address.to_string();
}

bool is_fqdn(std::string_view text) {
  if (text.empty() || text.size() > 253 || text.front() == '.' || text.back() == '.') {
    return false;
  }
  std::size_t label = 0;
  for (char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (alnum || c == '-') {
      if (++label > 63) return false;
    } else {
      return false;
    }
  }
  return true;
}

bool regex_compiles(const std::string& pattern, std::string& why) {
  const std::string error = base::regex_error(pattern);
  if (error.empty()) return true;
  why = "regex does not compile: " + error;
  return false;
}

}  // namespace sipconf::mediation
