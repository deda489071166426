#include "mediation/config/config_loader.h"

#include <algorithm>
#include <iterator>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <pugixml.hpp>

#include "base/xml_file.h"
#include "mediation/config/config_checks.h"
#include "mediation/config/config_reader.h"
#include "mediation/config/config_values.h"
#include "mediation/config/trunk_reader.h"

namespace sipconf::mediation {
namespace {

void read_internal(const ConfigReader& reader, pugi::xml_node node, InternalInterface& out) {
  const base::ElementReader e = reader.element(node, {"listen-address", "listen-port", "transport",
                                                      "peer-address", "peer-port", "peer-fqdn"});
  out.line.number = reader.line(node);
  reader.required(e, "listen-address");
  out.listen_address = reader.address(e, "listen-address");
  out.transport = reader.transport(e, "transport", sip::Transport::tls, false);
  out.listen_port = reader.port(e, "listen-port", 5070);
  reader.required(e, "peer-address");
  out.peer_address = reader.address(e, "peer-address");
  out.peer_port = reader.port(e, "peer-port", 5061);
  out.peer_fqdn = reader.text(e, "peer-fqdn");
  if (!out.peer_fqdn.empty() && !is_fqdn(out.peer_fqdn)) {
    reader.fail(e, "peer-fqdn", fmt::format("peer-fqdn=\"{}\" is not a host name", out.peer_fqdn));
  }
}

void read_tls(const ConfigReader& reader, pugi::xml_node node, TlsFiles& tls) {
  if (!node) return;
  const base::ElementReader e = reader.element(node, {"ca", "certificate", "key"});
  tls.ca_file = reader.file(e, "ca");
  tls.certificate_file = reader.file(e, "certificate");
  tls.private_key_file = reader.file(e, "key");
}

PstnUsage read_usage(const ConfigReader& reader, pugi::xml_node node) {
  const base::ElementReader e = reader.element(node, {"name"}, {"route"});
  PstnUsage usage;
  usage.line.number = reader.line(node);
  usage.name = reader.required(e, "name");
  for (pugi::xml_node r : node.children("route")) {
    const base::ElementReader route_element = reader.element(r, {"name", "pattern"}, {"trunk"});
    VoiceRoute route;
    route.line.number = reader.line(r);
    route.name = reader.text(route_element, "name",
                             usage.name + "/" + std::to_string(usage.routes.size() + 1));
    route.pattern = reader.regex(route_element, "pattern", route.pattern);
    for (pugi::xml_node t : r.children("trunk")) {
      const base::ElementReader trunk = reader.element(t, {"name"});
      route.trunks.push_back(reader.required(trunk, "name"));
    }
    if (route.trunks.empty()) {
      reader.fail(r, fmt::format("route '{}' lists no <trunk>", route.name));
    }
    usage.routes.push_back(std::move(route));
  }
  return usage;
}

void read_metrics(const ConfigReader& reader, pugi::xml_node node, MetricsConfig& m) {
  if (!node) return;
  const base::ElementReader e = reader.element(node, {"address", "port"});
  m.enabled = true;
  m.line.number = reader.line(node);
  if (e.has("address")) m.address = reader.address(e, "address");
  reader.required(e, "port");
  m.port = reader.port(e, "port", 0);
}

void read_log(const ConfigReader& reader, pugi::xml_node node, LogConfig& log) {
  if (!node) return;
  const base::ElementReader e = reader.element(node, {"level", "format", "file"});
  if (const std::optional<std::string> level = e.text("level")) {
    constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                            "error", "critical", "off"};
    const auto* it = std::find(std::begin(kLevels), std::end(kLevels), *level);
    if (it == std::end(kLevels)) {
      reader.invalid(e, "level", "expected trace, debug, info, warn, error, critical or off");
    } else {
      log.level = static_cast<spdlog::level::level_enum>(std::distance(std::begin(kLevels), it));
    }
  }
  if (const std::optional<std::string> format = e.text("format")) {
    if (*format != "text" && *format != "json") {
      reader.invalid(e, "format", "expected text or json");
    } else {
      log.format = *format == "json" ? LogFormat::json : LogFormat::text;
    }
  }
  if (e.has("file")) log.file = reader.path(e, "file");
}

void read_timers(const ConfigReader& reader, pugi::xml_node node, sip::TransactionTimers& t) {
  if (!node) return;
  const base::ElementReader e = reader.element(node, {"t1", "t2", "t4", "timer-d"});
  const std::size_t before = reader.problems();
  t.t1 = reader.duration(e, "t1", t.t1);
  t.t2 = reader.duration(e, "t2", t.t2);
  t.t4 = reader.duration(e, "t4", t.t4);
  t.timer_d_unreliable = reader.duration(e, "timer-d", t.timer_d_unreliable);
  if (reader.problems() != before) return;
  if (t.t1.count() <= 0) reader.fail(e, "t1", "t1 must be above 0");
  if (t.t2 < t.t1) reader.fail(e, "t2", "t2 must not be below t1");
  if (t.t4.count() <= 0) reader.fail(e, "t4", "t4 must be above 0");
}

void read_limits(const ConfigReader& reader, pugi::xml_node node, Limits& l) {
  if (!node) return;
  const base::ElementReader e =
      reader.element(node, {"max-calls", "max-connections", "max-connections-per-ip",
                            "tcp-connect-timeout", "tcp-idle-timeout"});
  constexpr std::int64_t kMax = 10'000'000;
  auto count = [&](std::string_view name, std::size_t fallback) {
    return static_cast<std::size_t>(
        reader.integer(e, name, static_cast<std::int64_t>(fallback), 1, kMax));
  };
  l.max_calls = count("max-calls", l.max_calls);
  l.max_connections = count("max-connections", l.max_connections);
  l.max_connections_per_ip = count("max-connections-per-ip", l.max_connections_per_ip);
  l.tcp_connect_timeout = reader.duration(e, "tcp-connect-timeout", l.tcp_connect_timeout);
  l.tcp_idle_timeout = reader.duration(e, "tcp-idle-timeout", l.tcp_idle_timeout);
}

/// Reads the whole file into `c`, reporting every problem an element shows; the checks across
/// elements run on a file whose elements all read well.
void read_config(const base::XmlFile& file, const ConfigReader& reader, MediationConfig& c,
                 base::Diagnostics& diags) {
  const pugi::xml_node root = file.root();
  const base::ElementReader e = reader.element(
      root, {},
      {"internal", "tls", "trunk", "pstn-usage", "metrics", "log", "timers", "limits", "shutdown"});
  const pugi::xml_node internal = e.single_child("internal");
  if (!internal) reader.fail(root, "<mediation> needs an <internal> element");
  if (internal) read_internal(reader, internal, c.internal);
  read_tls(reader, e.single_child("tls"), c.tls);
  for (pugi::xml_node t : root.children("trunk")) c.trunks.push_back(read_trunk(reader, t, c));
  for (pugi::xml_node u : root.children("pstn-usage")) c.usages.push_back(read_usage(reader, u));
  read_metrics(reader, e.single_child("metrics"), c.metrics);
  read_log(reader, e.single_child("log"), c.log);
  read_timers(reader, e.single_child("timers"), c.timers);
  read_limits(reader, e.single_child("limits"), c.limits);
  if (pugi::xml_node shutdown = e.single_child("shutdown")) {
    const base::ElementReader s = reader.element(shutdown, {"grace"});
    c.shutdown_grace = reader.duration(s, "grace", c.shutdown_grace);
  }
  if (!diags.empty()) return;
  check_names_and_references(c, file.path(), diags);
  if (!diags.empty()) return;
  check_listeners(c, file.path(), diags);
  if (!diags.empty()) return;
  check_tls(c, file.where(root), diags);
}

/// The configuration in `file`, which `parsed` says was read as XML (or not: then `out`
/// holds why).
ConfigLoad read_parsed(const base::XmlFile& file, std::error_code parsed,
                       const std::filesystem::path& base_dir, const ConfigLoadOptions& options,
                       ConfigLoad out) {
  if (!parsed && !file.expect_root("mediation", "a mediation configuration", out.diagnostics)) {
    MediationConfig config;
    config.source = file.path().string();
    const ConfigReader reader(file, out.diagnostics, base_dir, options);
    read_config(file, reader, config, out.diagnostics);
    if (out.diagnostics.empty()) out.config = std::move(config);
  }
  if (!out.diagnostics.empty()) out.error = out.diagnostics.front();
  return out;
}

}  // namespace

