#include "harness/lab/case_runner.h"

#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "base/duration.h"
#include "harness/judge/case_verdict.h"
#include "harness/lab/case_certificates.h"
#include "harness/lab/endpoint_driver.h"

namespace sipconf::harness {
namespace {

using manifest::CaseManifest;
using manifest::EndpointMode;

/// UAS endpoints first, then UACs; within each group an endpoint comes after those
/// named in its `after` (the manifest check rejects cycles).
std::vector<const manifest::Endpoint*> start_order(const CaseManifest& manifest) {
  std::vector<const manifest::Endpoint*> order;
  std::set<std::string> placed;
  for (EndpointMode mode : {EndpointMode::uas, EndpointMode::uac}) {
    bool progress = true;
    while (progress) {
      progress = false;
      for (const manifest::Endpoint& endpoint : manifest.endpoints) {
        if (endpoint.mode != mode || placed.count(endpoint.name) != 0) continue;
        bool ready = true;
        for (const std::string& dependency : endpoint.after) {
          ready = ready && placed.count(dependency) != 0;
        }
        if (!ready) continue;
        order.push_back(&endpoint);
        placed.insert(endpoint.name);
        progress = true;
      }
    }
  }
  return order;
}

/// What a failed step reported, as the one line of a case's message: its diagnostics, or
/// the error's own message when it gave none.
std::string failure_line(std::error_code ec, const base::Diagnostics& diags) {
  if (diags.empty()) return ec.message();
  std::string line;
  for (const base::Diagnostic& d : diags) {
    if (!line.empty()) line += "; ";
    line += d.to_string();
  }
  return line;
}

/// Why execution ended, before judging.
struct Ending {
  CaseEnd end = CaseEnd::completed;
  std::string detail;
  bool port_clash = false;
};

class CaseExecution {
 public:
  CaseExecution(const CaseManifest& manifest, const RunnerContext& context,
                std::filesystem::path directory, std::filesystem::path relative_dir,
                reports::CaseResult& record)
      : manifest_(manifest),
        context_(context),
        directory_(std::move(directory)),
        relative_dir_(std::move(relative_dir)),
        record_(record),
        traffic_start_(context.clock.now()) {}

  ~CaseExecution() { stop_everything(); }

  Ending run() {
    if (std::optional<Ending> failed = place()) return *failed;
    describe_endpoints();
    if (std::optional<Ending> failed = issue_certificates()) return *failed;
    if (std::optional<Ending> failed = start_capture()) return *failed;
    if (session_) {
      base::Diagnostics diags;
      if (std::error_code ec =
              session_->start(addresses_, context_.launcher, context_.clock, diags)) {
        const std::optional<ProcessExit> died = session_->poll_died();
        sut_.died = died;
        stop_everything();
        if (died && died->crashed()) return {CaseEnd::sut_crashed, failure_line(ec, diags)};
        return {CaseEnd::error, failure_line(ec, diags)};
      }
      sut_.started = true;
    }
    if (std::optional<Ending> failed = start_endpoints()) {
      stop_everything();
      return *failed;
    }
    const Ending ending = wait_for_traffic();
    stop_everything();
    return ending;
  }

  CaseArtifacts artifacts() const {
    CaseArtifacts artifacts;
    artifacts.directory = directory_;
    if (capture_) artifacts.pcap = directory_ / "capture.pcap";
    for (const PlacedEndpoint& endpoint : endpoints_) artifacts.endpoints.push_back(endpoint.run);
    artifacts.sut = sut_;
    return artifacts;
  }

  /// Adds the files that exist to `record`'s artifacts, relative to the output directory.
  void add_artifacts(reports::CaseResult& record) const {
    auto add = [&](std::string_view kind, const std::filesystem::path& file) {
      std::error_code ec;
      if (file.empty() || !std::filesystem::exists(file, ec)) return;
      record.add_artifact(kind, (relative_dir_ / file.filename()).generic_string());
    };
    if (capture_) add("pcap", directory_ / "capture.pcap");
    if (session_) {
      add("sut_config", session_->config_file());
      add("sut_log", session_->log_file());
      add("logs", session_->stderr_file());
    }
    for (const PlacedEndpoint& endpoint : endpoints_) {
      for (const auto& file : endpoint.trace_files()) {
        add(endpoint.spec->driver == manifest::Driver::sipp ? "sipp_traces" : "logs", file);
      }
      for (const auto& file : {endpoint.stdout_path(), endpoint.stderr_path()}) add("logs", file);
    }
  }

