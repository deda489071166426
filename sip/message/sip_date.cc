#include "sip/message/sip_date.h"

#include <array>
#include <optional>

#include "sip/base/lexer.h"
#include "sip/message/header_names.h"

namespace sipconf::sip {
namespace {

constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                       "Thu", "Fri", "Sat"};
constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Zones a liberal element can convert to GMT (RFC 4475 baddate), as minutes east of UTC.
struct Zone {
  std::string_view name;
  int offset_minutes;
};
constexpr std::array<Zone, 11> kZones = {{{"UT", 0},
                                          {"UTC", 0},
                                          {"Z", 0},
                                          {"EST", -300},
                                          {"EDT", -240},
                                          {"CST", -360},
                                          {"CDT", -300},
                                          {"MST", -420},
                                          {"MDT", -360},
                                          {"PST", -480},
                                          {"PDT", -420}}};

bool read_number(std::string_view s, std::size_t& pos, std::size_t digits, int& out) {
  if (pos + digits > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < digits; ++i) {
    if (!lex::is_digit(s[pos + i])) return false;
    out = out * 10 + (s[pos + i] - '0');
  }
  pos += digits;
  return true;
}

bool read_char(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

template <std::size_t N>
int read_name(std::string_view s, std::size_t& pos, const std::array<std::string_view, N>& names) {
  for (std::size_t i = 0; i < N; ++i) {
    if (s.substr(pos, 3) == names[i]) {
      pos += 3;
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::optional<int> zone_offset(std::string_view zone) {
  for (const auto& z : kZones) {
    if (iequals(z.name, zone)) return z.offset_minutes;
  }
  if (zone.size() == 5 && (zone[0] == '+' || zone[0] == '-')) {
    std::size_t p = 1;
    int hh = 0;
    int mm = 0;
    if (read_number(zone, p, 2, hh) && read_number(zone, p, 2, mm) && mm < 60) {
      int minutes = hh * 60 + mm;
      return zone[0] == '-' ? -minutes : minutes;
    }
  }
  return std::nullopt;
}

}  // namespace

Result<std::chrono::sys_seconds> parse_sip_date(std::string_view text, Diagnostics* diag) {
  using namespace std::chrono;
  std::string_view s = lex::trim_lws(text);
  auto fail = [&](std::string_view detail) -> Result<sys_seconds> {
    report(diag, ParseError::date_malformed, Severity::tolerated, s.data(), detail);
    return make_error_code(ParseError::date_malformed);
  };
  std::size_t pos = 0;
  int day = 0;
  int year = 0;
  int hh = 0;
  int mm = 0;
  int ss = 0;
  if (read_name(s, pos, kWeekdays) < 0 || !read_char(s, pos, ',') || !read_char(s, pos, ' ') ||
      !read_number(s, pos, 2, day) || !read_char(s, pos, ' ')) {
    return fail("expected 'Wkd, DD Mon YYYY HH:MM:SS GMT'");
  }
  int month = read_name(s, pos, kMonths);
  if (month < 0 || !read_char(s, pos, ' ') || !read_number(s, pos, 4, year) ||
      !read_char(s, pos, ' ') || !read_number(s, pos, 2, hh) || !read_char(s, pos, ':') ||
      !read_number(s, pos, 2, mm) || !read_char(s, pos, ':') || !read_number(s, pos, 2, ss) ||
      !read_char(s, pos, ' ')) {
    return fail("expected 'Wkd, DD Mon YYYY HH:MM:SS GMT'");
  }
  year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month + 1)),
                     std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok() || hh > 23 || mm > 59 || ss > 60) return fail("date or time out of range");
  sys_seconds t = sys_days(ymd) + hours(hh) + minutes(mm) + seconds(ss);
  std::string_view zone = s.substr(pos);
  if (zone == "GMT") return t;
  auto offset = zone_offset(zone);
  if (!offset) return fail("unknown time zone '" + std::string(zone) + "'");
  if (!report(diag, ParseError::date_malformed, Severity::tolerated, zone.data(),
              "time zone " + std::string(zone) + " instead of GMT")) {
    return make_error_code(ParseError::date_malformed);
  }
  return t - minutes(*offset);
}

std::string format_sip_date(std::chrono::sys_seconds time) {
  using namespace std::chrono;
  sys_days days = floor<std::chrono::days>(time);
  year_month_day ymd{days};
  hh_mm_ss hms{time - days};
  auto two = [](long v) {
    std::string s = std::to_string(v);
    return s.size() < 2 ? "0" + s : s;
  };
  std::string out;
  out.append(kWeekdays[weekday(days).c_encoding()]);
  out.append(", ");
  out.append(two(static_cast<unsigned>(ymd.day())));
  out.push_back(' ');
  out.append(kMonths[static_cast<unsigned>(ymd.month()) - 1]);
  out.push_back(' ');
  out.append(std::to_string(static_cast<int>(ymd.year())));
  out.push_back(' ');
  out.append(two(hms.hours().count()) + ":" + two(hms.minutes().count()) + ":" +
             two(hms.seconds().count()));
  out.append(" GMT");
  return out;
}

}  // namespace sipconf::sip
