#include "reports/model/time_format.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdlib>

namespace sipconf::reports {
namespace {

constexpr std::string_view kMinus = "\xE2\x88\x92";  // U+2212 MINUS SIGN

bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& out) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  auto [end, ec] = std::from_chars(text.data() + at, text.data() + at + count, out);
  return ec == std::errc() && end == text.data() + at + count;
}

}  // namespace

std::string format_duration_us(std::int64_t us, Glyphs glyphs) {
  const bool ascii = glyphs == Glyphs::kAscii;
  if (us < 0) return std::string(ascii ? "-" : kMinus) + format_duration_us(-us, glyphs);
  if (us < 1000) return fmt::format("{} {}", us, ascii ? "us" : "µs");
  double ms = static_cast<double>(us) / 1000.0;
  if (ms < 10) return fmt::format("{:.2f} ms", ms);
  if (ms < 1000) return fmt::format("{:.1f} ms", ms);
  double s = ms / 1000.0;
  if (s < 10) return fmt::format("{:.2f} s", s);
  if (s < 60) return fmt::format("{:.1f} s", s);
  auto whole = static_cast<std::int64_t>(s);
  return fmt::format("{} min {:02} s", whole / 60, whole % 60);
}

std::string format_delta_us(std::int64_t us) {
  if (us < 0) return std::string(kMinus) + format_duration_us(-us);
  return "+" + format_duration_us(us);
}

std::optional<std::int64_t> parse_timestamp_us(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!read_digits(text, 0, 4, year) || text.size() < 19 || text[4] != '-' ||
      !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't' && text[10] != ' ') || !read_digits(text, 11, 2, hour) ||
      text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
      !read_digits(text, 17, 2, second)) {
    return std::nullopt;
  }
  std::size_t at = 19;
  std::int64_t fraction_us = 0;
  if (at < text.size() && text[at] == '.') {
    ++at;
    std::int64_t scale = 100000;
    std::size_t digits = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      fraction_us += (text[at] - '0') * scale;
      scale /= 10;
      ++at;
      ++digits;
    }
    if (digits == 0) return std::nullopt;
  }
  std::int64_t offset_s = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int oh = 0, om = 0;
    if (!read_digits(text, at + 1, 2, oh) || at + 3 >= text.size() || text[at + 3] != ':' ||
        !read_digits(text, at + 4, 2, om)) {
      return std::nullopt;
    }
    offset_s = (oh * 3600 + om * 60) * (text[at] == '+' ? 1 : -1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) return std::nullopt;
  using namespace std::chrono;
  year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                      std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  std::int64_t days = sys_days(date).time_since_epoch().count();
  std::int64_t seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset_s;
  return seconds * 1000000 + fraction_us;
}

std::string format_timestamp(std::string_view text) {
  if (!parse_timestamp_us(text) || text.back() != 'Z') return std::string(text);
  return fmt::format("{} {} UTC", text.substr(0, 10), text.substr(11, 8));
}

std::string format_utc_timestamp(std::chrono::system_clock::time_point time) {
  const auto micros = std::chrono::time_point_cast<std::chrono::microseconds>(time);
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(micros);
  const auto fraction = (micros - seconds).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:06d}Z",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(seconds)), fraction);
}

}  // namespace sipconf::reports
