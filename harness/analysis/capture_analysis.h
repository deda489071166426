#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "harness/analysis/call_metrics.h"
#include "harness/analysis/findings.h"
#include "harness/analysis/leg_pairing.h"
#include "harness/analysis/rtp_analyzer.h"
#include "harness/analysis/sip_trace.h"
#include "harness/capture/decode_stats.h"
#include "harness/capture/packet_decoder.h"
#include "harness/capture/sip_capture_decoder.h"
#include "sip/base/result.h"

namespace sipconf::harness {

/// One RTP stream as the analysis reports it.
struct RtpStreamSummary {
  std::size_t leg = kNoIndex;  ///< From the SDP of the legs; kNoIndex if none announced it.
  uint32_t ssrc = 0;
  Endpoint src;
  Endpoint dst;
  int payload_type = -1;  ///< The main (first voice) payload type.
  std::string codec;      ///< Every payload type seen, named: `PCMU, telephone-event`.
  uint64_t packets = 0;
  int64_t lost = 0;
  double jitter_ms = 0;
  double max_jitter_ms = 0;
  uint64_t first_ns = 0;
  uint64_t last_ns = 0;
  uint64_t telephone_events = 0;  ///< RFC 4733 events (DTMF digits).
  bool signalled = false;         ///< Its address was announced in SDP.
};

struct CaptureAnalysisOptions {
  /// Addresses of the middle element (the SUT) when known: legs are then paired exactly.
  std::vector<IpAddress> middle;
  DecoderOptions decoder;
};

/// Everything `sipconf analyze` and the wire judge learn from one capture.
struct CaptureAnalysis {
  SipTrace trace;
  std::vector<LegLink> links;
  std::vector<CallChain> calls;
  CallMetrics metrics;
  std::vector<Finding> findings;
  std::vector<RtpStreamSummary> rtp;
  DecodeStats packets;
  SipDecodeStats sip;
  RtpAnalyzerStats media;
  uint64_t first_ns = 0;  ///< First frame of the capture.
  uint64_t last_ns = 0;

  /// Microseconds from the first SIP message (the origin of results.json `t_us`).
  int64_t sip_time_us(uint64_t timestamp_ns) const;
};

/// Feeds decoded payloads through SIP decoding and RTP analysis in one pass (SDP is
/// seen before the media it announces, so streams are mapped to legs as they start),
/// then groups the SIP into calls and measures them. Usable on a file or on frames from
/// any other source.
class CaptureAnalyzer {
 public:
  explicit CaptureAnalyzer(const CaptureAnalysisOptions& options, int link_type);
  ~CaptureAnalyzer();
  CaptureAnalyzer(const CaptureAnalyzer&) = delete;
  CaptureAnalyzer& operator=(const CaptureAnalyzer&) = delete;

  void add_frame(const RawFrame& frame);
  /// A SIP message the capture cannot show in clear (a TLS leg), from an endpoint's own
  /// log. Frames and such messages must arrive in time order, as on the wire.
  void add_message(CapturedSipMessage&& message);
  /// Ends the input and computes the result; call once.
  CaptureAnalysis finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

/// Reads and analyses a pcap or pcapng file. A file that cannot be read at all (missing,
/// not a capture, an unsupported link type, cut off before its first packet) fails with its
/// CaptureErrc and one diagnostic for the file that says what to do (e.g. convert a NetMon
/// file with editcap). A file that breaks off later is analysed up to the break: the
/// analysis comes back with a diagnostic that says where.
sip::Result<CaptureAnalysis> analyze_capture_file(const std::filesystem::path& path,
                                                  const CaptureAnalysisOptions& options,
                                                  base::Diagnostics& diags);

}  // namespace sipconf::harness
