#include "harness/judge/capture_judge.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/duration.h"
#include "base/text_pattern.h"
#include "harness/analysis/sipsim_message_log.h"
#include "harness/judge/analysis_json.h"
#include "harness/judge/latency_stats.h"
#include "harness/judge/media_expectations.h"
#include "harness/judge/wire_selection.h"
#include "sip/message/header_names.h"

namespace sipconf::harness {
namespace {

using manifest::ExpectationKind;
using manifest::MessageSelector;

std::string start_line_name(const TracedSipMessage& m) {
  return m.facts().request ? "Request-URI" : "Status-Line";
}

/// Judges one expectation against the analysed capture.
class ExpectationJudge {
 public:
  explicit ExpectationJudge(const WireSelection& wire) : wire_(wire), analysis_(wire.analysis()) {}

  reports::Subtest judge(const manifest::Expectation& e) {
    return std::visit([&](const auto& check) { return judge_check(e, check); }, e.check);
  }

 private:
  const TracedSipMessage& message(std::size_t index) const {
    return analysis_.trace.message(index);
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::MessageCheck& c) {
    reports::Subtest s = subtest_for(e, c.selector.leg);
    s.expected = WireSelection::describe(c.selector);
    const std::size_t index = wire_.pick(c.selector);
    if (index == kNoIndex) {
      const std::size_t matches = wire_.select(c.selector).size();
      s.actual = matches == 0 ? "none" : fmt::format("only {}", matches);
      fail(s, fmt::format("no {}; the leg carried: {}", s.expected,
                          wire_.leg_overview(c.selector.leg)));
      return s;
    }
    s.actual = message_summary(message(index));
    s.message_index = index;
    pass(s, fmt::format("{}: message {}", s.expected, index));
    return s;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::AbsentCheck& c) {
    reports::Subtest s = subtest_for(e, c.selector.leg);
    s.expected = "no " + WireSelection::describe(c.selector);
    const std::vector<std::size_t> matches = wire_.select(c.selector);
    if (matches.empty()) {
      s.actual = "none";
      pass(s, s.expected);
      return s;
    }
    s.message_index = matches.front();
    s.highlight = start_line_name(message(matches.front()));
    s.actual =
        fmt::format("{} ({} seen)", message_summary(message(matches.front())), matches.size());
    fail(s, fmt::format("unexpected {} at message {}", WireSelection::describe(c.selector),
                        matches.front()));
    return s;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::OrderCheck& c) {
    reports::Subtest s = subtest_for(e, c.steps.empty() ? std::string() : c.steps.front().leg);
    std::vector<std::string> names;
    for (const MessageSelector& step : c.steps) names.push_back(WireSelection::describe(step));
    s.expected = fmt::format("{}", fmt::join(names, " < "));
    std::vector<std::string> found;
    std::size_t previous = kNoIndex;
    for (std::size_t k = 0; k < c.steps.size(); ++k) {
      const std::vector<std::size_t> matches = wire_.select(c.steps[k]);
      const std::size_t wanted =
          c.steps[k].occurrence > 0 ? static_cast<std::size_t>(c.steps[k].occurrence) : 1;
      std::size_t seen = 0;
      std::size_t hit = kNoIndex;
      for (std::size_t index : matches) {
        if (previous != kNoIndex && index <= previous) continue;
        if (++seen == wanted) {
          hit = index;
          break;
        }
      }
      if (hit == kNoIndex) {
        s.actual = found.empty() ? "step 1 not found" : fmt::format("{}", fmt::join(found, " < "));
        if (!matches.empty()) {
          // It happened, but too early: point at it.
          s.message_index = matches.front();
          s.highlight = start_line_name(message(matches.front()));
          fail(s, fmt::format("step {} ({}) is at message {}, not after message {}", k + 1,
                              names[k], matches.front(), previous));
        } else {
          if (previous != kNoIndex) s.message_index = previous;
          fail(s, fmt::format("step {} ({}) never happened; the leg carried: {}", k + 1, names[k],
                              wire_.leg_overview(c.steps[k].leg)));
        }
        return s;
      }
      if (k > 0 && k < c.delays.size() && (c.delays[k].min || c.delays[k].max)) {
        const manifest::StepDelay& bounds = c.delays[k];
        const auto delay = std::chrono::microseconds(
            static_cast<std::int64_t>(message(hit).timestamp_ns() / 1000) -
            static_cast<std::int64_t>(message(previous).timestamp_ns() / 1000));
        if ((bounds.min && delay < *bounds.min) || (bounds.max && delay > *bounds.max)) {
          s.actual = fmt::format("{} < {}@{} after {}", fmt::join(found, " < "), names[k], hit,
                                 base::format_duration(delay));
          s.message_index = hit;
          s.highlight = start_line_name(message(hit));
          fail(s, fmt::format("step {} ({}, message {}) came {} after step {}, expected {}{}{}",
                              k + 1, names[k], hit, base::format_duration(delay), k,
                              bounds.min ? "at least " + base::format_duration(*bounds.min) : "",
                              bounds.min && bounds.max ? " and " : "",
                              bounds.max ? "at most " + base::format_duration(*bounds.max) : ""));
          return s;
        }
        found.push_back(fmt::format("{}@{} after {}", names[k], hit, base::format_duration(delay)));
      } else {
        found.push_back(fmt::format("{}@{}", names[k], hit));
      }
      previous = hit;
    }
    s.actual = fmt::format("{}", fmt::join(found, " < "));
    pass(s, fmt::format("in order at messages {}", fmt::join(found.begin(), found.end(), ", ")));
    return s;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::HeaderCheck& c) {
    reports::Subtest s = subtest_for(e, c.selector.leg);
    using manifest::HeaderPredicate;
    switch (c.predicate) {
      case HeaderPredicate::present:
        s.expected = "present";
        break;
      case HeaderPredicate::absent:
        s.expected = "absent";
        break;
      case HeaderPredicate::equals:
        s.expected = c.value;
        break;
      case HeaderPredicate::matches:
        s.expected = "regex " + c.value;
        break;
    }
    s.highlight = c.header;
    const std::size_t index = wire_.pick(c.selector);
    const std::string what =
        fmt::format("{} of the {}", c.header, WireSelection::describe(c.selector));
    if (index == kNoIndex) {
      s.actual = "no such message";
      fail(s, fmt::format("{}: the message is not there; the leg carried: {}", what,
                          wire_.leg_overview(c.selector.leg)));
      return s;
    }
    s.message_index = index;
    const TracedSipMessage& m = message(index);
    std::optional<std::string> value;
    if (sip::iequals(c.header, "Request-URI")) {
      if (m.facts().request) value = m.facts().request_uri;
    } else if (sip::iequals(c.header, "Status-Line")) {
      if (!m.facts().request) value = message_summary(m);
    } else if (m.captured.message && m.captured.message->count(c.header) > 0) {
      std::string joined;
      for (std::string_view v : m.captured.message->header_values(c.header)) {
        if (!joined.empty()) joined += ", ";
        joined += v;
      }
      value = std::move(joined);
    }
    s.actual = value ? *value : "absent";
    bool ok = false;
    switch (c.predicate) {
      case HeaderPredicate::present:
        ok = value.has_value();
        break;
      case HeaderPredicate::absent:
        ok = !value.has_value();
        break;
      case HeaderPredicate::equals:
        ok = value && *value == c.value;
        break;
      case HeaderPredicate::matches: {
        // The manifest parser validated the pattern; one that does not compile fails.
        std::string error;
        const auto pattern = base::TextPattern::compile(c.value, error);
        ok = value && pattern && pattern->search(*value);
        break;
      }
    }
    if (ok) {
      pass(s, fmt::format("{}: {}", what, s.actual));
    } else {
      fail(s, fmt::format("{} is {}, expected {}", what, value ? "`" + *value + "`" : "absent",
                          s.expected));
    }
    return s;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::ResponseCheck& c) {
    reports::Subtest s = subtest_for(e, c.selector.leg);
    std::vector<std::string> expected;
    if (!c.final_status.empty()) expected.push_back("final " + c.final_status);
    if (!c.provisional.empty()) expected.push_back("provisional " + c.provisional);
    s.expected = fmt::format("{}", fmt::join(expected, ", "));
    const std::size_t index = wire_.pick(c.selector);
    const std::string what = WireSelection::describe(c.selector);
    if (index == kNoIndex) {
      s.actual = "no such request";
      fail(s, fmt::format("no {}; the leg carried: {}", what, wire_.leg_overview(c.selector.leg)));
      return s;
    }
    const Transaction& t = analysis_.trace.transactions().at(message(index).transaction);
    std::vector<std::string> statuses;
    bool provisional_seen = false;
    for (std::size_t r : t.responses) {
      const TracedSipMessage& response = message(r);
      if (response.retransmission) continue;
      statuses.push_back(std::to_string(response.facts().status));
      if (!c.provisional.empty() && response.facts().is_provisional() &&
          manifest::status_matches(c.provisional, response.facts().status)) {
        provisional_seen = true;
      }
    }
    s.actual = statuses.empty() ? "no response" : fmt::format("{}", fmt::join(statuses, ", "));
    s.message_index = index;
    s.highlight = "Request-URI";
    std::vector<std::string> problems;
    if (!c.final_status.empty()) {
      if (t.first_final == kNoIndex) {
        problems.push_back("no final response");
      } else if (!manifest::status_matches(c.final_status, message(t.first_final).facts().status)) {
        s.message_index = t.first_final;
        s.highlight = "Status-Line";
        problems.push_back(fmt::format("final response {}, expected {}",
                                       message(t.first_final).facts().status, c.final_status));
      }
    }
    if (!c.provisional.empty() && !provisional_seen) {
      problems.push_back(fmt::format("no {} provisional", c.provisional));
    }
    if (problems.empty()) {
      pass(s, fmt::format("{} (message {}) got {}", what, index, s.actual));
    } else {
      fail(s, fmt::format("{} (message {}): {}", what, index, fmt::join(problems, "; ")));
    }
    return s;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::LatencyCheck& c) {
    reports::Subtest s = subtest_for(e, "");
    std::vector<int64_t> samples;
    switch (c.metric) {
      case manifest::LatencyMetric::transit:
        samples = analysis_.metrics.transit_us(c.method);
        break;
      case manifest::LatencyMetric::post_dial_delay:
        samples = analysis_.metrics.post_dial_delay_us();
        break;
      case manifest::LatencyMetric::setup_time:
        samples = analysis_.metrics.setup_time_us();
        break;
    }
    std::string bounds;
    if (c.min) bounds = fmt::format(">= {}", c.min->count());
    if (c.max) bounds += fmt::format("{}<= {}", bounds.empty() ? "" : ", ", c.max->count());
    s.expected = fmt::format("{} {}", c.statistic, bounds);
    const std::string what = fmt::format("{} {}{}", c.statistic, manifest::to_string(c.metric),
                                         c.method.empty() ? "" : " of " + c.method);
    if (samples.empty()) {
      s.actual = "no samples";
      fail(s, fmt::format("{}: nothing was measured (no {} seen)", what,
                          c.metric == manifest::LatencyMetric::transit
                              ? "message relayed by the SUT"
                              : "call with the response it needs"));
      return s;
    }
    const LatencySummary summary = summarize_latency(samples);
    int64_t value = 0;
    summary.get(c.statistic, value);
    s.actual = std::to_string(value);
    const bool ok = (!c.min || value >= c.min->count()) && (!c.max || value <= c.max->count());
    const std::string text =
        fmt::format("{} {} us over {} samples ({})", what, value, summary.count, bounds + " us");
    ok ? pass(s, text) : fail(s, text);
    return s;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::CountCheck& c) {
    reports::Subtest s = subtest_for(e, c.selector.leg);
    s.expected = c.bounds.describe();
    using manifest::CountedThing;
    std::int64_t value = 0;
    MessageSelector selector = c.selector;
    selector.occurrence = 0;
    switch (c.what) {
      case CountedThing::messages:
        value = static_cast<std::int64_t>(wire_.select(selector, true).size());
        break;
      case CountedThing::requests:
        selector.status.clear();
        value = static_cast<std::int64_t>(wire_.select(selector).size());
        break;
      case CountedThing::responses: {
        const std::vector<std::size_t> all = wire_.select(selector, true);
        value = std::count_if(all.begin(), all.end(),
                              [&](std::size_t i) { return !message(i).facts().request; });
        break;
      }
      case CountedThing::retransmissions:
        value = count_retransmissions(selector);
        break;
      case CountedThing::calls_completed:
        value = count_completed_calls(selector.leg);
        break;
      case CountedThing::findings:
        value = count_findings(selector);
        break;
      case CountedThing::early_dialogs:
        value = count_early_dialogs(selector);
        break;
    }
    s.actual = std::to_string(value);
    std::string what = std::string(manifest::to_string(c.what));
    if (c.what == CountedThing::early_dialogs) {
      // Only leg and sender narrow it; the selector's "request" wording would mislead.
      if (!c.selector.leg.empty()) what += " on leg " + c.selector.leg;
      if (!c.selector.from.empty()) what += ", 18x from " + c.selector.from;
    } else if (!c.selector.leg.empty() || !c.selector.method.empty() ||
               !c.selector.status.empty() || !c.selector.from.empty()) {
      what += " (" + WireSelection::describe(c.selector) + ")";
    }
    const std::string text = fmt::format("{}: {}, expected {}", what, value, s.expected);
    c.bounds.contains(value) ? pass(s, text) : fail(s, text);
    return s;
  }

