#include "harness/capture/sip_capture_decoder.h"

#include "harness/capture/sip_start_line.h"
#include "sip/message/datagram.h"
#include "sip/message/message_parser.h"

namespace sipconf::harness {

std::string_view to_string(SipTransport transport) {
  switch (transport) {
    case SipTransport::kUdp:
      return "udp";
    case SipTransport::kTcp:
      return "tcp";
    case SipTransport::kTls:
      return "tls";
  }
  return "udp";
}

CapturedSipMessage parse_captured_message(std::string_view bytes, SipTransport transport,
                                          bool stream_without_length) {
  CapturedSipMessage out;
  out.transport = transport;
  out.raw = std::string(bytes);
  sip::ParseOptions options;
  options.mode = sip::ParseMode::lenient;
  // A framed TCP message without Content-Length was cut at its header end: parse it as
  // a datagram would be, and say why separately.
  options.framing = transport != SipTransport::kUdp && !stream_without_length
                        ? sip::Framing::stream
                        : sip::Framing::datagram;
  sip::ParseResult result = transport == SipTransport::kUdp ? sip::parse_datagram(bytes, options)
                                                            : sip::parse_message(bytes, options);
  out.parse_error = result.error;
  out.violations = std::move(result.violations);
  out.trailing_bytes = result.trailing_bytes;
  out.content_length_missing = stream_without_length;
  if (result.message) {
    out.facts = read_facts(*result.message);
    out.message = std::move(result.message);
  } else {
    out.facts = read_start_line_facts(bytes);
  }
  return out;
}

SipCaptureDecoder::SipCaptureDecoder(SipMessageSink& sink, PayloadVisitor* media)
    : sink_(sink), media_(media) {}

void SipCaptureDecoder::on_datagram(const Datagram& datagram) {
  const std::string_view bytes(reinterpret_cast<const char*>(datagram.payload.data()),
                               datagram.payload.size());
  const StartLineKind kind = classify_start_line(bytes);
  if (kind == StartLineKind::kRequest || kind == StartLineKind::kResponse) {
    CapturedSipMessage message = parse_captured_message(bytes, SipTransport::kUdp);
    message.timestamp_ns = datagram.timestamp_ns;
    message.src = datagram.src;
    message.dst = datagram.dst;
    if (message.parse_error) ++stats_.rejected_by_parser;
    ++stats_.udp_messages;
    sink_.on_sip_message(std::move(message));
    return;
  }
  if (kind == StartLineKind::kMalformedRequest) {
    ++stats_.malformed_start_lines;
    return;
  }
  if (is_crlf_only(bytes)) {
    ++stats_.udp_keepalives;
    return;
  }
  if (media_ != nullptr) media_->on_datagram(datagram);
}

void SipCaptureDecoder::on_tcp_chunk(const TcpChunk& chunk) {
  Flow& flow = flows_[chunk.flow_id];
  flow.id = chunk.flow_id;
  Direction& direction = flow.directions[static_cast<int>(chunk.direction)];
  direction.src = chunk.src;
  direction.dst = chunk.dst;
  direction.framer.feed(chunk.bytes, chunk.timestamp_ns, chunk.gap_before);
  drain(flow, direction);
}

void SipCaptureDecoder::drain(Flow& flow, Direction& direction) {
  FramedSipMessage framed;
  while (direction.framer.next(framed)) {
    if (!flow.sip_seen) {
      flow.sip_seen = true;
      ++stats_.tcp_sip_connections;
    }
    CapturedSipMessage message =
        parse_captured_message(framed.bytes, SipTransport::kTcp, framed.content_length_missing);
    message.timestamp_ns = framed.timestamp_ns;
    message.tcp_flow_id = flow.id;
    message.src = direction.src;
    message.dst = direction.dst;
    if (message.parse_error) ++stats_.rejected_by_parser;
    if (framed.content_length_missing) ++stats_.tcp_without_content_length;
    ++stats_.tcp_messages;
    sink_.on_sip_message(std::move(message));
  }
}

void SipCaptureDecoder::close(Flow& flow) {
  for (Direction& direction : flow.directions) {
    direction.framer.finish();
    const SipFlowFramerStats& s = direction.framer.stats();
    if (flow.sip_seen) {
      stats_.tcp_keepalives += s.keepalives;
      stats_.tcp_resyncs += s.resyncs;
      stats_.tcp_skipped_bytes += s.skipped_bytes;
      stats_.tcp_truncated += s.truncated;
    }
  }
}

void SipCaptureDecoder::on_tcp_flow_end(const TcpFlowSummary& summary) {
  const auto it = flows_.find(summary.flow_id);
  if (it == flows_.end()) return;
  close(it->second);
  flows_.erase(it);
}

void SipCaptureDecoder::finish() {
  for (auto& [id, flow] : flows_) close(flow);
  flows_.clear();
}

}  // namespace sipconf::harness
