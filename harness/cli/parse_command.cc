#include "harness/cli/parse_command.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>

#include "base/diagnostic.h"
#include "sip/base/result.h"
#include "sip/message/message_json.h"
#include "sip/message/message_parser.h"
#include "sip/message/request_checks.h"
#include "sip/message/stream_framer.h"

namespace sipconf::harness {
namespace {

using nlohmann::json;

/// Reads a whole file as bytes; a file that cannot be read fails with a diagnostic for it.
sip::Result<std::string> read_bytes(const std::filesystem::path& path, base::Diagnostics& diags) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    base::report(diags, {path}, "is a directory");
    return std::make_error_code(std::errc::is_a_directory);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno != 0 ? errno : EIO;  // an ifstream need not set errno
    base::report(diags, {path}, std::strerror(error));
    return std::error_code(error, std::generic_category());
  }
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    base::report(diags, {path}, "read error");
    return std::make_error_code(std::errc::io_error);
  }
  return bytes;
}

json check_json(const sip::RequestCheck& c) {
  json j = {{"status", c.status}};
  if (!c.ok()) {
    j["reason"] = c.reason;
    j["detail"] = sip::json_safe(c.detail);
  }
  if (!c.unsupported.empty()) j["unsupported"] = c.unsupported;
  return j;
}

/// The verdict and structure of one message.
json message_report(const std::string& bytes, const ParseCommandOptions& options, bool& valid) {
  sip::ParseOptions parse_options;
  parse_options.mode = options.lenient ? sip::ParseMode::lenient : sip::ParseMode::strict;
  parse_options.framing = options.stream ? sip::Framing::stream : sip::Framing::datagram;
  sip::ParseResult result = sip::parse_message(bytes, parse_options);
  valid = result.ok();
  json j = sip::to_json(result);
  j["verdict"] = result.ok() ? "valid" : "invalid";
  if (result.ok() && result.message->is_request()) {
    sip::RequestPolicy ua;
    sip::RequestPolicy proxy;
    proxy.role = sip::ElementRole::proxy;
    j["checks"] = {{"user_agent", check_json(sip::check_request_semantics(*result.message, ua))},
                   {"proxy", check_json(sip::check_request_semantics(*result.message, proxy))}};
  }
  return j;
}

/// A byte stream: the framer cuts messages, each is reported, then how the stream ended.
json stream_report(const std::string& bytes, const ParseCommandOptions& options, bool& valid) {
  sip::StreamFramer framer;
  framer.feed(bytes);
  json messages = json::array();
  std::size_t keepalives = 0;
  for (;;) {
    std::string frame;
    std::error_code ec;
    sip::FrameStatus status = framer.next(frame, ec);
    if (status == sip::FrameStatus::message) {
      bool ok = true;
      messages.push_back(message_report(frame, options, ok));
      valid = valid && ok;
    } else if (status == sip::FrameStatus::keepalive) {
      ++keepalives;
    } else {
      json end = {{"keepalives", keepalives}, {"unframed_bytes", framer.buffered()}};
      if (status == sip::FrameStatus::error) {
        valid = false;
        end["framing_error"] = sip::parse_error_name(ec);
        end["framing_error_message"] = ec.message();
      }
      return {{"messages", std::move(messages)}, {"stream", std::move(end)}};
    }
  }
}

}  // namespace

int run_parse_command(const ParseCommandOptions& options, std::ostream& out, std::ostream& err) {
  int status = kParseAllValid;
  for (const auto& path : options.files) {
    base::Diagnostics diags;
    const sip::Result<std::string> bytes = read_bytes(path, diags);
    if (!bytes) {
      for (const base::Diagnostic& d : diags) err << "sipconf parse: " << d.to_string() << "\n";
      status = kParseBadInput;
      continue;
    }
    bool valid = true;
    json report = options.stream ? stream_report(*bytes, options, valid)
                                 : message_report(*bytes, options, valid);
    report["file"] = path.string();
    out << (options.compact ? report.dump() : report.dump(2)) << "\n";
    if (!valid && status == kParseAllValid) status = kParseInvalidMessage;
  }
  return status;
}

void add_parse_command(CLI::App& app) {
  auto options = std::make_shared<ParseCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "parse", "Parse SIP messages from files: verdict, violations and structure as JSON");
  command->add_option("files", options->files, "files holding one SIP message each")->required();
  command->add_flag("--lenient", options->lenient,
                    "accept what a liberal element may, repair it and list every violation");
  command->add_flag("--stream", options->stream,
                    "each file is a TCP/TLS byte stream: frame messages by Content-Length");
  command->add_flag("--compact", options->compact, "one JSON document per line");
  command->callback([options] {
    int status = run_parse_command(*options, std::cout, std::cerr);
    if (status != kParseAllValid) throw CLI::RuntimeError(status);
  });
}

}  // namespace sipconf::harness