 private:
  /// Leases the case's addresses, opens the SUT on its share and gives every endpoint its
  /// address and ports; an ERROR ending when any of them is not to be had.
  std::optional<Ending> place() {
    const bool with_sut = manifest_.sut.kind != manifest::SutKind::none;
    const std::size_t sut_addresses = with_sut ? context_.sut.addresses_needed() : 0;
    std::error_code ec;
    std::optional<AddressLease> lease = context_.pool.acquire(
        sut_addresses + manifest_.endpoints.size(), std::chrono::seconds(60), ec);
    if (!lease) {
      return Ending{CaseEnd::error,
                    fmt::format("no free loopback addresses for the case ({})", ec.message())};
    }
    lease_ = std::move(*lease);
    const std::vector<std::string>& leased = lease_.addresses();
    if (with_sut) {
      base::Diagnostics diags;
      const std::vector<std::string> sut_ips(leased.begin(),
                                             leased.begin() + static_cast<long>(sut_addresses));
      sip::Result<std::unique_ptr<SutSession>> session =
          context_.sut.open(manifest_, sut_ips, directory_, diags);
      if (!session) return Ending{CaseEnd::error, failure_line(session.error(), diags)};
      session_ = std::move(session).value();
      sut_.name = context_.sut.describe().name;
    }
    std::size_t next = sut_addresses;
    for (const manifest::Endpoint* spec : start_order(manifest_)) {
      PlacedEndpoint endpoint;
      endpoint.spec = spec;
      const std::optional<NetworkAddress> pinned =
          session_ ? session_->pinned_address(*spec) : std::nullopt;
      endpoint.sip.ip = pinned ? pinned->ip : leased[next++];
      std::vector<PortNeed> needs = {{PortProtocol::udp, 1}, {PortProtocol::udp, 4}};
      if (!pinned) needs.insert(needs.begin(), {PortProtocol::udp_and_tcp, 1});
      std::vector<std::uint16_t> ports;
      if (std::error_code error = find_free_ports(endpoint.sip.ip, needs, ports)) {
        return Ending{CaseEnd::error, fmt::format("no free ports on {} for {}: {}", endpoint.sip.ip,
                                                  spec->name, error.message())};
      }
      endpoint.sip.port = pinned ? pinned->port : ports[0];
      endpoint.control_port = ports[pinned ? 0 : 1];
      endpoint.media_port = ports[pinned ? 1 : 2];
      endpoint.base = directory_ / spec->name;
      endpoint.run.name = spec->name;
      endpoint.run.driver = spec->driver;
      addresses_[spec->name] = endpoint.sip;
      endpoints_.push_back(std::move(endpoint));
    }
    return std::nullopt;
  }

  /// results.json endpoints, in ladder order: the Lync side, the SUT, the peers.
  void describe_endpoints() {
    auto add_endpoint = [&](const PlacedEndpoint& endpoint) {
      record_.endpoints.push_back({endpoint.spec->name, std::string(to_string(endpoint.spec->role)),
                                   "", endpoint.sip.to_string(),
                                   std::string(to_string(endpoint.spec->transport)),
                                   std::string(to_string(endpoint.spec->driver))});
    };
    std::vector<const PlacedEndpoint*> ordered;
    for (const manifest::Endpoint& spec : manifest_.endpoints) {
      for (const PlacedEndpoint& endpoint : endpoints_) {
        if (endpoint.spec == &spec) ordered.push_back(&endpoint);
      }
    }
    for (const PlacedEndpoint* endpoint : ordered) {
      if (!session_ || endpoint->spec->interface == "internal") add_endpoint(*endpoint);
    }
    if (!session_) return;
    for (const SutInterface& interface : session_->interfaces()) {
      const std::string short_name =
          interface.name.rfind("trunk:", 0) == 0 ? interface.name.substr(6) : interface.name;
      record_.endpoints.push_back({"sut-" + short_name, "sut", interface.name,
                                   interface.address.to_string(),
                                   std::string(to_string(interface.transport)), ""});
    }
    for (const PlacedEndpoint* endpoint : ordered) {
      if (endpoint->spec->interface != "internal") add_endpoint(*endpoint);
    }
  }

