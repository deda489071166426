#include "simulators/options_schedule.h"

#include <algorithm>
#include <charconv>
#include <utility>

#include <fmt/format.h>

#include "base/duration.h"
#include "simulators/sipsim_error.h"

namespace sipconf::simulators {
namespace {

std::string_view trim_blanks(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

OptionsSchedule::OptionsSchedule(std::vector<OptionsStep> steps) : steps_(std::move(steps)) {
  std::stable_sort(steps_.begin(), steps_.end(),
                   [](const OptionsStep& a, const OptionsStep& b) { return a.at < b.at; });
}

sip::Result<OptionsSchedule> OptionsSchedule::parse(std::string_view text,
                                                    const base::SourceLocation& where,
                                                    base::Diagnostics& diags) {
  auto malformed = [&](std::string message) -> std::error_code {
    base::report(diags, where, std::move(message));
    return SipsimErrc::kBadOptionsSchedule;
  };
  std::vector<OptionsStep> steps;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = trim_blanks(text.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) {
      return malformed("empty step in OPTIONS schedule (expected e.g. `200@0s,silent@5s`)");
    }
    const std::size_t at = item.find('@');
    const std::string_view answer = trim_blanks(item.substr(0, at));
    OptionsStep step;
    if (answer == "silent") {
      step.status = 0;
    } else {
      int status = 0;
      const auto [end, ec] = std::from_chars(answer.data(), answer.data() + answer.size(), status);
      if (ec != std::errc() || end != answer.data() + answer.size() || status < 200 ||
          status > 699) {
        return malformed(
            fmt::format("`{}`: an OPTIONS answer is a status 200-699 or `silent`", answer));
      }
      step.status = status;
    }
    if (at != std::string_view::npos) {
      base::DurationRules rules;
      rules.step = std::chrono::milliseconds(1);
      rules.former_bare_unit = "ms";
      const base::Result<std::chrono::microseconds> when = base::parse_duration(
          trim_blanks(item.substr(at + 1)), fmt::format("`{}`", item), where, diags, rules);
      if (!when) return std::error_code(SipsimErrc::kBadOptionsSchedule);
      step.at = std::chrono::duration_cast<std::chrono::milliseconds>(*when);
    }
    steps.push_back(step);
    if (comma == text.size()) break;
  }
  return OptionsSchedule(std::move(steps));
}

std::optional<OptionsSchedule> OptionsSchedule::parse(std::string_view text, std::string& error) {
  base::Diagnostics diags;
  sip::Result<OptionsSchedule> schedule = parse(text, {}, diags);
  if (schedule) return std::move(schedule).value();
  error = diags.empty() ? schedule.error().message() : diags.front().message;
  return std::nullopt;
}

OptionsStep OptionsSchedule::at(std::chrono::milliseconds elapsed) const {
  OptionsStep current;  // 200 from the start unless a step says otherwise
  for (const OptionsStep& step : steps_) {
    if (step.at > elapsed) break;
    current = step;
  }
  return current;
}

std::string OptionsSchedule::to_string() const {
  std::string out;
  for (const OptionsStep& step : steps_) {
    if (!out.empty()) out += ',';
    out += step.silent() ? std::string("silent") : std::to_string(step.status);
    out += "@" + base::duration_spelling(step.at);
  }
  return out;
}

}  // namespace sipconf::simulators
