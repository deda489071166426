#include "reports/model/run_loader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/diagnostic.h"
#include "base/line_index.h"
#include "reports/model/report_error.h"

namespace sipconf::reports {
namespace {

using nlohmann::json;

/// Reads typed keys of one JSON object and records the first problem as
/// `<where>.<key>: what is wrong`. After a problem every further read is a no-op, so
/// the decoding code reads straight through without checking after each key.
class Fields {
 public:
  Fields(const json& object, std::string where, std::string& error)
      : object_(object), where_(std::move(where)), error_(error) {}

  bool ok() const { return error_.empty(); }

  std::string at(std::string_view key) const {
    return where_.empty() ? std::string(key) : fmt::format("{}.{}", where_, key);
  }

  void fail(std::string_view key, std::string_view what) {
    if (ok()) error_ = fmt::format("{}: {}", at(key), what);
  }

  /// The value of `key`, or nullptr when absent or null.
  const json* find(std::string_view key) const {
    if (!ok()) return nullptr;
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;
    return &*it;
  }

  void text(std::string_view key, std::string& out, bool required = false) {
    const json* value = find(key);
    if (value == nullptr) {
      if (required && ok()) fail(key, "is missing");
      return;
    }
    if (!value->is_string()) return wrong_type(key, "a string", *value);
    out = value->get<std::string>();
    if (required && out.empty()) fail(key, "is empty");
  }

  void integer(std::string_view key, std::int64_t& out) {
    const json* value = find(key);
    if (value != nullptr) to_integer(key, *value, out);
  }

  void integer(std::string_view key, std::optional<std::int64_t>& out) {
    const json* value = find(key);
    std::int64_t number = 0;
    if (value != nullptr && to_integer(key, *value, number)) out = number;
  }

  void small_integer(std::string_view key, std::optional<int>& out) {
    std::optional<std::int64_t> wide;
    integer(key, wide);
    if (!wide) return;
    if (*wide < std::numeric_limits<int>::min() || *wide > std::numeric_limits<int>::max()) {
      return fail(key, fmt::format("{} is out of range", *wide));
    }
    out = static_cast<int>(*wide);
  }

  void number(std::string_view key, double& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_number()) return wrong_type(key, "a number", *value);
    out = value->get<double>();
  }

  void boolean(std::string_view key, bool& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_boolean()) return wrong_type(key, "true or false", *value);
    out = value->get<bool>();
  }

  void status(std::string_view key, Status& out, bool required) {
    std::string name;
    text(key, name, required);
    if (name.empty() || !ok()) return;
    auto parsed = parse_status(name);
    if (!parsed) {
      return fail(key, fmt::format("unknown status \"{}\" (expected one of PASS FAIL XFAIL "
                                   "XPASS TIMEOUT CRASH ERROR SKIP)",
                                   name));
    }
    out = *parsed;
  }

  void text_list(std::string_view key, std::vector<std::string>& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_array()) return wrong_type(key, "an array of strings", *value);
    for (std::size_t i = 0; i < value->size(); ++i) {
      const json& item = (*value)[i];
      if (!item.is_string()) {
        return wrong_type(fmt::format("{}[{}]", key, i), "a string", item);
      }
      out.push_back(item.get<std::string>());
    }
  }

  void integer_list(std::string_view key, std::vector<std::int64_t>& out) {
    const json* value = find(key);
    if (value == nullptr) return;
    if (!value->is_array()) return wrong_type(key, "an array of numbers", *value);
    out.reserve(value->size());
    for (std::size_t i = 0; i < value->size() && ok(); ++i) {
      std::int64_t number = 0;
      if (to_integer(fmt::format("{}[{}]", key, i), (*value)[i], number)) out.push_back(number);
    }
  }

  /// The object under `key`, nullptr when absent (or on a type error, recorded).
  const json* object(std::string_view key) {
    const json* value = find(key);
    if (value != nullptr && !value->is_object()) {
      wrong_type(key, "an object", *value);
      return nullptr;
    }
    return value;
  }

  const json* array(std::string_view key, bool required = false) {
    const json* value = find(key);
    if (value == nullptr) {
      if (required && ok()) fail(key, "is missing");
      return nullptr;
    }
    if (!value->is_array()) {
      wrong_type(key, "an array", *value);
      return nullptr;
    }
    return value;
  }

  void wrong_type(std::string_view key, std::string_view wanted, const json& got) {
    fail(key, fmt::format("expected {}, got {}", wanted, got.type_name()));
  }

 private:
  bool to_integer(std::string_view key, const json& value, std::int64_t& out) {
    if (value.is_number_integer() && !value.is_number_unsigned()) {
      out = value.get<std::int64_t>();
      return true;
    }
    if (value.is_number_unsigned()) {
      auto wide = value.get<std::uint64_t>();
      if (wide > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        fail(key, "is out of range");
        return false;
      }
      out = static_cast<std::int64_t>(wide);
      return true;
    }
    if (value.is_number_float()) {
      double real = value.get<double>();
      if (!std::isfinite(real) || std::fabs(real) > 9.0e18) {
        fail(key, "is out of range");
        return false;
      }
      out = std::llround(real);
      return true;
    }
    wrong_type(key, "a number", value);
    return false;
  }

  const json& object_;
  std::string where_;
  std::string& error_;
};