  /// A case with a TLS leg gets its own lab CA and a certificate for each TLS party.
  std::optional<Ending> issue_certificates() {
    if (!case_uses_tls(manifest_)) return std::nullopt;
    std::vector<std::string> sut_ips;
    if (session_) {
      for (const SutInterface& interface : session_->interfaces()) {
        sut_ips.push_back(interface.address.ip);
      }
    }
    base::Diagnostics diags;
    sip::Result<CaseCertificates> issued =
        issue_case_certificates(manifest_, sut_ips, addresses_, directory_ / "tls", diags);
    if (!issued) {
      return Ending{CaseEnd::error, "cannot issue the case's TLS certificates: " +
                                        failure_line(issued.error(), diags)};
    }
    certificates_ = std::move(issued).value();
    if (session_ && certificates_->sut) session_->use_tls(*certificates_->sut);
    return std::nullopt;
  }

  std::optional<Ending> start_capture() {
    if (!context_.capture) return std::nullopt;
    capture_ = context_.capture();
    if (!capture_) return std::nullopt;
    std::set<std::string> hosts;
    for (const PlacedEndpoint& endpoint : endpoints_) hosts.insert(endpoint.sip.ip);
    if (session_) {
      for (const SutInterface& interface : session_->interfaces()) {
        hosts.insert(interface.address.ip);
      }
    }
    CaptureOptions options;
    options.bpf_filter = bpf_filter_for_hosts({hosts.begin(), hosts.end()});
    options.output_pcap = directory_ / "capture.pcap";
    base::Diagnostics diags;
    if (const std::error_code ec = capture_->start(options, diags)) {
      capture_.reset();
      return Ending{CaseEnd::error, failure_line(ec, diags)};
    }
    capture_running_ = true;
    return std::nullopt;
  }

  NetworkAddress remote_of(const manifest::Endpoint& spec) const {
    if (!session_) {
      const auto it = addresses_.find(spec.remote);
      return it == addresses_.end() ? NetworkAddress{} : it->second;
    }
    for (const SutInterface& interface : session_->interfaces()) {
      if (interface.name == spec.interface) return interface.address;
    }
    return {};
  }

  std::optional<Ending> start_endpoints() {
    std::set<std::string> awaited;
    for (const manifest::Endpoint& spec : manifest_.endpoints) {
      awaited.insert(spec.after.begin(), spec.after.end());
    }
    traffic_start_ = context_.clock.now();
    for (PlacedEndpoint& endpoint : endpoints_) {
      const manifest::Endpoint& spec = *endpoint.spec;
      DriverSetup setup;
      if (spec.mode == EndpointMode::uac) setup.remote = remote_of(spec);
      setup.backstop = manifest_.timeout + context_.backstop_margin;
      setup.case_directory = directory_;
      if (certificates_) {
        if (const auto it = certificates_->endpoints.find(spec.name);
            it != certificates_->endpoints.end()) {
          setup.tls = it->second;
          setup.tls_server_name = tls_server_name(spec, session_ != nullptr);
        }
      }
      const ProcessSpec process = driver_process(endpoint, manifest_, context_.tools, setup);
      std::error_code ec;
      endpoint.process = context_.launcher.launch(process, ec);
      if (!endpoint.process) {
        return Ending{CaseEnd::error,
                      fmt::format("cannot start {} for {}: {}", process.program.string(), spec.name,
                                  ec.message())};
      }
      if (spec.mode == EndpointMode::uas || awaited.count(spec.name) != 0) {
        if (std::optional<Ending> failed = wait_listening(endpoint)) return failed;
      }
    }
    return std::nullopt;
  }

