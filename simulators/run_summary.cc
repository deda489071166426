#include "simulators/run_summary.h"

#include <algorithm>
#include <cmath>

namespace sipconf::simulators {
namespace {

double round3(double value) { return std::round(value * 1000.0) / 1000.0; }

}  // namespace

nlohmann::json to_json(const RtpStreamReport& report) {
  nlohmann::json j;
  j["local"] = report.local_address + ":" + std::to_string(report.local_port);
  if (report.remote) {
    j["remote"] = report.remote->address + ":" + std::to_string(report.remote->port);
    j["codec"] = report.remote->codec;
    j["payload_type"] = report.remote->payload_type;
    j["telephone_event"] = report.remote->telephone_event;
  }
  j["sent"] = {{"ssrc", report.sent.ssrc},
               {"packets", report.sent.packets},
               {"octets", report.sent.octets},
               {"first_sequence", report.sent.first_sequence},
               {"first_timestamp", report.sent.first_timestamp},
               {"dtmf_events", report.sent.dtmf_events},
               {"dtmf_packets", report.sent.dtmf_packets},
               {"send_failures", report.send_failures}};
  const RtpReceiveReport& r = report.received;
  nlohmann::json received = {{"packets", r.packets},
                             {"octets", r.octets},
                             {"expected", r.expected},
                             {"lost", r.lost},
                             {"duplicates", r.duplicates},
                             {"late", r.late},
                             {"jitter_ms", round3(r.jitter_ms)},
                             {"max_jitter_ms", round3(r.max_jitter_ms)},
                             {"ssrc_changes", r.ssrc_changes},
                             {"payload_types", r.payload_types},
                             {"dtmf_digits", r.dtmf_digits},
                             {"malformed", r.malformed}};
  received["ssrc"] = r.ssrc ? nlohmann::json(*r.ssrc) : nlohmann::json(nullptr);
  received["first_packet_ms"] = r.first_packet
                                    ? nlohmann::json(round3(r.first_packet->count() / 1000.0))
                                    : nlohmann::json(nullptr);
  j["received"] = std::move(received);
  return j;
}

void RunSummary::add_call(CallRecord record) {
  ++calls_recorded_;
  if (record.rtp) {
    ++rtp_streams_;
    rtp_packets_sent_ += record.rtp->sent.packets;
    rtp_packets_received_ += record.rtp->received.packets;
    rtp_lost_ += record.rtp->received.lost;
    rtp_max_jitter_ms_ = std::max(rtp_max_jitter_ms_, record.rtp->received.max_jitter_ms);
  }
  // Failed calls are always listed while there is room; so are the first ones of a long run.
  if (calls_.size() < kMaxListedCalls) calls_.push_back(std::move(record));
}

int RunSummary::exit_code(std::uint64_t calls_wanted, bool placing) const {
  if (counters_.calls_failed != 0 || counters_.calls_unfinished != 0) return 1;
  if (placing && counters_.calls_placed < calls_wanted) return 1;
  if (!placing && calls_wanted != 0 && counters_.calls_received < calls_wanted) return 1;
  return 0;
}

nlohmann::json RunSummary::to_json(const nlohmann::json& extra) const {
  const SignallingCounters& c = counters_;
  nlohmann::json j = extra;
  j["calls"] = {{"placed", c.calls_placed},
                {"received", c.calls_received},
                {"answered", c.calls_answered},
                {"rejected", c.calls_rejected},
                {"cancelled", c.calls_cancelled},
                {"failed", c.calls_failed},
                {"unfinished", c.calls_unfinished},
                {"transfer_calls", c.transfer_calls},
                {"as_intended", calls_recorded_ - c.calls_failed - c.calls_unfinished}};
  nlohmann::json statuses = nlohmann::json::object();
  for (const auto& [status, count] : final_statuses_) statuses[std::to_string(status)] = count;
  j["final_statuses"] = std::move(statuses);
  nlohmann::json options = {{"received", c.options_received}, {"ignored", c.options_ignored}};
  nlohmann::json answered = nlohmann::json::object();
  for (const auto& [status, count] : c.options_answered) answered[std::to_string(status)] = count;
  options["answered"] = std::move(answered);
  j["options"] = std::move(options);
  j["signalling"] = {{"early_dialogs_max", c.early_dialogs_max},
                     {"provisionals_sent", c.provisionals_sent},
                     {"provisionals_received", c.provisionals_received},
                     {"reliable_provisionals_sent", c.reliable_provisionals_sent},
                     {"prack_sent", c.prack_sent},
                     {"prack_received", c.prack_received},
                     {"refer_sent", c.refer_sent},
                     {"refer_accepted", c.refer_accepted},
                     {"refer_rejected", c.refer_rejected},
                     {"refer_received", c.refer_received},
                     {"transfers_completed", c.transfers_completed},
                     {"notify_sent", c.notify_sent},
                     {"notify_received", c.notify_received},
                     {"holds_sent", c.holds_sent},
                     {"resumes_sent", c.resumes_sent},
                     {"holds_received", c.holds_received},
                     {"reinvites_received", c.reinvites_received},
                     {"updates_received", c.updates_received},
                     {"session_refreshes_sent", c.session_refreshes_sent},
                     {"session_refreshes_received", c.session_refreshes_received},
                     {"sessions_expired", c.sessions_expired},
                     {"dtmf_digits_sent", c.dtmf_digits_sent},
                     {"requests_rejected", c.requests_rejected},
                     {"in_dialog_unmatched", c.in_dialog_unmatched},
                     {"transaction_failures", c.transaction_failures}};
  j["rtp"] = {{"streams", rtp_streams_},
              {"packets_sent", rtp_packets_sent_},
              {"packets_received", rtp_packets_received_},
              {"lost", rtp_lost_},
              {"max_jitter_ms", round3(rtp_max_jitter_ms_)}};
  nlohmann::json list = nlohmann::json::array();
  for (const CallRecord& call : calls_) {
    nlohmann::json item = {{"call_id", call.call_id},
                           {"role", call.role},
                           {"final_status", call.final_status},
                           {"as_intended", call.as_intended},
                           {"cancelled", call.cancelled},
                           {"transfer", call.transfer},
                           {"early_dialogs", call.early_dialogs}};
    if (!call.problem.empty()) item["problem"] = call.problem;
    if (!call.ms_diagnostics.empty()) item["ms_diagnostics"] = call.ms_diagnostics;
    if (call.setup_ms) item["setup_ms"] = round3(*call.setup_ms);
    if (call.rtp) item["rtp"] = simulators::to_json(*call.rtp);
    list.push_back(std::move(item));
  }
  j["call_list"] = std::move(list);
  j["calls_listed"] = calls_.size();
  return j;
}

}  // namespace sipconf::simulators
