#include "harness/analysis/capture_analysis.h"

#include <algorithm>
#include <unordered_map>

#include "harness/analysis/sdp_media_map.h"
#include "harness/capture/pcap_file_reader.h"
#include "sip/sdp/sdp.h"

namespace sipconf::harness {
namespace {

/// The main payload type of a stream: the first one seen that carries voice (not
/// telephone-event or comfort noise), else the first one.
int main_payload_type(const RtpStream& stream) {
  const auto& seen = stream.rtp.stats().payload_types;
  int first = -1;
  for (std::size_t pt = 0; pt < seen.size(); ++pt) {
    if (!seen[pt]) continue;
    if (first < 0) first = static_cast<int>(pt);
    const std::string name = stream.payload_type_name(static_cast<uint8_t>(pt));
    if (name != "telephone-event" && name != "CN") return static_cast<int>(pt);
  }
  return first;
}

bool same_formats(const std::vector<MediaFormat>& a, const std::vector<MediaFormat>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const MediaFormat& x, const MediaFormat& y) {
                      return x.payload_type == y.payload_type && x.clock_rate == y.clock_rate &&
                             x.encoding == y.encoding;
                    });
}

}  // namespace

int64_t CaptureAnalysis::sip_time_us(uint64_t timestamp_ns) const {
  const uint64_t origin = trace.messages().empty() ? first_ns : trace.message(0).timestamp_ns();
  return (static_cast<int64_t>(timestamp_ns) - static_cast<int64_t>(origin)) / 1000;
}

/// Sits between the SIP decoder and the trace: every message goes into the trace, and
/// the media its SDP announces is declared to the RTP analyser before that media arrives.
/// Hands datagrams that are not SIP to the RTP analyser. Not in the anonymous namespace:
/// CaptureAnalyzer::Impl holds one, and a member of internal-linkage type is an error in a
/// unity batch (-Wsubobject-linkage).
class MediaVisitor final : public PayloadVisitor {
 public:
  explicit MediaVisitor(RtpAnalyzer& rtp) : rtp_(rtp) {}
  void on_datagram(const Datagram& datagram) override { rtp_.on_datagram(datagram); }
  void on_tcp_chunk(const TcpChunk& /*chunk*/) override {}

 private:
  RtpAnalyzer& rtp_;
};

class CaptureAnalyzer::Impl final : public SipMessageSink {
 public:
  Impl(const CaptureAnalysisOptions& options, int link_type)
      : options_(options),
        media_visitor_(rtp_),
        sip_decoder_(*this, &media_visitor_),
        packet_decoder_(link_type, sip_decoder_, options.decoder) {}

  void on_sip_message(CapturedSipMessage&& message) override {
    const bool sdp = message.facts.sdp && message.message.has_value();
    result_.trace.on_sip_message(std::move(message));
    if (!sdp) return;
    const std::size_t index = result_.trace.messages().size() - 1;
    const TracedSipMessage& traced = result_.trace.message(index);
    std::error_code ec;
    const auto description = sip::parse_sdp(traced.captured.message->body(), ec);
    if (!description) return;
    for (const ExpectedMedia& media : announced_media(*description)) {
      // Media ports are reused from call to call; declaring the same address again
      // with the same formats would only make the analyser revisit its streams.
      auto [known, inserted] = declared_.try_emplace(media.endpoint, media.formats);
      if (inserted || !same_formats(known->second, media.formats)) {
        known->second = media.formats;
        rtp_.expect_media(media);
      }
      media_map_.announce(media, traced.leg, traced.timestamp_ns());
    }
  }

  void add_frame(const RawFrame& frame) {
    if (result_.first_ns == 0 || frame.timestamp_ns < result_.first_ns) {
      result_.first_ns = frame.timestamp_ns;
    }
    result_.last_ns = std::max(result_.last_ns, frame.timestamp_ns);
    packet_decoder_.decode(frame);
  }

  void add_message(CapturedSipMessage&& message) {
    if (result_.first_ns == 0 || message.timestamp_ns < result_.first_ns) {
      result_.first_ns = message.timestamp_ns;
    }
    result_.last_ns = std::max(result_.last_ns, message.timestamp_ns);
    on_sip_message(std::move(message));
  }

  CaptureAnalysis finish() {
    packet_decoder_.finish();
    sip_decoder_.finish();
    result_.packets = packet_decoder_.stats();
    result_.sip = sip_decoder_.stats();
    result_.media = rtp_.stats();

    LegPairingOptions pairing;
    pairing.middle = options_.middle;
    result_.links = pair_legs(result_.trace.legs(), pairing);
    result_.calls = chain_calls(result_.trace.legs(), result_.links);
    result_.metrics = compute_call_metrics(result_.trace, result_.links, result_.calls);
    FindingOptions findings;
    findings.capture_start_ns = result_.first_ns;
    findings.capture_end_ns = result_.last_ns;
    result_.findings = find_violations(result_.trace, findings);

    for (const RtpStream* stream : rtp_.streams()) {
      const RtpStreamStats& s = stream->rtp.stats();
      RtpStreamSummary summary;
      summary.ssrc = stream->key.ssrc;
      summary.src = stream->key.src;
      summary.dst = stream->key.dst;
      summary.leg = media_map_.leg_of(summary.src, summary.dst, s.first_arrival_ns);
      summary.payload_type = main_payload_type(*stream);
      summary.codec = stream->payload_type_names();
      summary.packets = s.packets;
      summary.lost = s.lost;
      summary.jitter_ms = s.jitter_ms;
      summary.max_jitter_ms = s.max_jitter_ms;
      summary.first_ns = s.first_arrival_ns;
      summary.last_ns = s.last_arrival_ns;
      summary.telephone_events = s.telephone_events.size();
      summary.signalled = stream->signalled;
      result_.rtp.push_back(std::move(summary));
    }
    return std::move(result_);
  }

 private:
  CaptureAnalysisOptions options_;
  RtpAnalyzer rtp_;
  MediaVisitor media_visitor_;
  SipCaptureDecoder sip_decoder_;
  PacketDecoder packet_decoder_;
  SdpMediaMap media_map_;
  std::unordered_map<Endpoint, std::vector<MediaFormat>, EndpointHash> declared_;
  CaptureAnalysis result_;
};

CaptureAnalyzer::CaptureAnalyzer(const CaptureAnalysisOptions& options, int link_type)
    : impl_(std::make_unique<Impl>(options, link_type)) {}

CaptureAnalyzer::~CaptureAnalyzer() = default;

void CaptureAnalyzer::add_frame(const RawFrame& frame) { impl_->add_frame(frame); }

void CaptureAnalyzer::add_message(CapturedSipMessage&& message) {
  impl_->add_message(std::move(message));
}

CaptureAnalysis CaptureAnalyzer::finish() { return impl_->finish(); }

sip::Result<CaptureAnalysis> analyze_capture_file(const std::filesystem::path& path,
                                                  const CaptureAnalysisOptions& options,
                                                  base::Diagnostics& diags) {
  sip::Result<PcapFileReader> reader = PcapFileReader::open(path, diags);
  if (!reader) return reader.error();
  CaptureAnalyzer analyzer(options, reader->link_type());
  RawFrame frame;
  sip::Result<PcapFileReader::Next> next = PcapFileReader::Next::kFrame;
  while ((next = reader->next(frame, diags)) && *next == PcapFileReader::Next::kFrame) {
    analyzer.add_frame(frame);
  }
  // A break after the first packet leaves something to analyse; before it, nothing.
  if (!next && reader->frames_read() == 0) return next.error();
  return analyzer.finish();
}

}  // namespace sipconf::harness
