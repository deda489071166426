#include "harness/analysis/sipsim_message_log.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>

#include "harness/capture/pcap_file_reader.h"

namespace sipconf::harness {
namespace {

/// A log record's field, or why the line is not one.
bool string_field(const nlohmann::json& line, const char* key, std::string& out,
                  std::string& problem) {
  const auto it = line.find(key);
  if (it == line.end() || !it->is_string()) {
    problem = fmt::format("no string \"{}\"", key);
    return false;
  }
  out = it->get<std::string>();
  return true;
}

bool read_record(const std::string& text, std::string_view transport, LoggedSipMessage& message,
                 bool& wanted, std::string& problem) {
  const nlohmann::json line = nlohmann::json::parse(text, nullptr, false);
  if (line.is_discarded() || !line.is_object()) {
    problem = "not a JSON object";
    return false;
  }
  std::string kind, direction, local, remote;
  if (!string_field(line, "transport", kind, problem) ||
      !string_field(line, "direction", direction, problem) ||
      !string_field(line, "local", local, problem) ||
      !string_field(line, "remote", remote, problem) ||
      !string_field(line, "raw", message.raw, problem)) {
    return false;
  }
  const auto epoch = line.find("epoch_us");
  if (epoch == line.end() || !epoch->is_number_integer() || epoch->get<std::int64_t>() < 0) {
    problem = "no \"epoch_us\" count of microseconds";
    return false;
  }
  if (direction != "in" && direction != "out") {
    problem = fmt::format("direction \"{}\" is neither in nor out", direction);
    return false;
  }
  const std::optional<Endpoint> near = Endpoint::parse(local);
  const std::optional<Endpoint> far = Endpoint::parse(remote);
  if (!near || !far) {
    problem = fmt::format("address \"{}\" is not ip:port", near ? remote : local);
    return false;
  }
  wanted = kind == transport;
  message.timestamp_ns = epoch->get<std::uint64_t>() * 1000;
  message.src = direction == "out" ? *near : *far;
  message.dst = direction == "out" ? *far : *near;
  message.sent = direction == "out";
  return true;
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

std::error_code read_sipsim_message_log(const std::filesystem::path& file,
                                        std::string_view transport, MessageLogRead& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::make_error_code(std::errc::no_such_file_or_directory);
  std::string text;
  while (std::getline(in, text)) {
    ++out.lines;
    if (text.empty()) continue;
    LoggedSipMessage message;
    bool wanted = false;
    std::string problem;
    if (!read_record(text, transport, message, wanted, problem)) {
      if (out.malformed++ == 0) {
        out.first_problem = fmt::format("{}:{}: {}", file.string(), out.lines, problem);
      }
      continue;
    }
    if (wanted) out.messages.push_back(std::move(message));
  }
  return {};
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
    MessageLogRead log;
    if (read_sipsim_message_log(sipsim_message_log_path(case_directory, endpoint.name), "TLS",
                                log)) {
      continue;  // It never started: its process expectations say so.
    }
    if (out.malformed_lines == 0 && log.malformed > 0) out.first_problem = log.first_problem;
    out.malformed_lines += log.malformed;
    std::vector<IpAddress> own;
    for (LoggedSipMessage& message : log.messages) {
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

std::error_code analyze_capture_with_logged_sip(const std::filesystem::path& pcap,
                                                std::vector<LoggedSipMessage> logged,
                                                const CaptureAnalysisOptions& options,
                                                CaptureAnalysis& out, std::string& error) {
  // Logs are each in order, but several are merged; stable keeps a log's own order for
  // messages within the same microsecond.
  std::stable_sort(logged.begin(), logged.end(),
                   [](const LoggedSipMessage& a, const LoggedSipMessage& b) {
                     return a.timestamp_ns < b.timestamp_ns;
                   });
  std::error_code ec;
  auto reader = PcapFileReader::open(pcap, ec, error);
  if (!reader) return ec;
  CaptureAnalyzer analyzer(options, reader->link_type());
  auto next_logged = logged.begin();
  RawFrame frame;
  PcapFileReader::Next next;
  while ((next = reader->next(frame)) == PcapFileReader::Next::kFrame) {
    for (; next_logged != logged.end() && next_logged->timestamp_ns <= frame.timestamp_ns;
         ++next_logged) {
      analyzer.add_message(captured(std::move(*next_logged)));
    }
    analyzer.add_frame(frame);
  }
  for (; next_logged != logged.end(); ++next_logged) {
    analyzer.add_message(captured(std::move(*next_logged)));
  }
  out = analyzer.finish();
  if (next == PcapFileReader::Next::kError) {
    error = reader->error();
    return reader->error_code();
  }
  error.clear();
  return {};
}

}  // namespace sipconf::harness