ConfigLoad parse_config(std::string_view text, const std::string& origin,
                        const std::filesystem::path& base_dir, const ConfigLoadOptions& options) {
  ConfigLoad out;
  base::XmlFile file;
  const std::error_code parsed = file.parse(std::string(text), origin, out.diagnostics);
  return read_parsed(file, parsed, base_dir, options, std::move(out));
}

ConfigLoad load_config_file(const std::filesystem::path& path, const ConfigLoadOptions& options) {
  ConfigLoad out;
  base::XmlFile file;
  const std::error_code loaded = file.load(path, out.diagnostics);
  return read_parsed(file, loaded, path.parent_path(), options, std::move(out));
}

std::optional<std::string> resolve_with_system(const std::string& host, std::string& error) {
  boost::asio::io_context io;
  boost::asio::ip::tcp::resolver resolver(io);
  boost::system::error_code ec;
  auto results = resolver.resolve(host, "", ec);
  if (ec) {
    error = ec.message();
    return std::nullopt;
  }
  std::optional<std::string> v6;
  for (const auto& entry : results) {
    auto address = entry.endpoint().address();
    if (address.is_v4()) return address.to_string();
    if (!v6) v6 = address.to_string();
  }
  if (!v6) error = "no address";
  return v6;
}

}  // namespace sipconf::mediation
