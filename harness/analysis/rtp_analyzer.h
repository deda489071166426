#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "harness/analysis/rtp_stats.h"
#include "harness/capture/ip_endpoint.h"
#include "harness/capture/payload_visitor.h"
#include "sip/rtp/rtcp_packet.h"
#include "sip/rtp/rtp_packet.h"

namespace sipconf::harness {

/// A payload type as an SDP rtpmap describes it ("a=rtpmap:101 telephone-event/8000").
struct MediaFormat {
  uint8_t payload_type = 0;
  std::string encoding;  ///< "PCMU", "telephone-event", ...
  uint32_t clock_rate = 0;
};

/// A media address learned from SDP: RTP sent to or from it is analysed without
/// waiting for heuristics, and its payload types get the given names and clock rates.
struct ExpectedMedia {
  Endpoint endpoint;  ///< c= address and m= port.
  std::vector<MediaFormat> formats;
};

/// RTP streams are told apart by SSRC and by 5-tuple (the same SSRC relayed on two
/// legs by a B2BUA is two streams).
struct RtpStreamKey {
  Endpoint src;
  Endpoint dst;
  uint32_t ssrc = 0;
  friend bool operator==(const RtpStreamKey&, const RtpStreamKey&) = default;
};

struct RtcpStreamStats {
  uint64_t packets = 0;  ///< RTCP datagrams sent by this stream's source (SR/RR sender SSRC).
  uint64_t sender_reports = 0;
  uint64_t receiver_reports = 0;
  bool has_sender_info = false;
  sip::RtcpSenderInfo last_sender_info;  ///< From the last SR: the sender's packet/octet counts.
  uint64_t reports_received = 0;         ///< Report blocks about this stream sent by its receiver.
  bool has_report = false;
  sip::RtcpReportBlock last_report;
};

struct RtpStream {
  RtpStreamKey key;
  bool signalled = false;            ///< Matched an ExpectedMedia rather than found heuristically.
  std::vector<MediaFormat> formats;  ///< From ExpectedMedia, used to name payload types.
  RtpStats rtp;
  RtcpStreamStats rtcp;

  /// "PCMA", "telephone-event", or "PT 97" for a payload type nobody described.
  std::string payload_type_name(uint8_t payload_type) const;
  /// Names of every payload type seen, comma-separated in numeric order.
  std::string payload_type_names() const;
};

struct RtpAnalyzerOptions {
  /// Consecutive packets (same 5-tuple and SSRC, advancing sequence and timestamp)
  /// needed before an unsignalled flow counts as RTP. They are then counted too.
  uint8_t probation_packets = 3;
  size_t max_candidates = 16384;
  size_t max_streams = 65536;
};

struct RtpAnalyzerStats {
  uint64_t rtp_packets = 0;  ///< Packets counted in a stream.
  uint64_t rtcp_packets = 0;
  uint64_t rtcp_unmatched = 0;       ///< RTCP naming no known stream.
  uint64_t probation_discarded = 0;  ///< Packets of candidates that did not turn out RTP.
  uint64_t streams_dropped = 0;      ///< Streams refused beyond max_streams.
};

/// Finds RTP and RTCP among UDP datagrams and keeps per-stream statistics. Media is
/// recognised from expect_media() (SDP) or heuristically: version 2, a plausible
/// payload type (0-34 or 96-127), and `probation_packets` consecutive packets with one
/// SSRC. RTCP is recognised by strict compound-packet validation, on any port (port+1
/// or rtcp-mux alike), and attributed to streams by SSRC; a sender report also confirms
/// a candidate stream with its SSRC. Dynamic payload types with
/// no SDP description that carry 4-byte payloads with a DTMF event code (0-16) are
/// taken for RFC 4733 telephone-event at 8000 Hz.
class RtpAnalyzer {
 public:
  enum class Kind { kNotMedia, kRtp, kRtcp, kProbation };

  explicit RtpAnalyzer(RtpAnalyzerOptions options = {});
  ~RtpAnalyzer();
  RtpAnalyzer(const RtpAnalyzer&) = delete;
  RtpAnalyzer& operator=(const RtpAnalyzer&) = delete;

  /// Declares a media endpoint (may be called at any time; later packets use it).
  void expect_media(const ExpectedMedia& media);

  /// Examines one datagram; allocation-free for packets of known streams.
  Kind on_datagram(const Datagram& datagram);

  /// Streams in order of their first packet.
  std::vector<const RtpStream*> streams() const;
  const RtpAnalyzerStats& stats() const { return stats_; }

 private:
  struct StreamKeyHash {
    size_t operator()(const RtpStreamKey& k) const noexcept;
  };
  struct PairKey {
    Endpoint src;
    Endpoint dst;
    friend bool operator==(const PairKey&, const PairKey&) = default;
  };
  struct PairKeyHash {
    size_t operator()(const PairKey& k) const noexcept;
  };
  static constexpr size_t kMaxProbation = 8;
  struct Candidate {
    uint32_t ssrc = 0;
    uint8_t count = 0;
    std::array<RtpPacketInfo, kMaxProbation> packets;
  };

  using CandidateMap = std::unordered_map<PairKey, Candidate, PairKeyHash>;

  RtpPacketInfo describe(const Datagram& d, const sip::RtpPacket& rtp,
                         const std::vector<MediaFormat>* formats) const;
  const ExpectedMedia* find_expected(const Datagram& d) const;
  RtpStream* create_stream(const RtpStreamKey& key, const ExpectedMedia* expected);
  Kind on_candidate(const Datagram& d, const sip::RtpPacket& rtp);
  /// Turns a candidate into a stream, replaying its packets; erases the candidate.
  RtpStream* promote(CandidateMap::iterator it);
  void promote_candidates_of(uint32_t ssrc, const IpAddress& source);
  void on_rtcp(const Datagram& d);

  RtpAnalyzerOptions options_;
  std::vector<ExpectedMedia> expected_;
  std::unordered_map<Endpoint, size_t, EndpointHash> expected_index_;
  std::vector<std::unique_ptr<RtpStream>> streams_;
  std::unordered_map<RtpStreamKey, RtpStream*, StreamKeyHash> stream_index_;
  std::unordered_multimap<uint32_t, RtpStream*> streams_by_ssrc_;
  CandidateMap candidates_;
  RtpStream* last_stream_ = nullptr;  ///< Media comes in runs; skips the hash lookup.
  RtpAnalyzerStats stats_;
};

}  // namespace sipconf::harness