  /// Retransmissions the selector's filters (other than kind) let through.
  std::int64_t count_retransmissions(const MessageSelector& selector) const {
    std::int64_t n = 0;
    const auto& messages = analysis_.trace.messages();
    for (std::size_t i = 0; i < messages.size(); ++i) {
      const TracedSipMessage& m = messages[i];
      if (!m.retransmission) continue;
      if (!selector.leg.empty() && !wire_.on_leg(i, selector.leg)) continue;
      if (!selector.from.empty() && !wire_.sent_by(i, selector.from)) continue;
      if (!selector.method.empty() && m.facts().method != selector.method) continue;
      if (!selector.status.empty() &&
          (m.facts().request || !manifest::status_matches(selector.status, m.facts().status))) {
        continue;
      }
      ++n;
    }
    return n;
  }

  std::int64_t count_completed_calls(const std::string& leg) const {
    if (leg.empty()) return static_cast<std::int64_t>(analysis_.metrics.calls_completed);
    std::int64_t n = 0;
    for (const CallLeg& call_leg : analysis_.trace.legs()) {
      if (!call_leg.is_call() || !call_leg.completed()) continue;
      if (wire_.on_leg(call_leg.first_invite, leg)) ++n;
    }
    return n;
  }

  /// Early dialogs whose first provisional response the selector's leg and sender let
  /// through: each To tag once, however many 18x it sent.
  std::int64_t count_early_dialogs(const MessageSelector& selector) const {
    std::int64_t n = 0;
    for (const CallLeg& call_leg : analysis_.trace.legs()) {
      for (const DialogState& dialog : call_leg.dialogs) {
        if (dialog.early == kNoIndex) continue;
        if (!selector.leg.empty() && !wire_.on_leg(dialog.early, selector.leg)) continue;
        if (!selector.from.empty() && !wire_.sent_by(dialog.early, selector.from)) continue;
        ++n;
      }
    }
    return n;
  }

