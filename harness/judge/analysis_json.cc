#include "harness/judge/analysis_json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace sipconf::harness {
namespace {

bool is_middle(const std::vector<IpAddress>& middle, const IpAddress& ip) {
  return std::find(middle.begin(), middle.end(), ip) != middle.end();
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

/// A request whose transaction never saw a final response (ACK never gets one).
bool unanswered(const CaptureAnalysis& analysis, const TracedSipMessage& m) {
  if (!m.facts().request || m.facts().method == "ACK" || m.transaction == kNoIndex) return false;
  return analysis.trace.transactions().at(m.transaction).first_final == kNoIndex;
}

}  // namespace

std::string CaptureLabels::media_leg(const CaptureAnalysis& analysis,
                                     const RtpStreamSummary& stream) const {
  if (stream.leg == kNoIndex) return {};
  const CallLeg& leg = analysis.trace.legs()[stream.leg];
  return this->leg(analysis, analysis.trace.message(leg.messages.front()));
}

std::string AddressLabels::party(const Endpoint& self, const Endpoint& /*other*/) const {
  if (is_middle(middle_, self.ip)) return fmt::format("sut:{}", self.port);
  return self.to_string();
}

std::string AddressLabels::leg_name(std::size_t leg_index) {
  return fmt::format("leg{}", leg_index + 1);
}

std::string AddressLabels::leg(const CaptureAnalysis& /*analysis*/,
                               const TracedSipMessage& message) const {
  return leg_name(message.leg);
}

RecordScope RecordScope::whole(const CaptureAnalysis& analysis) {
  RecordScope scope;
  scope.messages.resize(analysis.trace.messages().size());
  for (std::size_t i = 0; i < scope.messages.size(); ++i) scope.messages[i] = i;
  scope.calls.resize(analysis.calls.size());
  for (std::size_t i = 0; i < scope.calls.size(); ++i) scope.calls[i] = i;
  return scope;
}

RecordScope RecordScope::call(const CaptureAnalysis& analysis, std::size_t call_index) {
  RecordScope scope;
  for (std::size_t leg : analysis.calls[call_index].legs) {
    const auto& messages = analysis.trace.legs()[leg].messages;
    scope.messages.insert(scope.messages.end(), messages.begin(), messages.end());
  }
  std::sort(scope.messages.begin(), scope.messages.end());
  scope.calls.push_back(call_index);
  return scope;
}

std::string message_summary(const TracedSipMessage& message) {
  const SipMessageFacts& f = message.facts();
  if (f.request) return f.request_uri.empty() ? f.method : f.method + " " + f.request_uri;
  std::string reason;
  if (message.captured.message) reason = std::string(message.captured.message->reason_phrase());
  return reason.empty() ? std::to_string(f.status) : fmt::format("{} {}", f.status, reason);
}

void fill_case_record(const CaptureAnalysis& analysis, const RecordScope& scope,
                      const CaptureLabels& labels, reports::CaseResult& record) {
  std::unordered_map<std::size_t, std::size_t> local;
  local.reserve(scope.messages.size());
  for (std::size_t i = 0; i < scope.messages.size(); ++i) local[scope.messages[i]] = i;

  std::vector<reports::Message> messages;
  messages.reserve(scope.messages.size());
  std::vector<reports::Leg> legs;
  std::map<std::string, std::size_t> leg_position;
  std::set<std::size_t> call_legs;
  std::int64_t requests = 0;
  std::int64_t retransmissions = 0;
  for (std::size_t i = 0; i < scope.messages.size(); ++i) {
    const TracedSipMessage& m = analysis.trace.message(scope.messages[i]);
    const SipMessageFacts& f = m.facts();
    reports::Message entry;
    entry.t_us = analysis.sip_time_us(m.timestamp_ns());
    entry.from = labels.party(m.captured.src, m.captured.dst);
    entry.to = labels.party(m.captured.dst, m.captured.src);
    entry.leg = labels.leg(analysis, m);
    entry.transport = std::string(to_string(m.captured.transport));
    entry.kind = f.request ? "request" : "response";
    entry.method = f.method;
    if (!f.request) entry.status_code = f.status;
    entry.summary = message_summary(m);
    entry.call_id = f.call_id;
    entry.cseq = f.cseq ? fmt::format("{} {}", *f.cseq, f.cseq_method) : f.cseq_method;
    entry.retransmission = m.retransmission;
    entry.unanswered = unanswered(analysis, m);
    entry.raw = m.captured.raw;
    call_legs.insert(m.leg);
    if (f.request) ++requests;
    if (m.retransmission) ++retransmissions;

    auto [it, inserted] = leg_position.try_emplace(entry.leg, legs.size());
    if (inserted) legs.push_back(reports::Leg{entry.leg, {}, {}});
    reports::Leg& leg = legs[it->second];
    add_unique(leg.endpoints, entry.from);
    add_unique(leg.endpoints, entry.to);
    if (!f.call_id.empty()) add_unique(leg.call_ids, f.call_id);
    messages.push_back(std::move(entry));
  }
  record.messages = std::move(messages);
  record.legs = std::move(legs);

  std::vector<reports::Finding> findings;
  for (const Finding& finding : analysis.findings) {
    const auto it = local.find(finding.message_index);
    if (it == local.end()) continue;
    findings.push_back(reports::Finding{finding.rule, std::string(to_string(finding.severity)),
                                        finding.text, it->second});
  }
  const auto finding_count = static_cast<std::int64_t>(findings.size());
  record.findings = std::move(findings);

  std::vector<reports::RtpStream> rtp;
  const bool whole = scope.messages.size() == analysis.trace.messages().size();
  for (const RtpStreamSummary& stream : analysis.rtp) {
    if (!whole && call_legs.count(stream.leg) == 0) continue;
    reports::RtpStream entry;
    entry.leg = labels.media_leg(analysis, stream);
    entry.ssrc = fmt::format("0x{:08x}", stream.ssrc);
    entry.from = stream.src.to_string();
    entry.to = stream.dst.to_string();
    entry.payload_type = stream.payload_type;
    entry.codec = stream.codec;
    entry.packets = static_cast<std::int64_t>(stream.packets);
    entry.lost = stream.lost;
    entry.jitter_ms = std::round(stream.jitter_ms * 1000.0) / 1000.0;
    entry.first_packet_us = analysis.sip_time_us(stream.first_ns);
    entry.duration_ms = static_cast<std::int64_t>((stream.last_ns - stream.first_ns) / 1'000'000);
    if (stream.telephone_events > 0) {
      entry.telephone_events = static_cast<std::int64_t>(stream.telephone_events);
    }
    rtp.push_back(std::move(entry));
  }
  record.rtp = std::move(rtp);

  std::vector<std::int64_t> transit;
  for (const TransitSample& s : analysis.metrics.transit) {
    if (local.count(s.arrival) != 0) transit.push_back(s.transit_us);
  }
  std::vector<std::int64_t> post_dial_delay;
  std::vector<std::int64_t> setup_time;
  std::int64_t completed = 0;
  for (std::size_t call : scope.calls) {
    const CallTiming& timing = analysis.metrics.calls[call];
    if (timing.post_dial_delay_us) post_dial_delay.push_back(*timing.post_dial_delay_us);
    if (timing.setup_time_us) setup_time.push_back(*timing.setup_time_us);
    if (timing.completed) ++completed;
  }
  // Request to final response per method, for the transactions whose request is in scope.
  std::map<std::string, std::vector<std::int64_t>> response_times;
  for (const Transaction& t : analysis.trace.transactions().transactions()) {
    if (t.requests.empty() || t.first_final == kNoIndex || local.count(t.request()) == 0) continue;
    response_times["response_time_" + t.method].push_back(
        analysis.sip_time_us(analysis.trace.message(t.first_final).timestamp_ns()) -
        analysis.sip_time_us(analysis.trace.message(t.request()).timestamp_ns()));
  }
  for (auto& [name, samples] : response_times) record.set_latency(name, std::move(samples));
  if (!transit.empty()) record.set_latency("transit", std::move(transit));
  if (!post_dial_delay.empty()) record.set_latency("post_dial_delay", std::move(post_dial_delay));
  if (!setup_time.empty()) record.set_latency("setup_time", std::move(setup_time));

  const auto total = static_cast<std::int64_t>(scope.messages.size());
  record.set_count("messages", total);
  record.set_count("requests", requests);
  record.set_count("responses", total - requests);
  record.set_count("retransmissions", retransmissions);
  record.set_count("findings", finding_count);
  // The SIPp statistics (process judge) count completed calls too; the wire's count
  // only fills in when they are absent.
  if (!record.count("calls_completed")) record.set_count("calls_completed", completed);
}

std::vector<reports::Endpoint> endpoints_seen(const CaptureAnalysis& analysis,
                                              const RecordScope& scope, const CaptureLabels& labels,
                                              const std::vector<IpAddress>& middle) {
  std::vector<reports::Endpoint> out;
  std::set<std::string> seen;
  auto add = [&](const Endpoint& self, const Endpoint& other, SipTransport transport) {
    std::string name = labels.party(self, other);
    if (!seen.insert(name).second) return;
    reports::Endpoint e;
    e.name = std::move(name);
    e.role = is_middle(middle, self.ip) ? "sut" : "";
    e.address = self.to_string();
    e.transport = std::string(to_string(transport));
    out.push_back(std::move(e));
  };
  for (std::size_t index : scope.messages) {
    const TracedSipMessage& m = analysis.trace.message(index);
    add(m.captured.src, m.captured.dst, m.captured.transport);
    add(m.captured.dst, m.captured.src, m.captured.transport);
  }
  return out;
}

}  // namespace sipconf::harness