  std::optional<Ending> wait_listening(PlacedEndpoint& endpoint) {
    const bool tcp = endpoint.spec->transport != manifest::Transport::udp;
    const sip::SteadyTime deadline = context_.clock.now() + context_.listen_timeout;
    while (!context_.listening(endpoint.sip, tcp)) {
      if (std::optional<ProcessExit> exit = endpoint.process->poll()) {
        endpoint.run.exit = exit;
        Ending ending = environment_problem(endpoint).value_or(Ending{
            CaseEnd::error,
            fmt::format("{} ended before it listened: {}", endpoint.spec->name, exit->describe())});
        return ending;
      }
      if (context_.stop.stop_requested()) return Ending{CaseEnd::error, kInterrupted};
      if (context_.clock.now() >= deadline) {
        return Ending{CaseEnd::error, fmt::format("{} did not listen on {} within {} s",
                                                  endpoint.spec->name, endpoint.sip.to_string(),
                                                  context_.listen_timeout.count() / 1000)};
      }
      context_.clock.pause(std::chrono::milliseconds(2));
    }
    return std::nullopt;
  }

  /// Reads an ended endpoint's exit; an ERROR ending if it says the environment broke.
  static std::optional<Ending> environment_problem(PlacedEndpoint& endpoint) {
    std::optional<EnvironmentProblem> problem = read_endpoint_exit(endpoint);
    if (!problem) return std::nullopt;
    return Ending{CaseEnd::error, std::move(problem->message), problem->port_clash};
  }

  Ending wait_for_traffic() {
    const auto deadline = traffic_start_ + manifest_.timeout;
    for (;;) {
      bool all_done = true;
      for (PlacedEndpoint& endpoint : endpoints_) {
        if (endpoint.run.exit) continue;
        endpoint.run.exit = endpoint.process->poll();
        if (!endpoint.run.exit) {
          all_done = false;
          continue;
        }
        if (std::optional<Ending> problem = environment_problem(endpoint)) return *problem;
      }
      if (all_done) return {};
      if (session_) {
        if (std::optional<ProcessExit> died = session_->poll_died()) {
          sut_.died = died;
          return {CaseEnd::sut_crashed,
                  fmt::format("{} ended during the case: {}", sut_.name, died->describe())};
        }
      }
      if (context_.stop.stop_requested()) return {CaseEnd::error, kInterrupted};
      if (context_.clock.now() >= deadline) {
        std::vector<std::string> running;
        for (const PlacedEndpoint& endpoint : endpoints_) {
          if (!endpoint.run.exit) running.push_back(endpoint.spec->name);
        }
        return {
            CaseEnd::timed_out,
            fmt::format("timed out after {}; still running: {}",
                        base::format_duration(std::chrono::duration_cast<std::chrono::microseconds>(
                            manifest_.timeout)),
                        fmt::join(running, ", "))};
      }
      context_.clock.pause(std::chrono::milliseconds(5));
    }
  }

  /// Stops every process group, the SUT and the capture; idempotent.
  void stop_everything() {
    for (PlacedEndpoint& endpoint : endpoints_) {
      if (!endpoint.process) continue;
      if (!endpoint.run.exit) {
        endpoint.run.exit = endpoint.process->poll();
        if (!endpoint.run.exit) {
          endpoint.run.exit = endpoint.process->kill_group();
          endpoint.run.stopped_by_harness = true;
        }
      }
      endpoint.process->kill_group();  // Whatever the endpoint left in its group.
      read_endpoint_exit(endpoint);
      endpoint.process.reset();
    }
    if (session_ && sut_.started && !sut_stopped_) {
      sut_stopped_ = true;
      const std::optional<ProcessExit> exit = session_->stop();
      if (sut_.died) {
        sut_.stopped = sut_.died;
      } else {
        sut_.stopped = exit;
      }
    }
    if (capture_ && capture_running_) {
      capture_running_ = false;
      base::Diagnostics diags;
      const sip::Result<CaptureStats> stats = capture_->stop(diags);
      if (!stats) {
        capture_error_ = failure_line(stats.error(), diags);
      } else {
        record_.set_count("captured_packets", static_cast<std::int64_t>(stats->packets));
        if (stats->dropped_by_kernel > 0) {
          record_.set_count("capture_dropped", static_cast<std::int64_t>(stats->dropped_by_kernel));
        }
      }
    }
  }

