#include "reports/model/run_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "reports/model/run_loader.h"

namespace sipconf::reports {
namespace {

using nlohmann::json;

void put_nonempty(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

std::string status_text(Status status) { return std::string(status_name(status)); }

json endpoint_json(const Endpoint& endpoint) {
  json out = {{"name", endpoint.name}, {"role", endpoint.role}};
  put_nonempty(out, "interface", endpoint.interface);
  put_nonempty(out, "address", endpoint.address);
  put_nonempty(out, "transport", endpoint.transport);
  put_nonempty(out, "driver", endpoint.driver);
  return out;
}

json leg_json(const Leg& leg) {
  return {{"name", leg.name}, {"endpoints", leg.endpoints}, {"call_ids", leg.call_ids}};
}

json message_json(const Message& message, std::size_t index) {
  return {
      {"index", index},
      {"t_us", message.t_us},
      {"from", message.from},
      {"to", message.to},
      {"leg", message.leg},
      {"transport", message.transport},
      {"kind", message.kind},
      {"method", message.method},
      {"status", message.status_code ? json(*message.status_code) : json(nullptr)},
      {"summary", message.summary},
      {"call_id", message.call_id},
      {"cseq", message.cseq},
      {"retransmission", message.retransmission},
      {"unanswered", message.unanswered},
      {"raw", message.raw},
  };
}

json subtest_json(const Subtest& subtest) {
  json out = {{"name", subtest.name},
              {"status", status_text(subtest.status)},
              {"kind", subtest.kind},
              {"message", subtest.message}};
  put_nonempty(out, "leg", subtest.leg);
  put_nonempty(out, "expected", subtest.expected);
  put_nonempty(out, "actual", subtest.actual);
  if (subtest.message_index) out["message_index"] = *subtest.message_index;
  put_nonempty(out, "highlight", subtest.highlight);
  return out;
}

json latency_json(const std::vector<LatencyMetric>& latency) {
  json out = json::object();
  for (const LatencyMetric& metric : latency) {
    out[metric.name] = {{"count", metric.count}, {"p50", metric.p50}, {"p90", metric.p90},
                        {"p99", metric.p99},     {"max", metric.max}, {"samples", metric.samples}};
  }
  return out;
}

json rtp_json(const RtpStream& stream) {
  json out = {
      {"leg", stream.leg},
      {"ssrc", stream.ssrc},
      {"from", stream.from},
      {"to", stream.to},
      {"codec", stream.codec},
      {"packets", stream.packets},
      {"lost", stream.lost},
      {"jitter_ms", stream.jitter_ms},
      {"first_packet_us", stream.first_packet_us},
      {"duration_ms", stream.duration_ms},
  };
  if (stream.payload_type) out["payload_type"] = *stream.payload_type;
  if (stream.telephone_events) out["telephone_events"] = *stream.telephone_events;
  return out;
}

json finding_json(const Finding& finding) {
  json out = {{"rule", finding.rule}, {"severity", finding.severity}, {"message", finding.message}};
  if (finding.message_index) out["message_index"] = *finding.message_index;
  return out;
}

/// Kinds whose value is a list even with one file; the others are one path each.
bool is_list_artifact(std::string_view kind) { return kind == "sipp_traces" || kind == "logs"; }

json artifacts_json(const std::vector<Artifact>& artifacts) {
  json out = json::object();
  for (const Artifact& artifact : artifacts) {
    json& slot = out[artifact.kind];
    if (slot.is_null() && !is_list_artifact(artifact.kind)) {
      slot = artifact.path;
      continue;
    }
    if (slot.is_string()) slot = json::array({slot});
    slot.push_back(artifact.path);
  }
  return out;
}

json case_json(const CaseResult& c) {
  json counts = json::object();
  for (const Count& count : c.counts) counts[count.name] = count.value;
  json endpoints = json::array();
  for (const Endpoint& endpoint : c.endpoints) endpoints.push_back(endpoint_json(endpoint));
  json legs = json::array();
  for (const Leg& leg : c.legs) legs.push_back(leg_json(leg));
  json messages = json::array();
  for (std::size_t i = 0; i < c.messages.size(); ++i) {
    messages.push_back(message_json(c.messages[i], i));
  }
  json subtests = json::array();
  for (const Subtest& subtest : c.subtests) subtests.push_back(subtest_json(subtest));
  json rtp = json::array();
  for (const RtpStream& stream : c.rtp) rtp.push_back(rtp_json(stream));
  json findings = json::array();
  for (const Finding& finding : c.findings) findings.push_back(finding_json(finding));
  json out = {
      {"id", c.id},
      {"path", c.path},
      {"description", c.description},
      {"status", status_text(c.status)},
      {"expected", status_text(c.expected)},
      {"message", c.message},
      {"behaviours", c.behaviours},
      {"peer_kinds", c.peer_kinds},
      {"endpoints", std::move(endpoints)},
      {"legs", std::move(legs)},
      {"messages", std::move(messages)},
      {"subtests", std::move(subtests)},
      {"metrics",
       {{"latency_us", latency_json(c.latency)}, {"counts", counts}, {"rtp", std::move(rtp)}}},
      {"findings", std::move(findings)},
      {"artifacts", artifacts_json(c.artifacts)},
  };
  if (c.duration_ms) out["duration_ms"] = *c.duration_ms;
  if (c.repetition > 1) out["repetition"] = c.repetition;
  return out;
}

}  // namespace

json to_json(const Run& run) {
  json catalogue = json::array();
  for (const Behaviour& behaviour : run.catalogue) {
    catalogue.push_back({{"id", behaviour.id}, {"title", behaviour.title}});
  }
  json totals = json::object();
  for (Status status : {Status::kPass, Status::kFail, Status::kXfail, Status::kXpass,
                        Status::kTimeout, Status::kCrash, Status::kError, Status::kSkip}) {
    totals[status_text(status)] = run.count(status);
  }
  const SutInfo& sut_info = run.run_info.sut;
  json sut = {{"kind", sut_info.kind}, {"name", sut_info.name}};
  put_nonempty(sut, "version", sut_info.version);
  put_nonempty(sut, "address", sut_info.address);
  put_nonempty(sut, "description", sut_info.description);
  json run_info = {{"sipconf_version", run.run_info.sipconf_version},
                   {"sipp_version", run.run_info.sipp_version},
                   {"git_revision", run.run_info.git_revision},
                   {"host", run.run_info.host},
                   {"os", run.run_info.os},
                   {"command", run.run_info.command},
                   {"sut", std::move(sut)}};
  if (run.run_info.jobs) run_info["jobs"] = *run.run_info.jobs;
  json results = json::array();
  for (const CaseResult& c : run.results) results.push_back(case_json(c));
  return {
      {"schema_version", kSchemaVersion}, {"tool", run.tool},
      {"run_info", std::move(run_info)},  {"catalogue", std::move(catalogue)},
      {"time_start", run.time_start},     {"time_end", run.time_end},
      {"totals", std::move(totals)},      {"results", std::move(results)},
  };
}

std::error_code write_results_json(const Run& run, const std::filesystem::path& file,
                                   std::string& diagnostic) {
  std::filesystem::path temporary = file;
  temporary += ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    // Invalid UTF-8 from captured bytes must not abort the write: replace it.
    out << to_json(run).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    out.flush();
    if (!out) {
      diagnostic = fmt::format("{}: cannot write: {}", file.string(), std::strerror(errno));
      return std::make_error_code(std::errc::io_error);
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) diagnostic = fmt::format("{}: cannot write: {}", file.string(), ec.message());
  return ec;
}

}  // namespace sipconf::reports
