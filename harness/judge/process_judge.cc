#include "harness/judge/process_judge.h"

#include <fmt/format.h>

#include <set>

namespace sipconf::harness {
namespace {

using manifest::ProcessCheck;

std::string describe_exit(const EndpointRun& run) {
  if (!run.exit) return "not started";
  std::string text = run.exit_description.empty() ? run.exit->describe() : run.exit_description;
  if (run.stopped_by_harness) text += ", stopped by the harness";
  return text;
}

reports::Subtest judge_endpoint(const std::string& name, const ProcessCheck& check,
                                const EndpointRun* run) {
  reports::Subtest subtest;
  subtest.name = name;
  subtest.kind = "process";
  std::vector<std::string> expected;
  std::vector<std::string> actual;
  std::vector<std::string> failures;
  const char* driver =
      run != nullptr && run->driver == manifest::Driver::sipsim ? "sipsim" : "SIPp";
  if (run == nullptr || !run->exit) {
    subtest.status = Status::kFail;
    subtest.message = fmt::format("{} did not run", check.endpoint);
    subtest.actual = "not started";
    return subtest;
  }
  if (check.exit_code) {
    expected.push_back(fmt::format("exit {}", *check.exit_code));
    actual.push_back(describe_exit(*run));
    const bool ok = !run->exit->signalled && run->exit->code == *check.exit_code;
    if (!ok)
      failures.push_back(
          fmt::format("exit {} expected, got {}", *check.exit_code, describe_exit(*run)));
  }
  auto check_count = [&](const std::optional<std::int64_t>& want, const char* what,
                         std::int64_t CallCounts::*member) {
    if (!want) return;
    expected.push_back(fmt::format("{} {}", *want, what));
    if (!run->calls) {
      actual.push_back("no call statistics");
      failures.push_back(
          fmt::format("{} {} expected, but {} wrote no call statistics", *want, what, driver));
      return;
    }
    const std::int64_t got = (*run->calls).*member;
    actual.push_back(fmt::format("{} {}", got, what));
    if (got != *want) failures.push_back(fmt::format("{} {} expected, got {}", *want, what, got));
  };
  check_count(check.successful_calls, "successful", &CallCounts::successful);
  check_count(check.failed_calls, "failed", &CallCounts::failed);
  subtest.expected = fmt::format("{}", fmt::join(expected, ", "));
  subtest.actual = fmt::format("{}", fmt::join(actual, ", "));
  if (failures.empty()) {
    subtest.status = Status::kPass;
    subtest.message = fmt::format("{}: {}", check.endpoint, subtest.actual);
  } else {
    subtest.status = Status::kFail;
    subtest.message = fmt::format("{}: {}", check.endpoint, fmt::join(failures, "; "));
  }
  return subtest;
}

reports::Subtest judge_sut(const std::string& name, bool want_alive, const SutRun& sut) {
  reports::Subtest subtest;
  subtest.name = name;
  subtest.kind = "process";
  subtest.expected = want_alive ? "running until stopped, clean exit" : "not running";
  bool alive = !sut.died && !(sut.stopped && sut.stopped->crashed());
  if (sut.died) {
    subtest.actual = fmt::format("ended during the case: {}", sut.died->describe());
  } else if (sut.stopped && sut.stopped->crashed()) {
    subtest.actual = fmt::format("crashed when stopped: {}", sut.stopped->describe());
  } else {
    subtest.actual = "running until stopped";
  }
  subtest.status = alive == want_alive ? Status::kPass : Status::kFail;
  subtest.message = fmt::format("{}: {}", sut.name.empty() ? "SUT" : sut.name, subtest.actual);
  return subtest;
}

}  // namespace

bool ProcessJudge::judges(manifest::ExpectationKind kind) const {
  return kind == manifest::ExpectationKind::process;
}

std::vector<reports::Subtest> ProcessJudge::judge(const manifest::CaseManifest& manifest,
                                                  const CaseArtifacts& artifacts,
                                                  reports::CaseResult& record) {
  std::vector<reports::Subtest> subtests;
  std::set<std::string> covered;
  for (const manifest::Expectation& expectation : manifest.expectations) {
    const auto* check = std::get_if<ProcessCheck>(&expectation.check);
    if (check == nullptr) continue;
    covered.insert(check->endpoint);
    if (check->endpoint == "sut") {
      subtests.push_back(judge_sut(expectation.name, check->alive.value_or(true), artifacts.sut));
    } else {
      subtests.push_back(judge_endpoint(expectation.name, *check, artifacts.find(check->endpoint)));
    }
  }
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    if (covered.count(endpoint.name) != 0) continue;
    ProcessCheck implicit;
    implicit.endpoint = endpoint.name;
    implicit.exit_code = 0;
    subtests.push_back(
        judge_endpoint(endpoint.name + "-exit", implicit, artifacts.find(endpoint.name)));
  }
  if (artifacts.sut.started && covered.count("sut") == 0) {
    subtests.push_back(judge_sut("sut-alive", true, artifacts.sut));
  }

  std::int64_t completed = 0;
  std::int64_t failed = 0;
  bool any_stats = false;
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    const EndpointRun* run = artifacts.find(endpoint.name);
    if (endpoint.mode != manifest::EndpointMode::uac || run == nullptr || !run->calls) continue;
    any_stats = true;
    completed += run->calls->successful;
    failed += run->calls->failed;
  }
  if (any_stats) {
    record.set_count("calls_completed", completed);
    record.set_count("calls_failed", failed);
  }
  return subtests;
}

}  // namespace sipconf::harness
