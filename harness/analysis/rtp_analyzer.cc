#include "harness/analysis/rtp_analyzer.h"

#include <strings.h>
#include <algorithm>
#include <iterator>

#include <fmt/format.h>

#include "sip/rtp/static_payload.h"
#include "sip/rtp/telephone_event.h"

namespace sipconf::harness {
namespace {

constexpr uint32_t kTelephoneEventClockRate = 8000;
constexpr uint8_t kHighestDtmfEvent = 16;

/// RFC 3551 static types and the dynamic range; 35-95 are unassigned or collide with
/// RTCP under rtcp-mux, so a payload type there means "not RTP" to the heuristic.
bool plausible_payload_type(uint8_t pt) { return pt <= 34 || pt >= 96; }

bool is_telephone_event_encoding(const std::string& encoding) {
  return strcasecmp(encoding.c_str(), "telephone-event") == 0;
}

constexpr uint8_t kComfortNoise = 13;
constexpr uint8_t kOldComfortNoise = 19;

const MediaFormat* find_format(const std::vector<MediaFormat>* formats, uint8_t pt) {
  if (formats == nullptr) return nullptr;
  for (const MediaFormat& f : *formats) {
    if (f.payload_type == pt) return &f;
  }
  return nullptr;
}

}  // namespace

std::string RtpStream::payload_type_name(uint8_t payload_type) const {
  const MediaFormat* f = find_format(&formats, payload_type);
  if (f != nullptr) return f->encoding;
  if (const auto* s = sip::static_payload_format(payload_type)) return std::string(s->encoding);
  if (rtp.stats().telephone_event_packets > 0 && payload_type >= 96) return "telephone-event";
  return fmt::format("PT {}", payload_type);
}

std::string RtpStream::payload_type_names() const {
  std::string names;
  const auto& seen = rtp.stats().payload_types;
  for (size_t pt = 0; pt < seen.size(); ++pt) {
    if (!seen[pt]) continue;
    if (!names.empty()) names += ", ";
    names += payload_type_name(static_cast<uint8_t>(pt));
  }
  return names;
}

size_t RtpAnalyzer::StreamKeyHash::operator()(const RtpStreamKey& k) const noexcept {
  const EndpointHash h;
  return hash_combine(hash_combine(h(k.src), h(k.dst)), k.ssrc);
}

size_t RtpAnalyzer::PairKeyHash::operator()(const PairKey& k) const noexcept {
  const EndpointHash h;
  return hash_combine(h(k.src), h(k.dst));
}

RtpAnalyzer::RtpAnalyzer(RtpAnalyzerOptions options) : options_(options) {
  options_.probation_packets =
      std::clamp<uint8_t>(options_.probation_packets, 1, static_cast<uint8_t>(kMaxProbation));
}

RtpAnalyzer::~RtpAnalyzer() = default;

void RtpAnalyzer::expect_media(const ExpectedMedia& media) {
  auto [it, inserted] = expected_index_.try_emplace(media.endpoint, expected_.size());
  if (inserted) {
    expected_.push_back(media);
  } else {
    expected_[it->second].formats = media.formats;
  }
  // Streams found before the SDP was seen learn their payload names now.
  for (auto& stream : streams_) {
    if (stream->key.dst == media.endpoint || stream->key.src == media.endpoint) {
      stream->formats = media.formats;
      stream->signalled = true;
    }
  }
}

const ExpectedMedia* RtpAnalyzer::find_expected(const Datagram& d) const {
  if (expected_index_.empty()) return nullptr;
  auto it = expected_index_.find(d.dst);
  if (it == expected_index_.end()) it = expected_index_.find(d.src);
  return it == expected_index_.end() ? nullptr : &expected_[it->second];
}

RtpPacketInfo RtpAnalyzer::describe(const Datagram& d, const sip::RtpPacket& rtp,
                                    const std::vector<MediaFormat>* formats) const {
  const sip::RtpHeader& h = rtp.header;
  RtpPacketInfo info;
  info.arrival_ns = d.timestamp_ns;
  info.sequence = h.sequence;
  info.rtp_timestamp = h.timestamp;
  info.payload_type = h.payload_type;
  info.marker = h.marker;
  info.datagram_bytes = static_cast<uint32_t>(d.payload.size());
  info.payload_bytes = static_cast<uint32_t>(rtp.payload.size());
  if (const MediaFormat* f = find_format(formats, h.payload_type)) {
    info.clock_rate = f->clock_rate;
    if (is_telephone_event_encoding(f->encoding)) {
      if (const auto event = sip::parse_telephone_event(rtp.payload)) {
        info.is_telephone_event = true;
        info.event = *event;
      }
    }
    info.is_comfort_noise = strcasecmp(f->encoding.c_str(), "CN") == 0;
  } else if (h.payload_type < 96) {
    if (const auto* s = sip::static_payload_format(h.payload_type)) info.clock_rate = s->clock_rate;
    info.is_comfort_noise = h.payload_type == kComfortNoise || h.payload_type == kOldComfortNoise;
  } else if (rtp.payload.size() == 4) {
    const auto event = sip::parse_telephone_event(rtp.payload);
    if (event && event->event <= kHighestDtmfEvent) {
      info.is_telephone_event = true;
      info.event = *event;
      info.clock_rate = kTelephoneEventClockRate;
    }
  }
  return info;
}

RtpStream* RtpAnalyzer::create_stream(const RtpStreamKey& key, const ExpectedMedia* expected) {
  if (streams_.size() >= options_.max_streams) {
    ++stats_.streams_dropped;
    return nullptr;
  }
  auto stream = std::make_unique<RtpStream>();
  stream->key = key;
  if (expected != nullptr) {
    stream->signalled = true;
    stream->formats = expected->formats;
  }
  RtpStream* raw = stream.get();
  streams_.push_back(std::move(stream));
  stream_index_.emplace(key, raw);
  streams_by_ssrc_.emplace(key.ssrc, raw);
  return raw;
}

RtpAnalyzer::Kind RtpAnalyzer::on_datagram(const Datagram& d) {
  const std::span<const uint8_t> bytes = d.payload;
  if (bytes.size() < 8) return Kind::kNotMedia;  // not even an RTCP header and sender SSRC
  // SIP, STUN, DTLS and most other UDP traffic fail on the first byte (the version).
  const auto parsed = sip::parse_rtp(bytes);
  if (!parsed) {
    // An RTCP packet type (RFC 5761 §4): RTCP on the RTP port (rtcp-mux) or on its own.
    if (parsed.error() != sip::RtpError::rtcp_packet_type || !sip::is_rtcp_compound(bytes)) {
      return Kind::kNotMedia;
    }
    on_rtcp(d);
    return Kind::kRtcp;
  }
  const sip::RtpPacket& rtp = *parsed;

  const RtpStreamKey key{d.src, d.dst, rtp.header.ssrc};
  RtpStream* stream = nullptr;
  if (last_stream_ != nullptr && last_stream_->key == key) {
    stream = last_stream_;
  } else if (auto it = stream_index_.find(key); it != stream_index_.end()) {
    stream = it->second;
  } else if (const ExpectedMedia* expected = find_expected(d)) {
    stream = create_stream(key, expected);
    if (stream == nullptr) return Kind::kNotMedia;
  } else {
    return on_candidate(d, rtp);
  }
  last_stream_ = stream;
  stream->rtp.add(describe(d, rtp, &stream->formats));
  ++stats_.rtp_packets;
  return Kind::kRtp;
}

RtpAnalyzer::Kind RtpAnalyzer::on_candidate(const Datagram& d, const sip::RtpPacket& rtp) {
  const sip::RtpHeader& h = rtp.header;
  if (!plausible_payload_type(h.payload_type)) return Kind::kNotMedia;
  if (candidates_.size() >= options_.max_candidates) {
    for (const auto& [key, c] : candidates_) stats_.probation_discarded += c.count;
    candidates_.clear();
  }
  auto [it, inserted] = candidates_.try_emplace(PairKey{d.src, d.dst});
  Candidate& c = it->second;
  if (!inserted) {
    const RtpPacketInfo& last = c.packets[c.count - 1];
    const uint16_t ahead = static_cast<uint16_t>(h.sequence - last.sequence);
    const int32_t ts_delta = static_cast<int32_t>(h.timestamp - last.rtp_timestamp);
    if (c.ssrc != h.ssrc || ahead == 0 || ahead > 16 || ts_delta < 0) {
      stats_.probation_discarded += c.count;
      c.count = 0;
    }
  }
  if (c.count == 0) c.ssrc = h.ssrc;
  c.packets[c.count++] = describe(d, rtp, nullptr);
  if (c.count < options_.probation_packets) return Kind::kProbation;

  RtpStream* stream = promote(it);
  if (stream == nullptr) return Kind::kNotMedia;
  last_stream_ = stream;
  return Kind::kRtp;
}

RtpStream* RtpAnalyzer::promote(CandidateMap::iterator it) {
  const Candidate& c = it->second;
  RtpStream* stream = create_stream(RtpStreamKey{it->first.src, it->first.dst, c.ssrc}, nullptr);
  if (stream != nullptr) {
    for (uint8_t i = 0; i < c.count; ++i) stream->rtp.add(c.packets[i]);
    stats_.rtp_packets += c.count;
  } else {
    stats_.probation_discarded += c.count;
  }
  candidates_.erase(it);
  return stream;
}

void RtpAnalyzer::promote_candidates_of(uint32_t ssrc, const IpAddress& source) {
  for (auto it = candidates_.begin(); it != candidates_.end();) {
    auto next = std::next(it);
    if (it->second.ssrc == ssrc && it->first.src.ip == source && it->second.count > 0) {
      promote(it);
    }
    it = next;
  }
}

void RtpAnalyzer::on_rtcp(const Datagram& d) {
  ++stats_.rtcp_packets;
  bool matched = false;
  sip::RtcpCompoundReader reader(d.payload);
  RtpStream* counted = nullptr;
  while (const auto packet = reader.next()) {
    const bool sender_report = packet->packet_type == sip::kRtcpSenderReport;
    if (!sender_report && packet->packet_type != sip::kRtcpReceiverReport) continue;
    const auto sender = sip::rtcp_sender_ssrc(*packet);
    if (!sender) continue;
    // An SR names the SSRC its sender transmits: RTP still on probation is confirmed.
    if (sender_report && !candidates_.empty()) promote_candidates_of(*sender, d.src.ip);
    auto [first, last] = streams_by_ssrc_.equal_range(*sender);
    for (auto it = first; it != last; ++it) {
      RtpStream& s = *it->second;
      if (s.key.src.ip != d.src.ip) continue;
      matched = true;
      if (counted != &s) ++s.rtcp.packets;
      counted = &s;
      if (sender_report) {
        ++s.rtcp.sender_reports;
        const auto info = sip::rtcp_sender_info(*packet);
        s.rtcp.has_sender_info = info.has_value();
        if (info) s.rtcp.last_sender_info = *info;
      } else {
        ++s.rtcp.receiver_reports;
      }
    }
    for (int i = 0;; ++i) {
      const auto block = sip::rtcp_report_block(*packet, i);
      if (!block) break;
      auto [b_first, b_last] = streams_by_ssrc_.equal_range(block->ssrc);
      for (auto it = b_first; it != b_last; ++it) {
        RtpStream& s = *it->second;
        if (s.key.dst.ip != d.src.ip) continue;  // reports come from the stream's receiver
        matched = true;
        ++s.rtcp.reports_received;
        s.rtcp.has_report = true;
        s.rtcp.last_report = *block;
      }
    }
  }
  if (!matched) ++stats_.rtcp_unmatched;
}

std::vector<const RtpStream*> RtpAnalyzer::streams() const {
  std::vector<const RtpStream*> out;
  out.reserve(streams_.size());
  for (const auto& s : streams_) out.push_back(s.get());
  std::stable_sort(out.begin(), out.end(), [](const RtpStream* a, const RtpStream* b) {
    return a->rtp.stats().first_arrival_ns < b->rtp.stats().first_arrival_ns;
  });
  return out;
}

}  // namespace sipconf::harness
