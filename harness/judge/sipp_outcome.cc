#include "harness/judge/sipp_outcome.h"

#include <fmt/format.h>

#include <charconv>
#include <fstream>
#include <sstream>
#include <vector>

#include "base/text_pattern.h"

namespace sipconf::harness {
namespace {

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  while (true) {
    const std::size_t at = line.find(separator);
    fields.push_back(line.substr(0, at));
    if (at == std::string_view::npos) break;
    line.remove_prefix(at + 1);
  }
  return fields;
}

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

}  // namespace

std::int64_t SippStats::get(std::string_view name) const {
  const auto it = counters.find(name);
  return it == counters.end() ? 0 : it->second;
}

std::optional<SippStats> parse_sipp_stats(std::string_view csv) {
  std::vector<std::string_view> lines;
  for (std::string_view line : split(csv, '\n')) {
    line = strip_cr(line);
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.size() < 2) return std::nullopt;
  const std::vector<std::string_view> header = split(lines.front(), ';');
  // The last line may be cut short if SIPp was killed while writing; take the last
  // line that has every column.
  for (auto line = lines.rbegin(); line != lines.rend() - 1; ++line) {
    const std::vector<std::string_view> values = split(*line, ';');
    if (values.size() < header.size()) continue;
    SippStats stats;
    for (std::size_t i = 0; i < header.size(); ++i) {
      std::int64_t value = 0;
      const std::string_view text = values[i];
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc() && end == text.data() + text.size() && !header[i].empty()) {
        stats.counters.emplace(std::string(header[i]), value);
      }
    }
    return stats;
  }
  return std::nullopt;
}

std::optional<SippStats> read_sipp_stats(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return parse_sipp_stats(text.str());
}

std::string first_sipp_error(std::string_view stderr_text) {
  // SIPp prefixes errors with "<date>\t<time>\t<epoch>: "; other lines (e.g.
  // "Resolving remote host...") are progress, not errors.
  static const base::TextPattern stamped("^[0-9-]+\t[0-9:.]+\t[0-9.]+: (.*)$");
  for (std::string_view line : split(stderr_text, '\n')) {
    const std::string text(strip_cr(line));
    if (auto groups = stamped.match_groups(text)) return groups->at(0);
  }
  for (std::string_view line : split(stderr_text, '\n')) {
    line = strip_cr(line);
    if (!line.empty() && line.rfind("Resolving remote host", 0) != 0) return std::string(line);
  }
  return {};
}

SippOutcome interpret_sipp_exit(const ProcessExit& exit, std::string_view stderr_text,
                                bool stats_written) {
  SippOutcome outcome;
  if (exit.signalled) {
    outcome.end = SippEnd::killed;
    return outcome;
  }
  const std::string complaint = first_sipp_error(stderr_text);
  switch (exit.code) {
    case 0:
      outcome.end = SippEnd::all_calls_succeeded;
      break;
    case 1:
      // SIPp also exits 1 when it cannot load its scenario; it has then run no call
      // and written no statistics.
      outcome.end = stats_written ? SippEnd::calls_failed : SippEnd::start_failed;
      break;
    case 97:
      outcome.end = SippEnd::internal_command;
      break;
    case 99:
      outcome.end = SippEnd::no_calls;
      break;
    case 254:
      outcome.end = SippEnd::bind_error;
      break;
    default:
      outcome.end = SippEnd::fatal_error;
      break;
  }
  if (outcome.end != SippEnd::all_calls_succeeded) outcome.detail = complaint;
  return outcome;
}

bool SippOutcome::is_environment_problem() const {
  return end == SippEnd::bind_error || end == SippEnd::fatal_error || end == SippEnd::start_failed;
}

std::string SippOutcome::describe(const ProcessExit& exit) const {
  std::string meaning;
  switch (end) {
    case SippEnd::all_calls_succeeded:
      meaning = "all calls successful";
      break;
    case SippEnd::calls_failed:
      meaning = "at least one call failed";
      break;
    case SippEnd::internal_command:
      meaning = "stopped by an internal command";
      break;
    case SippEnd::no_calls:
      meaning = "no call processed";
      break;
    case SippEnd::bind_error:
      meaning = "port in use";
      break;
    case SippEnd::fatal_error:
      meaning = "fatal error";
      break;
    case SippEnd::start_failed:
      meaning = "could not start";
      break;
    case SippEnd::killed:
      return exit.describe();
  }
  return fmt::format("{} ({})", exit.describe(), meaning);
}

std::optional<SippVersion> parse_sipp_version(std::string_view banner) {
  static const base::TextPattern pattern("SIPp v([0-9][0-9A-Za-z.]*)([-A-Za-z0-9]*)");
  const std::optional<std::vector<std::string>> groups = pattern.search_groups(banner);
  if (!groups) return std::nullopt;
  SippVersion version;
  version.version = groups->at(0);
  const std::string& features = groups->at(1);
  version.tls = features.find("TLS") != std::string::npos;
  return version;
}

}  // namespace sipconf::harness