/// Iterates the objects of an array, failing on anything else.
template <typename Fn>
void for_each_object(Fields& parent, std::string_view key, const json* items, Fn&& fn) {
  if (items == nullptr) return;
  for (std::size_t i = 0; i < items->size() && parent.ok(); ++i) {
    std::string where = fmt::format("{}[{}]", parent.at(key), i);
    const json& item = (*items)[i];
    if (!item.is_object()) {
      parent.fail(fmt::format("{}[{}]", key, i),
                  fmt::format("expected an object, got {}", item.type_name()));
      return;
    }
    fn(where, item, i);
  }
}

void decode_run_info(Fields& top, RunInfo& info, std::string& error) {
  const json* object = top.object("run_info");
  if (object == nullptr) return;
  Fields f(*object, top.at("run_info"), error);
  f.text("sipconf_version", info.sipconf_version);
  f.text("sipp_version", info.sipp_version);
  f.text("git_revision", info.git_revision);
  f.text("host", info.host);
  f.text("os", info.os);
  f.text("command", info.command);
  f.integer("jobs", info.jobs);
  if (const json* sut = f.object("sut")) {
    Fields s(*sut, f.at("sut"), error);
    s.text("kind", info.sut.kind);
    s.text("name", info.sut.name);
    s.text("version", info.sut.version);
    s.text("address", info.sut.address);
    s.text("description", info.sut.description);
  }
}

/// Known keys in the order the contract documents them; others follow alphabetically.
template <typename T>
std::vector<std::string> ordered_keys(const json& object, const T& known) {
  std::vector<std::string> keys;
  for (const auto& name : known) {
    if (object.contains(name)) keys.emplace_back(name);
  }
  for (const auto& item : object.items()) {
    if (std::find(keys.begin(), keys.end(), item.key()) == keys.end()) keys.push_back(item.key());
  }
  return keys;
}

void decode_metrics(Fields& c, CaseResult& out, std::string& error) {
  const json* metrics = c.object("metrics");
  if (metrics == nullptr) return;
  Fields m(*metrics, c.at("metrics"), error);
  if (const json* latency = m.object("latency_us")) {
    for (const auto& key : ordered_keys(*latency, kLatencyOrder)) {
      const json& value = (*latency)[key];
      std::string where = fmt::format("{}.{}", m.at("latency_us"), key);
      if (!value.is_object()) {
        Fields(*latency, m.at("latency_us"), error).wrong_type(key, "an object", value);
        return;
      }
      Fields l(value, where, error);
      LatencyMetric metric;
      metric.name = key;
      l.integer("count", metric.count);
      l.integer("p50", metric.p50);
      l.integer("p90", metric.p90);
      l.integer("p99", metric.p99);
      l.integer("max", metric.max);
      l.integer_list("samples", metric.samples);
      if (!l.ok()) return;
      if (!value.contains("count")) metric.count = static_cast<std::int64_t>(metric.samples.size());
      out.latency.push_back(std::move(metric));
    }
  }
  if (const json* counts = m.object("counts")) {
    Fields k(*counts, m.at("counts"), error);
    for (const auto& key : ordered_keys(*counts, kCountOrder)) {
      Count count{key, 0};
      k.integer(key, count.value);
      out.counts.push_back(std::move(count));
    }
  }
  for_each_object(m, "rtp", m.array("rtp"), [&](const std::string& where, const json& item, auto) {
    Fields r(item, where, error);
    RtpStream stream;
    r.text("leg", stream.leg);
    r.text("ssrc", stream.ssrc);
    r.text("from", stream.from);
    r.text("to", stream.to);
    r.small_integer("payload_type", stream.payload_type);
    r.text("codec", stream.codec);
    r.integer("packets", stream.packets);
    r.integer("lost", stream.lost);
    r.number("jitter_ms", stream.jitter_ms);
    r.integer("first_packet_us", stream.first_packet_us);
    r.integer("duration_ms", stream.duration_ms);
    r.integer("telephone_events", stream.telephone_events);
    out.rtp.push_back(std::move(stream));
  });
}