 public:
  static constexpr const char* kInterrupted = "interrupted before the case finished";
  const std::string& capture_error() const { return capture_error_; }
  bool sut_crashed_on_stop() const {
    return sut_.started && !sut_.died && sut_.stopped && sut_.stopped->crashed();
  }
  std::string sut_stop_description() const {
    return sut_.stopped ? sut_.stopped->describe() : std::string();
  }

 private:
  const CaseManifest& manifest_;
  const RunnerContext& context_;
  std::filesystem::path directory_;
  std::filesystem::path relative_dir_;
  reports::CaseResult& record_;
  AddressLease lease_;
  std::unique_ptr<SutSession> session_;
  SutRun sut_;
  bool sut_stopped_ = false;
  std::vector<PlacedEndpoint> endpoints_;
  std::map<std::string, NetworkAddress> addresses_;
  std::optional<CaseCertificates> certificates_;
  std::unique_ptr<Capture> capture_;
  bool capture_running_ = false;
  std::string capture_error_;
  sip::SteadyTime traffic_start_;
};

reports::CaseResult base_record(const manifest::LoadedCase& loaded, int repetition) {
  reports::CaseResult record;
  record.id = loaded.id;
  record.path = loaded.manifest_path.parent_path().generic_string();
  record.repetition = repetition;
  record.duration_ms = 0;
  if (!loaded.manifest) return record;
  const CaseManifest& manifest = *loaded.manifest;
  record.description = manifest.description;
  record.behaviours = manifest.behaviour_ids();
  for (manifest::PeerRole role : manifest.peer_kinds()) {
    record.peer_kinds.emplace_back(to_string(role));
  }
  record.expected = manifest.flags.expected_failure ? Status::kFail : Status::kPass;
  return record;
}

/// Subtests in the order the manifest states the expectations (judges each report
/// their own kinds); implicit subtests follow, in the order the judges gave them.
void order_as_in_manifest(const CaseManifest& manifest, std::vector<reports::Subtest>& subtests) {
  std::map<std::string, std::size_t> position;
  for (std::size_t i = 0; i < manifest.expectations.size(); ++i) {
    position.emplace(manifest.expectations[i].name, i);
  }
  auto rank = [&](const reports::Subtest& subtest) {
    const auto it = position.find(subtest.name);
    return it == position.end() ? manifest.expectations.size() : it->second;
  };
  std::stable_sort(
      subtests.begin(), subtests.end(),
      [&](const reports::Subtest& a, const reports::Subtest& b) { return rank(a) < rank(b); });
}

/// Checks that need no process: a case that fails them is ERROR or SKIP at once.
std::optional<std::pair<CaseEnd, std::string>> precheck(const manifest::LoadedCase& loaded,
                                                        const RunnerContext& context) {
  if (!loaded.diagnostics.empty()) {
    std::string message = loaded.diagnostics.front().to_string();
    if (loaded.diagnostics.size() > 1) {
      message += fmt::format(" (and {} more; run sipconf lint)", loaded.diagnostics.size() - 1);
    }
    return std::pair{CaseEnd::error, message};
  }
  if (!loaded.manifest) return std::pair{CaseEnd::error, std::string("manifest not readable")};
  const CaseManifest& manifest = *loaded.manifest;
  if (manifest.flags.skip) return std::pair{CaseEnd::skipped, *manifest.flags.skip};
  if (manifest.flags.needs_root && ::geteuid() != 0) {
    return std::pair{CaseEnd::error, std::string("the case needs root: run sipconf as root")};
  }
  if (manifest.flags.needs_capture && !context.capture) {
    return std::pair{CaseEnd::error, std::string("the case needs a packet capture")};
  }
  std::set<std::string> unjudged;
  for (const manifest::Expectation& expectation : manifest.expectations) {
    bool judged = false;
    for (const Judge* judge : context.judges) judged = judged || judge->judges(expectation.kind());
    if (!judged) unjudged.emplace(to_string(expectation.kind()));
  }
  if (!unjudged.empty()) {
    return std::pair{CaseEnd::error,
                     fmt::format("cannot judge {} expectations: no wire judge is configured in "
                                 "this build",
                                 fmt::join(unjudged, ", "))};
  }
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    if (endpoint.driver == manifest::Driver::sipsim) {
      if (!context.tools.sipsim) {
        return std::pair{CaseEnd::error, std::string(Toolbox::kSipsimMissing)};
      }
      continue;
    }
    if (!context.tools.sipp) return std::pair{CaseEnd::error, std::string(Toolbox::kSippMissing)};
    if (endpoint.transport == manifest::Transport::tls &&
        !(context.tools.sipp_version && context.tools.sipp_version->tls)) {
      return std::pair{CaseEnd::error,
                       fmt::format("endpoint {} needs TLS but this SIPp ({}) was built without it: "
                                   "install a SIPp built with TLS",
                                   endpoint.name,
                                   context.tools.sipp_version ? context.tools.sipp_version->version
                                                              : "unknown version")};
    }
  }
  return std::nullopt;
}

}  // namespace

