#include "harness/cli/analysis_summary.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <map>

#include "harness/judge/latency_stats.h"
#include "reports/model/time_format.h"

namespace sipconf::harness {
namespace {

std::string party(const Endpoint& e) { return e.to_string(); }

/// Durations as the report shows them, spelled for any terminal.
std::string summary_duration(int64_t us) {
  return reports::format_duration_us(us, reports::Glyphs::kAscii);
}

void print_messages(const CaptureAnalysis& a, std::ostream& out) {
  std::map<std::string, int> requests;
  std::map<int, int> responses;
  int udp = 0;
  for (const TracedSipMessage& m : a.trace.messages()) {
    if (m.facts().request) {
      ++requests[m.facts().method];
    } else {
      ++responses[m.facts().status];
    }
    if (m.captured.transport == SipTransport::kUdp) ++udp;
  }
  const std::size_t total = a.trace.messages().size();
  fmt::print(out, "SIP: {} messages ({} UDP, {} TCP), {} retransmissions\n", total, udp,
             total - udp, a.metrics.retransmissions);
  std::string line;
  for (const auto& [method, count] : requests) line += fmt::format("  {} {}", method, count);
  if (!line.empty()) fmt::print(out, "  requests: {}\n", line.substr(2));
  line.clear();
  for (const auto& [status, count] : responses) line += fmt::format("  {} {}", status, count);
  if (!line.empty()) fmt::print(out, "  responses: {}\n", line.substr(2));
}

void print_calls(const CaptureAnalysis& a, std::ostream& out) {
  const auto& legs = a.trace.legs();
  std::size_t call_legs = 0;
  for (const CallLeg& leg : legs) call_legs += leg.is_call() ? 1 : 0;
  fmt::print(out,
             "\nCalls: {} ({} completed), {} call legs, {} other legs (REGISTER, OPTIONS...)\n",
             a.calls.size(), a.metrics.calls_completed, call_legs, legs.size() - call_legs);
  for (std::size_t i = 0; i < a.calls.size(); ++i) {
    const CallTiming& t = a.metrics.calls[i];
    std::string timing;
    if (t.post_dial_delay_us) timing += " pdd " + summary_duration(*t.post_dial_delay_us);
    if (t.setup_time_us) timing += " setup " + summary_duration(*t.setup_time_us);
    fmt::print(out, "  call {}: final {}{}{}\n", i + 1,
               t.final_status == 0 ? std::string("none") : std::to_string(t.final_status), timing,
               t.completed ? ", completed" : "");
    for (std::size_t leg_index : a.calls[i].legs) {
      const CallLeg& leg = legs[leg_index];
      fmt::print(out, "    leg{} {} -> {} Call-ID {} ({} messages)\n", leg_index + 1,
                 party(leg.caller), party(leg.callee), leg.call_id, leg.messages.size());
    }
  }
  for (const LegLink& link : a.links) {
    fmt::print(out, "  paired leg{} -> leg{} ({})\n", link.inbound + 1, link.outbound + 1,
               link.evidence);
  }
}

void latency_row(std::ostream& out, const std::string& name, const std::vector<int64_t>& samples) {
  if (samples.empty()) return;
  const LatencySummary s = summarize_latency(samples);
  fmt::print(out, "  {:<24} {:>7} {:>10} {:>10} {:>10} {:>10}\n", name, s.count,
             summary_duration(s.p50), summary_duration(s.p90), summary_duration(s.p99),
             summary_duration(s.max));
}

void print_latency(const CaptureAnalysis& a, std::ostream& out) {
  const CallMetrics& m = a.metrics;
  if (m.transit.empty() && m.calls.empty() && m.response_time_us.empty()) return;
  fmt::print(out, "\nLatency {:<16} {:>7} {:>10} {:>10} {:>10} {:>10}\n", "", "count", "p50", "p90",
             "p99", "max");
  latency_row(out, "transit (all)", m.transit_us());
  std::map<std::string, bool> methods;
  for (const TransitSample& s : m.transit) methods[s.method] = true;
  for (const auto& [method, _] : methods)
    latency_row(out, "transit " + method, m.transit_us(method));
  latency_row(out, "post-dial delay", m.post_dial_delay_us());
  latency_row(out, "setup time", m.setup_time_us());
  for (const auto& [method, samples] : m.response_time_us) {
    latency_row(out, "response time " + method, samples);
  }
}

void print_rtp(const CaptureAnalysis& a, std::ostream& out) {
  if (a.rtp.empty()) return;
  fmt::print(out, "\nRTP: {} streams\n", a.rtp.size());
  for (const RtpStreamSummary& s : a.rtp) {
    std::string leg = s.leg == kNoIndex ? std::string("-") : fmt::format("leg{}", s.leg + 1);
    fmt::print(out, "  {:<6} {} -> {} ssrc 0x{:08x} {}: {} packets, {} lost, jitter {:.2f} ms{}\n",
               leg, party(s.src), party(s.dst), s.ssrc, s.codec, s.packets, s.lost, s.jitter_ms,
               s.telephone_events > 0 ? fmt::format(", {} DTMF events", s.telephone_events) : "");
  }
}

void print_findings(const CaptureAnalysis& a, std::ostream& out) {
  fmt::print(out, "\nFindings: {}\n", a.findings.size());
  for (const Finding& f : a.findings) {
    fmt::print(out, "  [{}] {} message {}: {}\n", to_string(f.severity), f.rule,
               f.message_index == kNoIndex ? std::string("-") : std::to_string(f.message_index),
               f.text);
  }
}

void print_decoding(const CaptureAnalysis& a, std::ostream& out) {
  const SipDecodeStats& s = a.sip;
  std::string notes;
  auto note = [&](uint64_t value, const char* what) {
    if (value > 0) notes += fmt::format(", {} {}", value, what);
  };
  note(s.malformed_start_lines, "SIP-like datagrams with a malformed request line dropped");
  note(s.rejected_by_parser, "messages malformed beyond lenient repair (kept)");
  note(s.tcp_resyncs, "TCP resynchronisations");
  note(s.tcp_truncated, "partial TCP messages dropped");
  note(s.tcp_without_content_length, "TCP messages without Content-Length");
  note(a.packets.truncated, "truncated frames");
  note(a.packets.ip_malformed + a.packets.udp_malformed + a.packets.tcp_malformed,
       "malformed packets");
  if (!notes.empty()) fmt::print(out, "\nDecoding: {}\n", notes.substr(2));
}

}  // namespace

void print_analysis_summary(const CaptureAnalysis& a, const std::string& capture_name,
                            std::ostream& out) {
  const double seconds = a.last_ns > a.first_ns ? (a.last_ns - a.first_ns) / 1e9 : 0.0;
  fmt::print(out, "{}: {} frames, {} bytes, {:.3f} s\n", capture_name, a.packets.frames,
             a.packets.captured_bytes, seconds);
  print_messages(a, out);
  print_calls(a, out);
  print_latency(a, out);
  print_rtp(a, out);
  print_findings(a, out);
  print_decoding(a, out);
}

}  // namespace sipconf::harness