void decode_artifacts(Fields& c, CaseResult& out, std::string& error) {
  const json* artifacts = c.object("artifacts");
  if (artifacts == nullptr) return;
  Fields a(*artifacts, c.at("artifacts"), error);
  for (const auto& key : ordered_keys(*artifacts, kArtifactOrder)) {
    const json& value = (*artifacts)[key];
    if (value.is_null()) continue;
    if (value.is_string()) {
      out.artifacts.push_back({key, value.get<std::string>()});
      continue;
    }
    std::vector<std::string> paths;
    a.text_list(key, paths);
    if (!a.ok()) return;
    for (auto& path : paths) out.artifacts.push_back({key, std::move(path)});
  }
}

void check_message_index(Fields& f, std::string_view key, const std::optional<std::int64_t>& index,
                         std::size_t messages, std::optional<std::size_t>& out) {
  if (!index) return;
  if (*index < 0 || static_cast<std::size_t>(*index) >= messages) {
    return f.fail(key,
                  fmt::format("{} is out of range (the case has {} messages)", *index, messages));
  }
  out = static_cast<std::size_t>(*index);
}

void decode_case(const std::string& where, const json& item, CaseResult& out, std::string& error) {
  Fields c(item, where, error);
  c.text("id", out.id, /*required=*/true);
  c.text("path", out.path);
  c.text("description", out.description);
  c.status("status", out.status, /*required=*/true);
  c.status("expected", out.expected, /*required=*/false);
  if (c.ok() && out.expected != Status::kPass && out.expected != Status::kFail) {
    c.fail("expected", "must be PASS or FAIL");
  }
  c.text("message", out.message);
  c.integer("duration_ms", out.duration_ms);
  std::optional<int> repetition;
  c.small_integer("repetition", repetition);
  if (repetition) out.repetition = *repetition;
  c.text_list("behaviours", out.behaviours);
  c.text_list("peer_kinds", out.peer_kinds);

  for_each_object(c, "endpoints", c.array("endpoints"),
                  [&](const std::string& w, const json& e, auto) {
                    Fields f(e, w, error);
                    Endpoint endpoint;
                    f.text("name", endpoint.name, /*required=*/true);
                    f.text("role", endpoint.role);
                    f.text("interface", endpoint.interface);
                    f.text("address", endpoint.address);
                    f.text("transport", endpoint.transport);
                    f.text("driver", endpoint.driver);
                    out.endpoints.push_back(std::move(endpoint));
                  });
  for_each_object(c, "legs", c.array("legs"), [&](const std::string& w, const json& l, auto) {
    Fields f(l, w, error);
    Leg leg;
    f.text("name", leg.name);
    f.text_list("endpoints", leg.endpoints);
    f.text_list("call_ids", leg.call_ids);
    out.legs.push_back(std::move(leg));
  });
  for_each_object(c, "messages", c.array("messages"),
                  [&](const std::string& w, const json& m, std::size_t position) {
                    Fields f(m, w, error);
                    Message message;
                    std::optional<std::int64_t> index;
                    f.integer("index", index);
                    if (index && *index != static_cast<std::int64_t>(position)) {
                      return f.fail("index", fmt::format("is {} but the message is at position {}",
                                                         *index, position));
                    }
                    f.integer("t_us", message.t_us);
                    f.text("from", message.from);
                    f.text("to", message.to);
                    f.text("leg", message.leg);
                    f.text("transport", message.transport);
                    f.text("kind", message.kind);
                    if (f.ok() && !message.kind.empty() && message.kind != "request" &&
                        message.kind != "response") {
                      return f.fail("kind", fmt::format("\"{}\" is neither request nor response",
                                                        message.kind));
                    }
                    f.text("method", message.method);
                    f.small_integer("status", message.status_code);
                    f.text("summary", message.summary);
                    f.text("call_id", message.call_id);
                    f.text("cseq", message.cseq);
                    f.boolean("retransmission", message.retransmission);
                    f.boolean("unanswered", message.unanswered);
                    f.text("raw", message.raw);
                    out.messages.push_back(std::move(message));
                  });
  for_each_object(
      c, "subtests", c.array("subtests"), [&](const std::string& w, const json& s, auto) {
        Fields f(s, w, error);
        Subtest subtest;
        f.text("name", subtest.name, /*required=*/true);
        f.status("status", subtest.status, /*required=*/true);
        f.text("kind", subtest.kind);
        f.text("leg", subtest.leg);
        f.text("message", subtest.message);
        f.text("expected", subtest.expected);
        f.text("actual", subtest.actual);
        std::optional<std::int64_t> index;
        f.integer("message_index", index);
        check_message_index(f, "message_index", index, out.messages.size(), subtest.message_index);
        f.text("highlight", subtest.highlight);
        out.subtests.push_back(std::move(subtest));
      });
  decode_metrics(c, out, error);
  for_each_object(
      c, "findings", c.array("findings"), [&](const std::string& w, const json& s, auto) {
        Fields f(s, w, error);
        Finding finding;
        f.text("rule", finding.rule);
        f.text("severity", finding.severity);
        f.text("message", finding.message);
        std::optional<std::int64_t> index;
        f.integer("message_index", index);
        check_message_index(f, "message_index", index, out.messages.size(), finding.message_index);
        out.findings.push_back(std::move(finding));
      });
  decode_artifacts(c, out, error);
}

