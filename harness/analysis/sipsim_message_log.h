#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "harness/analysis/capture_analysis.h"
#include "harness/capture/ip_endpoint.h"
#include "harness/manifest/case_manifest.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// Where a sipsim endpoint of a case writes its message log (JSON lines, one per SIP
/// message sent or received; simulators/README.md "Message log").
std::filesystem::path sipsim_message_log_path(const std::filesystem::path& case_directory,
                                              const std::string& endpoint);

/// One message of a message log, as the analysis takes it.
struct LoggedSipMessage {
  uint64_t timestamp_ns = 0;
  Endpoint src;
  Endpoint dst;
  std::string raw;
  /// The log's writer sent it (direction `out`); else it received it.
  bool sent = false;

  const IpAddress& writer() const { return sent ? src.ip : dst.ip; }
  const IpAddress& peer() const { return sent ? dst.ip : src.ip; }
};

struct MessageLogRead {
  std::vector<LoggedSipMessage> messages;
  std::size_t lines = 0;
  /// Lines that are not a log record (not JSON, a field missing or of the wrong type, an
  /// address that does not parse): counted and left out, never fatal.
  std::size_t malformed = 0;
  /// What is wrong with the first malformed line, and where.
  std::optional<base::Diagnostic> first_problem;
};

/// Reads the messages of one transport (`TLS`, as sipsim writes it) from a message log.
/// A message sent is from the log's `local` to its `remote`, a message received the other
/// way. The log writes bytes that are not UTF-8 as `\xNN`; they are taken as written.
/// Fails only when the file cannot be opened (std::errc::no_such_file_or_directory).
sip::Result<MessageLogRead> read_sipsim_message_log(const std::filesystem::path& file,
                                                    std::string_view transport);

/// The SIP of a case's TLS legs, from the message logs of its sipsim endpoints whose
/// transport is TLS, in manifest order. A leg between two such endpoints (no SUT) is in
/// both logs and is taken from the first. Lines that are not records are counted in
/// `malformed_lines`, with what is wrong with the first one.
struct LoggedTlsSip {
  std::vector<LoggedSipMessage> messages;
  std::size_t malformed_lines = 0;
  std::optional<base::Diagnostic> first_problem;
};
LoggedTlsSip read_logged_tls_sip(const manifest::CaseManifest& manifest,
                                 const std::filesystem::path& case_directory);

/// Analyses a capture together with SIP that the capture only shows encrypted, read from
/// endpoints' logs: every logged message enters the analysis at its time among the
/// captured frames, so transactions, legs, the SDP that maps RTP to legs and the order
/// across legs come out as if the TLS leg had been readable on the wire. A missing or
/// unreadable capture fails, and one that breaks off is analysed up to the break, as for
/// analyze_capture_file.
sip::Result<CaptureAnalysis> analyze_capture_with_logged_sip(const std::filesystem::path& pcap,
                                                             std::vector<LoggedSipMessage> logged,
                                                             const CaptureAnalysisOptions& options,
                                                             base::Diagnostics& diags);

}  // namespace sipconf::harness