  std::int64_t count_findings(const MessageSelector& selector) const {
    std::int64_t n = 0;
    for (const Finding& finding : analysis_.findings) {
      const std::size_t i = finding.message_index;
      if (i == kNoIndex) continue;
      const SipMessageFacts& f = message(i).facts();
      if (!selector.leg.empty() && !wire_.on_leg(i, selector.leg)) continue;
      if (!selector.from.empty() && !wire_.sent_by(i, selector.from)) continue;
      if (!selector.method.empty() && f.method != selector.method) continue;
      if (!selector.status.empty() &&
          (f.request || !manifest::status_matches(selector.status, f.status))) {
        continue;
      }
      ++n;
    }
    return n;
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::SdpCheck& c) {
    return judge_sdp(e, c, wire_);
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::MediaCheck& c) {
    return judge_media(e, c, wire_);
  }

  reports::Subtest judge_check(const manifest::Expectation& e, const manifest::ProcessCheck&) {
    // Not a wire kind: judges() declines it, so this is never reached from judge().
    reports::Subtest s = subtest_for(e, "");
    fail(s, "process expectations are judged from exit statuses, not the capture");
    return s;
  }

  const WireSelection& wire_;
  const CaptureAnalysis& analysis_;
};

bool is_wire_kind(ExpectationKind kind) { return kind != ExpectationKind::process; }

}  // namespace

bool CaptureJudge::judges(ExpectationKind kind) const { return is_wire_kind(kind); }

std::vector<reports::Subtest> judge_wire_expectations(const manifest::CaseManifest& manifest,
                                                      const CaptureAnalysis& analysis,
                                                      reports::CaseResult& record) {
  const PartyDirectory parties(record.endpoints, manifest);
  const CaseLabels labels(parties);
  fill_case_record(analysis, RecordScope::whole(analysis), labels, record);
  const WireSelection wire(analysis, labels);
  ExpectationJudge judge(wire);
  std::vector<reports::Subtest> subtests;
  for (const manifest::Expectation& expectation : manifest.expectations) {
    if (!is_wire_kind(expectation.kind())) continue;
    subtests.push_back(judge.judge(expectation));
  }
  return subtests;
}

std::vector<reports::Subtest> CaptureJudge::judge(const manifest::CaseManifest& manifest,
                                                  const CaseArtifacts& artifacts,
                                                  reports::CaseResult& record) {
  bool any = false;
  for (const manifest::Expectation& expectation : manifest.expectations) {
    any = any || is_wire_kind(expectation.kind());
  }
  std::string problem;
  CaptureAnalysis analysis;
  if (artifacts.pcap.empty()) {
    problem = "no capture was taken";
  } else {
    const PartyDirectory parties(record.endpoints, manifest);
    CaptureAnalysisOptions options;
    options.middle = parties.sut_addresses();
    // TLS legs are opaque in the capture: their SIP comes from the sipsim logs.
    LoggedTlsSip logged = read_logged_tls_sip(manifest, artifacts.directory);
    if (!logged.messages.empty()) {
      record.set_count("tls_messages_from_logs", static_cast<std::int64_t>(logged.messages.size()));
    }
    if (logged.malformed_lines > 0) {
      record.set_count("message_log_malformed_lines",
                       static_cast<std::int64_t>(logged.malformed_lines));
    }
    base::Diagnostics diags;
    sip::Result<CaptureAnalysis> analyzed =
        logged.messages.empty() ? analyze_capture_file(artifacts.pcap, options, diags)
                                : analyze_capture_with_logged_sip(
                                      artifacts.pcap, std::move(logged.messages), options, diags);
    if (analyzed) {
      analysis = std::move(analyzed).value();
    } else {
      problem = diags.empty() ? analyzed.error().message() : diags.front().to_string();
    }
  }
  if (problem.empty()) return judge_wire_expectations(manifest, analysis, record);
  std::vector<reports::Subtest> subtests;
  if (!any) return subtests;
  for (const manifest::Expectation& expectation : manifest.expectations) {
    if (!is_wire_kind(expectation.kind())) continue;
    reports::Subtest s = subtest_for(expectation, "");
    s.actual = "no capture";
    fail(s, fmt::format("cannot judge from the wire: {}", problem));
    subtests.push_back(std::move(s));
  }
  return subtests;
}

}  // namespace sipconf::harness
