#include "harness/judge/run_results.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>

namespace sipconf::harness {
namespace {

using nlohmann::json;

void put_if(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

json endpoint_json(const EndpointRecord& endpoint) {
  json out = {{"name", endpoint.name}, {"role", endpoint.role}};
  put_if(out, "interface", endpoint.interface);
  put_if(out, "address", endpoint.address);
  put_if(out, "transport", endpoint.transport);
  put_if(out, "driver", endpoint.driver);
  return out;
}

json subtest_json(const SubtestRecord& subtest) {
  json out = {{"name", subtest.name},
              {"status", std::string(reports::status_name(subtest.status))},
              {"kind", subtest.kind},
              {"message", subtest.message}};
  put_if(out, "leg", subtest.leg);
  put_if(out, "expected", subtest.expected);
  put_if(out, "actual", subtest.actual);
  if (subtest.message_index) out["message_index"] = *subtest.message_index;
  put_if(out, "highlight", subtest.highlight);
  return out;
}

json artifacts_json(const ArtifactPaths& artifacts) {
  json out = json::object();
  put_if(out, "pcap", artifacts.pcap);
  put_if(out, "sut_log", artifacts.sut_log);
  put_if(out, "sut_config", artifacts.sut_config);
  if (!artifacts.sipp_traces.empty()) out["sipp_traces"] = artifacts.sipp_traces;
  if (!artifacts.logs.empty()) out["logs"] = artifacts.logs;
  return out;
}

json case_json(const CaseRecord& record) {
  json latency = json::object();
  for (const auto& [name, samples] : record.latency_samples_us) {
    if (samples.empty()) continue;
    latency[name] = {{"count", samples.size()},
                     {"p50", nearest_rank(samples, 50)},
                     {"p90", nearest_rank(samples, 90)},
                     {"p99", nearest_rank(samples, 99)},
                     {"max", *std::max_element(samples.begin(), samples.end())},
                     {"samples", samples}};
  }
  json counts = json::object();
  for (const auto& [name, value] : record.counts) counts[name] = value;
  json endpoints = json::array();
  for (const EndpointRecord& endpoint : record.endpoints)
    endpoints.push_back(endpoint_json(endpoint));
  json subtests = json::array();
  for (const SubtestRecord& subtest : record.subtests) subtests.push_back(subtest_json(subtest));
  json out = {
      {"id", record.id},
      {"path", record.path},
      {"description", record.description},
      {"status", std::string(reports::status_name(record.status))},
      {"expected", std::string(reports::status_name(record.expected))},
      {"message", record.message},
      {"duration_ms", record.duration_ms},
      {"behaviours", record.behaviours},
      {"peer_kinds", record.peer_kinds},
      {"endpoints", endpoints},
      {"legs", record.legs},
      {"messages", record.messages},
      {"subtests", subtests},
      {"metrics", {{"latency_us", latency}, {"counts", counts}, {"rtp", record.rtp}}},
      {"findings", record.findings},
      {"artifacts", artifacts_json(record.artifacts)},
  };
  if (record.repetition > 1) out["repetition"] = record.repetition;
  return out;
}

}  // namespace

std::int64_t RunRecord::count(Status status) const {
  return std::count_if(results.begin(), results.end(),
                       [&](const CaseRecord& record) { return record.status == status; });
}

bool RunRecord::fails() const {
  return std::any_of(results.begin(), results.end(),
                     [](const CaseRecord& record) { return reports::fails_run(record.status); });
}

std::string format_utc_timestamp(std::chrono::system_clock::time_point time) {
  const auto micros = std::chrono::time_point_cast<std::chrono::microseconds>(time);
  const auto seconds = std::chrono::time_point_cast<std::chrono::seconds>(micros);
  const auto fraction = (micros - seconds).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:06d}Z",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(seconds)), fraction);
}

std::int64_t nearest_rank(std::vector<std::int64_t> samples, int percentile) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  const double rank =
      std::ceil(static_cast<double>(percentile) / 100.0 * static_cast<double>(samples.size()));
  const std::size_t index = rank < 1 ? 0 : static_cast<std::size_t>(rank) - 1;
  return samples[std::min(index, samples.size() - 1)];
}

nlohmann::json to_json(const RunRecord& run) {
  json catalogue = json::array();
  for (const scenarios::CatalogueEntry& entry : run.catalogue) {
    catalogue.push_back({{"id", entry.id}, {"title", entry.title}});
  }
  json totals = json::object();
  for (Status status : {Status::kPass, Status::kFail, Status::kXfail, Status::kXpass,
                        Status::kTimeout, Status::kCrash, Status::kError, Status::kSkip}) {
    totals[std::string(reports::status_name(status))] = run.count(status);
  }
  json sut = {{"kind", run.run_info.sut.kind}, {"name", run.run_info.sut.name}};
  put_if(sut, "version", run.run_info.sut.version);
  put_if(sut, "address", run.run_info.sut.address);
  put_if(sut, "description", run.run_info.sut.description);
  json results = json::array();
  for (const CaseRecord& record : run.results) results.push_back(case_json(record));
  return {
      {"schema_version", 1},
      {"tool", run.tool},
      {"run_info",
       {{"sipconf_version", run.run_info.sipconf_version},
        {"sipp_version", run.run_info.sipp_version},
        {"git_revision", run.run_info.git_revision},
        {"host", run.run_info.host},
        {"os", run.run_info.os},
        {"command", run.run_info.command},
        {"jobs", run.run_info.jobs},
        {"sut", sut}}},
      {"catalogue", catalogue},
      {"time_start", format_utc_timestamp(run.time_start)},
      {"time_end", format_utc_timestamp(run.time_end)},
      {"totals", totals},
      {"results", results},
  };
}

std::error_code write_results_json(const RunRecord& run, const std::filesystem::path& file,
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

}  // namespace sipconf::harness
