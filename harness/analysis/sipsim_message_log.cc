#include "harness/analysis/sipsim_message_log.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <utility>

#include "harness/capture/pcap_file_reader.h"

namespace sipconf::harness {
namespace {

/// A message of a log with the transport it was on, before the reader picks one transport.
struct LogRecord {
  std::string transport;
  LoggedSipMessage message;
};

/// Reports a line that is not a log record.
std::error_code malformed(base::Diagnostics& diags, const base::SourceLocation& where,
                          std::string message) {
  base::report(diags, where, std::move(message));
  return std::make_error_code(std::errc::bad_message);
}

/// A field read_record() has checked to be a string.
const std::string& string_field(const nlohmann::json& line, const char* key) {
  return line.find(key)->get_ref<const std::string&>();
}

/// One line of a log (at `where`) as a record; a line that is not one fails with
/// std::errc::bad_message and a diagnostic that says what is wrong with it.
sip::Result<LogRecord> read_record(const std::string& text, const base::SourceLocation& where,
                                   base::Diagnostics& diags) {
  const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) {
    return malformed(diags, where, "not a JSON object");
  }
  for (const char* key : {"transport", "direction", "local", "remote", "raw"}) {
    const auto it = line.find(key);
    if (it == line.end() || !it->is_string()) {
      return malformed(diags, where, fmt::format("no string \"{}\"", key));
    }
  }
  const auto epoch = line.find("epoch_us");
  if (epoch == line.end() || !epoch->is_number_integer() || epoch->get<std::int64_t>() < 0) {
    return malformed(diags, where, "no \"epoch_us\" count of microseconds");
  }
  const std::string& direction = string_field(line, "direction");
  if (direction != "in" && direction != "out") {
    return malformed(diags, where,
                     fmt::format("direction \"{}\" is neither in nor out", direction));
  }
  const std::string& local = string_field(line, "local");
  const std::string& remote = string_field(line, "remote");
  const std::optional<Endpoint> near = Endpoint::parse(local);
  const std::optional<Endpoint> far = Endpoint::parse(remote);
  if (!near || !far) {
    return malformed(diags, where,
                     fmt::format("address \"{}\" is not ip:port", near ? remote : local));
  }
  LogRecord record;
  record.transport = string_field(line, "transport");
  LoggedSipMessage& message = record.message;
  message.raw = string_field(line, "raw");
  message.timestamp_ns = epoch->get<std::uint64_t>() * 1000;
  message.sent = direction == "out";
  message.src = message.sent ? *near : *far;
  message.dst = message.sent ? *far : *near;
  return record;
}

CapturedSipMessage captured(LoggedSipMessage&& logged) {
  CapturedSipMessage message = parse_captured_message(logged.raw, SipTransport::kTls);
  message.timestamp_ns = logged.timestamp_ns;
  message.src = logged.src;
  message.dst = logged.dst;
  return message;
}

}  // namespace

std::filesystem::path sipsim_message_log_path(const std::filesystem::path& case_directory,
                                              const std::string& endpoint) {
  return case_directory / (endpoint + "_messages.jsonl");
}

sip::Result<MessageLogRead> read_sipsim_message_log(const std::filesystem::path& file,
                                                    std::string_view transport) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::make_error_code(std::errc::no_such_file_or_directory);
  MessageLogRead out;
  std::string text;
  while (std::getline(in, text)) {
    ++out.lines;
    if (text.empty()) continue;
    base::Diagnostics problem;
    sip::Result<LogRecord> record =
        read_record(text, {file, static_cast<int>(out.lines), 0}, problem);
    if (!record) {
      if (out.malformed++ == 0) out.first_problem = std::move(problem.front());
      continue;
    }
    if (record->transport == transport) out.messages.push_back(std::move(record->message));
  }
  return out;
}

LoggedTlsSip read_logged_tls_sip(const manifest::CaseManifest& manifest,
                                 const std::filesystem::path& case_directory) {
  LoggedTlsSip out;
  std::vector<IpAddress> covered;
  auto is_covered = [&](const IpAddress& ip) {
    return std::find(covered.begin(), covered.end(), ip) != covered.end();
  };
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    if (endpoint.driver != manifest::Driver::sipsim ||
        endpoint.transport != manifest::Transport::tls) {
      continue;
    }
    sip::Result<MessageLogRead> log =
        read_sipsim_message_log(sipsim_message_log_path(case_directory, endpoint.name), "TLS");
    if (!log) continue;  // It never started: its process expectations say so.
    if (!out.first_problem) out.first_problem = log->first_problem;
    out.malformed_lines += log->malformed;
    std::vector<IpAddress> own;
    for (LoggedSipMessage& message : log->messages) {
      if (is_covered(message.peer())) continue;
      if (std::find(own.begin(), own.end(), message.writer()) == own.end()) {
        own.push_back(message.writer());
      }
      out.messages.push_back(std::move(message));
    }
    covered.insert(covered.end(), own.begin(), own.end());
  }
  return out;
}

sip::Result<CaptureAnalysis> analyze_capture_with_logged_sip(const std::filesystem::path& pcap,
                                                             std::vector<LoggedSipMessage> logged,
                                                             const CaptureAnalysisOptions& options,
                                                             base::Diagnostics& diags) {
  // Logs are each in order, but several are merged; stable keeps a log's own order for
  // messages within the same microsecond.
  std::stable_sort(logged.begin(), logged.end(),
                   [](const LoggedSipMessage& a, const LoggedSipMessage& b) {
                     return a.timestamp_ns < b.timestamp_ns;
                   });
  sip::Result<PcapFileReader> reader = PcapFileReader::open(pcap, diags);
  if (!reader) return reader.error();
  CaptureAnalyzer analyzer(options, reader->link_type());
  auto next_logged = logged.begin();
  RawFrame frame;
  sip::Result<PcapFileReader::Next> next = PcapFileReader::Next::kFrame;
  while ((next = reader->next(frame, diags)) && *next == PcapFileReader::Next::kFrame) {
    for (; next_logged != logged.end() && next_logged->timestamp_ns <= frame.timestamp_ns;
         ++next_logged) {
      analyzer.add_message(captured(std::move(*next_logged)));
    }
    analyzer.add_frame(frame);
  }
  if (!next && reader->frames_read() == 0) return next.error();
  for (; next_logged != logged.end(); ++next_logged) {
    analyzer.add_message(captured(std::move(*next_logged)));
  }
  return analyzer.finish();
}

}  // namespace sipconf::harness
