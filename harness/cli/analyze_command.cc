#include "harness/cli/analyze_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>
#include <memory>

#include "harness/cli/analysis_summary.h"
#include "harness/judge/analysis_json.h"
#include "harness/lab/network_address.h"
#include "harness/lab/run_info.h"
#include "reports/model/run_writer.h"
#include "reports/model/time_format.h"

namespace sipconf::harness {
namespace {

std::string artifact_path(const std::filesystem::path& capture,
                          const std::filesystem::path& results_dir) {
  std::error_code ec;
  const auto absolute = std::filesystem::absolute(capture, ec);
  if (ec) return capture.string();
  const auto relative = std::filesystem::relative(absolute, results_dir, ec);
  return ec || relative.empty() ? absolute.string() : relative.string();
}

/// One `finding` subtest per rule that fired in the record; FAIL when any of its
/// findings is an error.
void add_finding_subtests(reports::CaseResult& record) {
  struct RuleTally {
    std::size_t count = 0;
    bool error = false;
    std::optional<std::size_t> first;
    std::string text;
  };
  std::map<std::string, RuleTally> rules;
  for (const reports::Finding& finding : record.findings) {
    RuleTally& tally = rules[finding.rule];
    ++tally.count;
    if (finding.severity == "error") tally.error = true;
    if (!tally.first) {
      tally.first = finding.message_index;
      tally.text = finding.message;
    }
  }
  for (const auto& [rule, tally] : rules) {
    reports::Subtest subtest;
    subtest.name = rule;
    subtest.kind = "finding";
    subtest.status = tally.error ? Status::kFail : Status::kPass;
    subtest.expected = "no violation";
    subtest.actual = fmt::format("{} finding{}", tally.count, tally.count == 1 ? "" : "s");
    subtest.message = tally.count == 1
                          ? tally.text
                          : fmt::format("{} (and {} more)", tally.text, tally.count - 1);
    subtest.message_index = tally.first;
    record.subtests.push_back(std::move(subtest));
  }
}

reports::CaseResult make_record(const CaptureAnalysis& analysis, const RecordScope& scope,
                                const std::string& id, const std::string& description,
                                const std::vector<IpAddress>& middle, const std::string& pcap) {
  AddressLabels labels(middle);
  reports::CaseResult record;
  record.id = id;
  record.path = pcap;
  record.duration_ms = 0;
  record.description = description;
  record.endpoints = endpoints_seen(analysis, scope, labels, middle);
  fill_case_record(analysis, scope, labels, record);
  add_finding_subtests(record);
  if (!pcap.empty()) record.add_artifact("pcap", pcap);
  std::size_t errors = 0;
  for (const auto& subtest : record.subtests) errors += subtest.status == Status::kFail ? 1 : 0;
  record.status = errors > 0 ? Status::kFail : Status::kPass;
  record.message = fmt::format(
      "{} SIP messages, {} findings{}", record.count("messages").value_or(0),
      record.count("findings").value_or(0),
      errors > 0 ? fmt::format(" ({} rules violated with errors)", errors) : std::string());
  return record;
}

std::optional<IpAddress> parse_sut_address(const std::string& text) {
  if (auto ip = IpAddress::parse(text)) return ip;
  if (auto endpoint = Endpoint::parse(text)) return endpoint->ip;
  return std::nullopt;
}

}  // namespace

reports::Run analysis_run_record(const CaptureAnalysis& analysis,
                                 const AnalyzeCommandOptions& options,
                                 const std::vector<IpAddress>& middle,
                                 const std::filesystem::path& results_dir) {
  reports::Run run;
  run.tool = "sipconf analyze";
  run.run_info.jobs = 1;
  run.run_info.sipconf_version = SIPCONF_VERSION;
  run.run_info.host = host_name();
  run.run_info.os = os_name();
  run.run_info.command = command_line();
  run.run_info.sut.kind = middle.empty() ? "none" : "external";
  if (!middle.empty()) {
    std::string addresses;
    for (const IpAddress& ip : middle) addresses += (addresses.empty() ? "" : ",") + ip.to_string();
    run.run_info.sut.address = addresses;
    run.run_info.sut.description = "middle element named with --sut";
  }
  run.time_start = reports::format_utc_timestamp(std::chrono::system_clock::now());
  const std::string name = options.capture.filename().string();
  const std::string pcap = artifact_path(options.capture, results_dir);
  if (!options.per_call) {
    run.results.push_back(make_record(analysis, RecordScope::whole(analysis), name,
                                      fmt::format("Analysis of the capture {}", name), middle,
                                      pcap));
  } else {
    std::vector<bool> in_call(analysis.trace.messages().size(), false);
    for (std::size_t i = 0; i < analysis.calls.size(); ++i) {
      const RecordScope scope = RecordScope::call(analysis, i);
      for (std::size_t index : scope.messages) in_call[index] = true;
      const CallLeg& origin = analysis.trace.legs()[analysis.calls[i].origin()];
      run.results.push_back(
          make_record(analysis, scope, fmt::format("{}/call-{}", name, i + 1),
                      fmt::format("Call {} of {}: {} to {}, Call-ID {}", i + 1, name,
                                  origin.calling_user, origin.called_user, origin.call_id),
                      middle, pcap));
    }
    RecordScope rest;
    for (std::size_t i = 0; i < in_call.size(); ++i) {
      if (!in_call[i]) rest.messages.push_back(i);
    }
    if (!rest.messages.empty()) {
      run.results.push_back(make_record(analysis, rest, name + "/other",
                                        fmt::format("Messages of {} outside calls", name), middle,
                                        pcap));
    }
  }
  run.time_end = reports::format_utc_timestamp(std::chrono::system_clock::now());
  return run;
}

int run_analyze_command(const AnalyzeCommandOptions& options, std::ostream& out,
                        std::ostream& err) {
  if (options.rules) {
    for (const FindingRule& rule : finding_rules())
      fmt::print(out, "{:<18} {}\n", rule.id, rule.title);
    return kAnalyzeDone;
  }
  if (options.capture.empty()) {
    err << "sipconf analyze: a capture file is required\n";
    return kAnalyzeBadInput;
  }
  CaptureAnalysisOptions analysis_options;
  for (const std::string& text : options.sut) {
    const auto ip = parse_sut_address(text);
    if (!ip) {
      err << fmt::format("sipconf analyze: --sut {}: not an IP address or IP:port\n", text);
      return kAnalyzeBadInput;
    }
    analysis_options.middle.push_back(*ip);
  }
  if (!options.json.empty() && !options.output_dir.empty()) {
    err << "sipconf analyze: use either --json FILE or -o DIR, not both\n";
    return kAnalyzeBadInput;
  }

  base::Diagnostics diags;
  const sip::Result<CaptureAnalysis> analyzed =
      analyze_capture_file(options.capture, analysis_options, diags);
  if (!analyzed) {
    for (const base::Diagnostic& d : diags) err << d.to_string() << "\n";
    return kAnalyzeBadInput;
  }
  // The file broke off after some packets: what came before the break was analysed.
  for (const base::Diagnostic& d : diags) {
    err << d.to_string() << " (analysed the frames before it)\n";
  }
  const CaptureAnalysis& analysis = *analyzed;
  if (!options.quiet) print_analysis_summary(analysis, options.capture.string(), out);

  std::filesystem::path results = options.json;
  if (!options.output_dir.empty()) {
    std::error_code dir_ec;
    std::filesystem::create_directories(options.output_dir, dir_ec);
    if (dir_ec) {
      err << fmt::format("{}: cannot create: {}\n", options.output_dir.string(), dir_ec.message());
      return kAnalyzeBadInput;
    }
    results = options.output_dir / "results.json";
  }
  if (!results.empty()) {
    std::filesystem::path dir = results.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code abs_ec;
    dir = std::filesystem::absolute(dir, abs_ec);
    const reports::Run run = analysis_run_record(analysis, options, analysis_options.middle, dir);
    std::string diagnostic;
    if (reports::write_results_json(run, results, diagnostic)) {
      err << diagnostic << "\n";
      return kAnalyzeBadInput;
    }
    if (!options.quiet) fmt::print(out, "\nwrote {}\n", results.string());
  }
  if (options.strict) {
    for (const Finding& finding : analysis.findings) {
      if (finding.severity == FindingSeverity::kError) return kAnalyzeViolations;
    }
  }
  return kAnalyzeDone;
}

void add_analyze_command(CLI::App& app) {
  auto options = std::make_shared<AnalyzeCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "analyze",
      "Decode the SIP and RTP of a pcap/pcapng capture: calls, legs, latency, RFC 3261 findings");
  command->add_option("capture", options->capture, "pcap or pcapng file");
  command
      ->add_option("--sut", options->sut,
                   "address (IP or IP:port) of the middle element whose legs to pair; "
                   "repeat for several")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  command->add_option("--json", options->json, "write results.json to this file");
  command->add_option("-o,--output", options->output_dir, "write DIR/results.json");
  command->add_flag("--per-call", options->per_call,
                    "one results.json record per call instead of one for the capture");
  command->add_flag("--strict", options->strict, "exit 1 when a finding of severity error is seen");
  command->add_flag("-q,--quiet", options->quiet, "print no summary");
  command->add_flag("--rules", options->rules, "list the RFC rules findings are checked against");
  command->callback([options] {
    const int status = run_analyze_command(*options, std::cout, std::cerr);
    if (status != kAnalyzeDone) throw CLI::RuntimeError(status);
  });
}

}  // namespace sipconf::harness