std::filesystem::path case_artifact_dir(const std::string& id, int repetition, int repetitions) {
  std::filesystem::path dir = std::filesystem::path("cases") / id;
  if (repetitions > 1) dir /= std::to_string(repetition);
  return dir;
}

reports::CaseResult not_run_record(const manifest::LoadedCase& loaded, int repetition,
                                   const std::string& message) {
  reports::CaseResult record = base_record(loaded, repetition);
  record.status = Status::kError;
  record.message = message;
  return record;
}

reports::CaseResult run_case(const manifest::LoadedCase& loaded, int repetition, int repetitions,
                             const RunnerContext& context) {
  const sip::SteadyTime started = context.clock.now();
  reports::CaseResult record = base_record(loaded, repetition);
  auto finish = [&](CaseEnd end, const std::string& detail) {
    const std::optional<std::string> expected_failure =
        loaded.manifest ? loaded.manifest->flags.expected_failure : std::nullopt;
    const Verdict verdict = decide_verdict(end, detail, record.subtests, expected_failure);
    record.status = verdict.status;
    record.message = verdict.message;
    record.duration_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(context.clock.now() - started)
            .count();
    return record;
  };
  if (auto early = precheck(loaded, context)) return finish(early->first, early->second);
  const CaseManifest& manifest = *loaded.manifest;

  const std::filesystem::path relative = case_artifact_dir(loaded.id, repetition, repetitions);
  const std::filesystem::path directory = context.output_dir / relative;
  std::error_code ec;
  std::filesystem::remove_all(directory, ec);
  std::filesystem::create_directories(directory, ec);
  if (ec)
    return finish(CaseEnd::error,
                  fmt::format("cannot create {}: {}", directory.string(), ec.message()));

  // A port taken between the probe and SIPp's bind is the environment's doing: one
  // more attempt on fresh ports before calling it an ERROR.
  for (int attempt = 1;; ++attempt) {
    reports::CaseResult attempt_record = base_record(loaded, repetition);
    CaseExecution execution(manifest, context, directory, relative, attempt_record);
    Ending ending = execution.run();
    if (ending.port_clash && attempt < 2 && !context.stop.stop_requested()) continue;
    if (!execution.capture_error().empty() && ending.end == CaseEnd::completed) {
      ending = {CaseEnd::error, execution.capture_error()};
    }
    if (ending.end == CaseEnd::completed && execution.sut_crashed_on_stop()) {
      ending = {CaseEnd::sut_crashed,
                fmt::format("the SUT crashed when stopped: {}", execution.sut_stop_description())};
    }
    record.endpoints = attempt_record.endpoints;
    record.counts = attempt_record.counts;
    record.artifacts.clear();
    execution.add_artifacts(record);
    if (ending.end == CaseEnd::completed) {
      const CaseArtifacts artifacts = execution.artifacts();
      for (Judge* judge : context.judges) {
        std::vector<reports::Subtest> subtests = judge->judge(manifest, artifacts, record);
        record.subtests.insert(record.subtests.end(), subtests.begin(), subtests.end());
      }
      order_as_in_manifest(manifest, record.subtests);
    }
    return finish(ending.end, ending.detail);
  }
}

}  // namespace sipconf::harness