/// nlohmann's message without its "[json.exception...] parse error at line 1, column 2: "
/// prefix, since the caller prints its own position.
std::string parse_error_reason(const std::string& what) {
  auto column = what.find("column ");
  auto colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

}  // namespace

std::error_code parse_run(const json& document, Run& out, std::string& diagnostic) {
  diagnostic.clear();
  out = Run{};
  if (!document.is_object()) {
    diagnostic =
        fmt::format("expected a JSON object at the top level, got {}", document.type_name());
    return ReportErrc::kInvalidField;
  }
  auto version = document.find("schema_version");
  if (version == document.end()) {
    diagnostic = "schema_version is missing (is this a sipconf results.json?)";
    return ReportErrc::kUnsupportedSchema;
  }
  if (!version->is_number_integer() || version->get<std::int64_t>() != kSchemaVersion) {
    diagnostic = fmt::format("schema_version {} is not supported (this sipconf reads version {})",
                             version->dump(), kSchemaVersion);
    return ReportErrc::kUnsupportedSchema;
  }
  out.schema_version = kSchemaVersion;

  std::string error;
  Fields top(document, "", error);
  top.text("tool", out.tool);
  decode_run_info(top, out.run_info, error);
  for_each_object(top, "catalogue", top.array("catalogue"),
                  [&](const std::string& where, const json& item, auto) {
                    Fields f(item, where, error);
                    Behaviour behaviour;
                    f.text("id", behaviour.id, /*required=*/true);
                    f.text("title", behaviour.title);
                    out.catalogue.push_back(std::move(behaviour));
                  });
  top.text("time_start", out.time_start);
  top.text("time_end", out.time_end);

  std::map<std::string, std::size_t, std::less<>> first_seen;
  const json* results = top.array("results", /*required=*/true);
  for_each_object(top, "results", results,
                  [&](const std::string& where, const json& item, std::size_t position) {
                    CaseResult result;
                    decode_case(where, item, result, error);
                    if (!error.empty()) return;
                    auto [it, inserted] = first_seen.emplace(result.id, position);
                    if (!inserted) {
                      error = fmt::format("{}.id: duplicate case id \"{}\" (first at results[{}])",
                                          where, result.id, it->second);
                      return;
                    }
                    out.results.push_back(std::move(result));
                  });
  if (!error.empty()) {
    diagnostic = std::move(error);
    return ReportErrc::kInvalidField;
  }
  return {};
}

std::error_code read_text_file(const std::filesystem::path& file, std::string& text) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {errno != 0 ? errno : ENOENT, std::generic_category()};
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return {EIO, std::generic_category()};
  text = std::move(buffer).str();
  return {};
}

std::error_code load_run(const std::filesystem::path& file, Run& out, std::string& diagnostic) {
  std::string text;
  if (auto ec = read_text_file(file, text)) {
    diagnostic = fmt::format("{}: cannot read: {}", file.string(), ec.message());
    return ReportErrc::kUnreadableFile;
  }
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& e) {
    const base::LinePosition at = base::LineIndex(text).position(e.byte == 0 ? 0 : e.byte - 1);
    diagnostic =
        base::Diagnostic{{file, at.line, at.column}, parse_error_reason(e.what())}.to_string();
    return ReportErrc::kBadJson;
  }
  std::string what;
  if (auto ec = parse_run(document, out, what)) {
    diagnostic = fmt::format("{}: {}", file.string(), what);
    return ec;
  }
  return {};
}

}  // namespace sipconf::reports
