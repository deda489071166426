#include "harness/manifest/expectation_parser.h"

#include <fmt/format.h>

#include <set>
#include <string>
#include <utility>

#include "base/quantity.h"
#include "base/text_pattern.h"

namespace sipconf::manifest {
namespace {

constexpr std::string_view kKinds =
    "message, absent, order, header, sdp, response, latency, count, media, process";

bool is_method(const std::string& method) {
  static const base::TextPattern pattern("^[A-Z][A-Z-]*$");
  return pattern.matches(method);
}

/// Reads the selector attributes shared by the message-level expectations.
MessageSelector read_selector(const base::ElementReader& reader, bool leg_required,
                              const MessageSelector* defaults = nullptr) {
  MessageSelector selector;
  if (defaults) selector = *defaults;
  selector.where = reader.where();
  if (auto leg = reader.text("leg", leg_required && !(defaults && !defaults->leg.empty()))) {
    selector.leg = *leg;
  }
  if (auto from = reader.text("from")) selector.from = *from;
  if (auto method = reader.text("method")) {
    selector.method = *method;
    if (!is_method(*method)) {
      reader.error(
          fmt::format("method `{}` must be an upper-case SIP method such as INVITE", *method));
    }
  }
  if (auto status = reader.text("status")) {
    selector.status = *status;
    if (!is_status_pattern(*status)) {
      reader.error(fmt::format("status `{}` must be a code (486) or a class (4xx, 18x)", *status));
    }
  }
  if (auto occurrence = reader.integer("occurrence", 1, 100000)) {
    selector.occurrence = static_cast<int>(*occurrence);
  }
  return selector;
}

std::string read_status_pattern(const base::ElementReader& reader, std::string_view attribute) {
  std::string value = reader.text(attribute).value_or("");
  if (!value.empty() && !is_status_pattern(value)) {
    reader.error(
        fmt::format("`{}` must be a code (200) or a class (2xx, 18x), not `{}`", attribute, value));
  }
  return value;
}

HeaderCheck parse_header(const base::ElementReader& reader) {
  HeaderCheck check;
  check.selector = read_selector(reader, true);
  check.header = reader.required("header");
  int predicates = 0;
  if (reader.has("present")) {
    ++predicates;
    const bool present = reader.optional_boolean("present").value_or(true);
    check.predicate = present ? HeaderPredicate::present : HeaderPredicate::absent;
  }
  if (auto equals = reader.text("equals")) {
    ++predicates;
    check.predicate = HeaderPredicate::equals;
    check.value = *equals;
  }
  if (reader.has("matches")) {
    ++predicates;
    check.predicate = HeaderPredicate::matches;
    check.value = reader.regex("matches").value_or("");
  }
  if (predicates != 1) {
    reader.error("<header> needs exactly one of present=\"true|false\", equals, matches");
  }
  return check;
}

SdpCheck parse_sdp(const base::ElementReader& reader) {
  SdpCheck check;
  check.selector = read_selector(reader, true);
  check.codecs = base::split_list(reader.text("codecs").value_or(""));
  check.codecs_include = base::split_list(reader.text("codecs-include").value_or(""));
  check.codecs_exclude = base::split_list(reader.text("codecs-exclude").value_or(""));
  check.connection = reader.text("connection").value_or("");
  check.direction = reader.text("direction").value_or("");
  if (!check.direction.empty() && check.direction != "sendrecv" && check.direction != "sendonly" &&
      check.direction != "recvonly" && check.direction != "inactive") {
    reader.error(fmt::format("direction `{}` must be sendrecv, sendonly, recvonly or inactive",
                             check.direction));
  }
  check.profile = reader.text("profile").value_or("");
  if (!check.profile.empty() && check.profile != "RTP/AVP" && check.profile != "RTP/SAVP") {
    reader.error(fmt::format("profile `{}` must be RTP/AVP or RTP/SAVP", check.profile));
  }
  check.crypto = reader.optional_boolean("crypto");
  if (check.codecs.empty() && check.codecs_include.empty() && check.codecs_exclude.empty() &&
      check.connection.empty() && check.direction.empty() && check.profile.empty() &&
      !check.crypto) {
    reader.error(
        "<sdp> states no fact (codecs, codecs-include, codecs-exclude, connection, "
        "direction, profile, crypto)");
  }
  return check;
}

ResponseCheck parse_response(const base::ElementReader& reader) {
  ResponseCheck check;
  check.selector = read_selector(reader, true);
  if (check.selector.selects_responses()) {
    reader.error(
        "<response> selects the request: use `method`, and `final`/`provisional` "
        "for the responses");
  }
  check.final_status = read_status_pattern(reader, "final");
  check.provisional = read_status_pattern(reader, "provisional");
  if (!check.provisional.empty() && check.provisional[0] != '1') {
    reader.error("`provisional` must be a 1xx code or class");
  }
  if (check.final_status.empty() && check.provisional.empty()) {
    reader.error("<response> needs `final` and/or `provisional`");
  } else if (!check.final_status.empty() && check.final_status[0] == '1') {
    reader.error("`final` must be a 2xx-6xx code or class");
  }
  return check;
}

LatencyCheck parse_latency(const base::ElementReader& reader) {
  LatencyCheck check;
  const std::string metric = reader.required("metric");
  if (metric == "transit") {
    check.metric = LatencyMetric::transit;
  } else if (metric == "post-dial-delay") {
    check.metric = LatencyMetric::post_dial_delay;
  } else if (metric == "setup-time") {
    check.metric = LatencyMetric::setup_time;
  } else if (!metric.empty()) {
    reader.error(fmt::format(
        "unknown latency metric `{}` (known: transit, post-dial-delay, setup-time)", metric));
  }
  check.method = reader.text("method").value_or("");
  if (!check.method.empty() && !is_method(check.method)) {
    reader.error(fmt::format("method `{}` must be an upper-case SIP method", check.method));
  }
  check.statistic = reader.text("statistic").value_or("p99");
  if (check.statistic != "p50" && check.statistic != "p90" && check.statistic != "p99" &&
      check.statistic != "max") {
    reader.error(fmt::format("statistic `{}` must be p50, p90, p99 or max", check.statistic));
  }
  check.min = reader.duration("min");
  check.max = reader.duration("max");
  if (!reader.has("min") && !reader.has("max")) reader.error("<latency> needs `max` and/or `min`");
  if (check.min && check.max && *check.min > *check.max) reader.error("min is above max");
  return check;
}

Bounds read_bounds(const base::ElementReader& reader) {
  Bounds bounds;
  bounds.equals = reader.integer("equals", 0, 1000000000);
  bounds.min = reader.integer("min", 0, 1000000000);
  bounds.max = reader.integer("max", 0, 1000000000);
  if (bounds.equals && (bounds.min || bounds.max)) {
    reader.error("use either `equals` or `min`/`max`, not both");
  } else if (!reader.has("equals") && !reader.has("min") && !reader.has("max")) {
    reader.error(fmt::format("<{}> needs `equals`, `min` or `max`", reader.node().name()));
  } else if (bounds.min && bounds.max && *bounds.min > *bounds.max) {
    reader.error("min is above max");
  }
  return bounds;
}

CountCheck parse_count(const base::ElementReader& reader) {
  CountCheck check;
  check.selector = read_selector(reader, false);
  const std::string what = reader.required("what");
  static constexpr std::pair<std::string_view, CountedThing> kThings[] = {
      {"messages", CountedThing::messages},
      {"requests", CountedThing::requests},
      {"responses", CountedThing::responses},
      {"retransmissions", CountedThing::retransmissions},
      {"calls-completed", CountedThing::calls_completed},
      {"findings", CountedThing::findings},
      {"early-dialogs", CountedThing::early_dialogs},
  };
  bool known = what.empty();
  for (const auto& [name, thing] : kThings) {
    if (name == what) {
      check.what = thing;
      known = true;
    }
  }
  if (!known) {
    reader.error(
        fmt::format("unknown count `{}` (known: messages, requests, responses, "
                    "retransmissions, calls-completed, findings, early-dialogs)",
                    what));
  }
  check.bounds = read_bounds(reader);
  return check;
}

MediaCheck parse_media(const base::ElementReader& reader) {
  MediaCheck check;
  check.leg = reader.required("leg");
  check.from = reader.text("from").value_or("");
  check.present = reader.boolean("present", true);
  check.codec = reader.text("codec").value_or("");
  check.min_packets = reader.integer("min-packets", 0, 1000000000);
  check.max_lost = reader.integer("max-lost", 0, 1000000000);
  check.max_jitter = reader.duration("max-jitter");
  if (!check.present &&
      (check.min_packets || check.max_lost || check.max_jitter || !check.codec.empty())) {
    reader.error(
        "present=\"false\" (no RTP) cannot be combined with packet, loss, jitter or "
        "codec facts");
  }
  return check;
}

ProcessCheck parse_process(const base::ElementReader& reader) {
  ProcessCheck check;
  check.endpoint = reader.required("endpoint");
  if (auto exit = reader.text("exit")) {
    if (*exit == "success") {
      check.exit_code = 0;
    } else if (*exit == "calls-failed") {
      check.exit_code = 1;
    } else if (*exit == "no-calls") {
      check.exit_code = 99;
    } else {
      std::string why;
      const std::optional<std::int64_t> code = base::parse_integer(*exit, 0, 255, why);
      if (code) {
        check.exit_code = static_cast<int>(*code);
      } else {
        reader.error(fmt::format(
            "exit `{}` must be success, calls-failed, no-calls or an exit status 0-255", *exit));
      }
    }
  }
  check.successful_calls = reader.integer("successful-calls", 0, 1000000000);
  check.failed_calls = reader.integer("failed-calls", 0, 1000000000);
  check.alive = reader.optional_boolean("alive");
  const bool is_sut = check.endpoint == "sut";
  if (is_sut && (check.exit_code || check.successful_calls || check.failed_calls)) {
    reader.error("for endpoint=\"sut\" only `alive` applies");
  }
  if (!is_sut && check.alive) reader.error("`alive` applies to endpoint=\"sut\" only");
  if (!check.exit_code && !check.successful_calls && !check.failed_calls && !check.alive) {
    reader.error("<process> states nothing (exit, successful-calls, failed-calls, alive)");
  }
  return check;
}

OrderCheck parse_order(const base::XmlFile& file, const base::ElementReader& reader,
                       base::Diagnostics& diags) {
  OrderCheck check;
  MessageSelector defaults;
  defaults.leg = reader.text("leg").value_or("");
  for (pugi::xml_node child : reader.node().children()) {
    if (!base::is_element(child)) continue;
    if (std::string_view(child.name()) != "step") {
      base::report_unknown_element(file, child, "step", diags);
      continue;
    }
    base::ElementReader step(
        file, child, diags,
        {"leg", "from", "method", "status", "occurrence", "min-delay", "max-delay"});
    check.steps.push_back(read_selector(step, true, &defaults));
    StepDelay delay{step.duration("min-delay"), step.duration("max-delay")};
    if ((delay.min || delay.max) && check.steps.size() == 1) {
      step.error("the first <step> has no previous step to come `min-delay`/`max-delay` after");
    } else if (delay.min && delay.max && *delay.min > *delay.max) {
      step.error("min-delay is above max-delay");
    }
    check.delays.push_back(delay);
  }
  if (check.steps.size() < 2) reader.error("<order> needs at least two <step> elements");
  return check;
}

std::optional<Expectation> parse_one(const base::XmlFile& file, pugi::xml_node node,
                                     base::Diagnostics& diags) {
  const std::optional<ExpectationKind> kind = expectation_kind_from(node.name());
  if (!kind) {
    base::report_unknown_element(file, node, kKinds, diags);
    return std::nullopt;
  }
  Expectation expectation;
  expectation.where = file.where(node);
  if (*kind != ExpectationKind::order) base::reject_text(file, node, diags);
  auto reader_for = [&](std::initializer_list<std::string_view> attributes) {
    return base::ElementReader(file, node, diags, attributes);
  };
  switch (*kind) {
    case ExpectationKind::message: {
      base::ElementReader reader =
          reader_for({"name", "leg", "from", "method", "status", "occurrence"});
      expectation.check = MessageCheck{read_selector(reader, true)};
      break;
    }
    case ExpectationKind::absent: {
      // "The 2nd INVITE is absent" reads as "fewer than 2": that is <count>, so no occurrence.
      base::ElementReader reader = reader_for({"name", "leg", "from", "method", "status"});
      expectation.check = AbsentCheck{read_selector(reader, true)};
      break;
    }
    case ExpectationKind::order: {
      base::ElementReader reader = reader_for({"name", "leg"});
      expectation.check = parse_order(file, reader, diags);
      break;
    }
    case ExpectationKind::header: {
      base::ElementReader reader =
          reader_for({"name", "leg", "from", "method", "status", "occurrence", "header", "present",
                      "equals", "matches"});
      expectation.check = parse_header(reader);
      break;
    }
    case ExpectationKind::sdp: {
      base::ElementReader reader = reader_for(
          {"name", "leg", "from", "method", "status", "occurrence", "codecs", "codecs-include",
           "codecs-exclude", "connection", "direction", "profile", "crypto"});
      expectation.check = parse_sdp(reader);
      break;
    }
    case ExpectationKind::response: {
      base::ElementReader reader = reader_for(
          {"name", "leg", "from", "method", "status", "occurrence", "final", "provisional"});
      expectation.check = parse_response(reader);
      break;
    }
    case ExpectationKind::latency: {
      base::ElementReader reader =
          reader_for({"name", "metric", "method", "statistic", "min", "max"});
      expectation.check = parse_latency(reader);
      break;
    }
    case ExpectationKind::count: {
      base::ElementReader reader = reader_for({"name", "leg", "from", "method", "status",
                                               "occurrence", "what", "equals", "min", "max"});
      expectation.check = parse_count(reader);
      break;
    }
    case ExpectationKind::media: {
      base::ElementReader reader = reader_for(
          {"name", "leg", "from", "present", "codec", "min-packets", "max-lost", "max-jitter"});
      expectation.check = parse_media(reader);
      break;
    }
    case ExpectationKind::process: {
      base::ElementReader reader =
          reader_for({"name", "endpoint", "exit", "successful-calls", "failed-calls", "alive"});
      expectation.check = parse_process(reader);
      break;
    }
  }
  expectation.name = node.attribute("name").value();
  return expectation;
}

}  // namespace

std::vector<Expectation> parse_expectations(const base::XmlFile& file, pugi::xml_node node,
                                            base::Diagnostics& diags) {
  base::ElementReader reader(file, node, diags, {});
  base::reject_text(file, node, diags);
  std::vector<Expectation> expectations;
  std::set<std::string, std::less<>> names;
  static const base::TextPattern name_pattern("^[A-Za-z0-9][A-Za-z0-9._-]*$");
  for (pugi::xml_node child : node.children()) {
    if (!base::is_element(child)) continue;
    std::optional<Expectation> expectation = parse_one(file, child, diags);
    if (!expectation) continue;
    const base::SourceLocation where = expectation->where;
    if (expectation->name.empty()) {
      base::report(diags, where,
                   fmt::format("<{}> needs a `name` (the subtest name)", child.name()));
    } else if (!name_pattern.matches(expectation->name)) {
      base::report(diags, where,
                   fmt::format("expectation name `{}` must be letters, digits, `.`, `_`, `-`",
                               expectation->name));
    } else if (!names.insert(expectation->name).second) {
      base::report(
          diags, where,
          fmt::format("expectation name `{}` is used twice in this case", expectation->name));
    }
    expectations.push_back(std::move(*expectation));
  }
  return expectations;
}

}  // namespace sipconf::manifest
