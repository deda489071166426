#include "mediation/config/config_values.h"

#include <charconv>
#include <regex>

#include <boost/asio/ip/address.hpp>

#include "sip/message/header_names.h"

namespace sipconf::mediation {

std::optional<bool> parse_bool(std::string_view text, std::string& why) {
  if (sip::iequals(text, "true")) return true;
  if (sip::iequals(text, "false")) return false;
  why = "expected true or false";
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

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text, std::string& why) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const std::string_view unit = text.substr(digits);
  std::int64_t scale = 0;
  if (unit == "ms") {
    scale = 1;
  } else if (unit == "s") {
    scale = 1000;
  } else if (unit == "m") {
    scale = 60 * 1000;
  } else if (unit == "h") {
    scale = 3600 * 1000;
  }
  if (digits == 0 || scale == 0) {
    why = "expected a number with a unit ms, s, m or h (e.g. 500ms, 32s)";
    return std::nullopt;
  }
  auto value = parse_integer(text.substr(0, digits), 0, 365LL * 24 * 3600 * 1000 / scale, why);
  if (!value) {
    why = "duration too long";
    return std::nullopt;
  }
  return std::chrono::milliseconds(*value * scale);
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
  try {
    std::regex compiled(pattern, std::regex::ECMAScript);
    return true;
  } catch (const std::regex_error& e) {
    why = std::string("regex does not compile: ") + e.what();
    return false;
  }
}

}  // namespace sipconf::mediation
