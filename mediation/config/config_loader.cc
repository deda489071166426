#include "mediation/config/config_loader.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <set>
#include <span>
#include <sstream>
#include <utility>

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <pugixml.hpp>

#include "mediation/config/config_values.h"
#include "mediation/config/translation_template.h"
#include "mediation/config/trunk_parameters.h"

namespace sipconf::mediation {
namespace {

namespace fs = std::filesystem;

/// Unwinds the loader to load_config: configuration reading is not the packet path, and
/// one early exit keeps every check a single line.
struct Failure {
  int line = 0;
  std::string message;
};

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

class Loader {
 public:
  Loader(std::string_view text, std::string origin, fs::path base_dir,
         const ConfigLoadOptions& options)
      : text_(text), origin_(std::move(origin)), base_dir_(std::move(base_dir)), options_(options) {
    line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
      if (text_[i] == '\n') line_starts_.push_back(i + 1);
    }
  }

  ConfigLoad run() {
    ConfigLoad out;
    try {
      out.config = read();
    } catch (const Failure& f) {
      out.error = ConfigError{origin_, f.line, f.message};
    }
    return out;
  }

 private:
  [[noreturn]] void fail(int line, std::string message) const {
    throw Failure{line, std::move(message)};
  }

  int line_at(std::ptrdiff_t offset) const {
    if (offset < 0) return 0;
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(),
                               static_cast<std::size_t>(offset));
    return static_cast<int>(std::distance(line_starts_.begin(), it));
  }
  int line_of(pugi::xml_node node) const { return line_at(node.offset_debug()); }
  /// pugixml keeps no offsets for attributes: find `name=` after the element's start.
  int line_of(pugi::xml_node node, const char* attribute) const {
    const std::ptrdiff_t start = node.offset_debug();
    if (start < 0) return 0;
    const std::size_t end = text_.find('>', static_cast<std::size_t>(start));
    std::size_t at = static_cast<std::size_t>(start);
    const std::string_view name(attribute);
    while ((at = text_.find(name, at + 1)) != std::string_view::npos && at < end) {
      std::size_t after = at + name.size();
      while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t')) ++after;
      const char before = text_[at - 1];
      if (after < text_.size() && text_[after] == '=' &&
          (before == ' ' || before == '\t' || before == '\n' || before == '\r')) {
        return line_at(static_cast<std::ptrdiff_t>(at));
      }
    }
    return line_of(node);
  }

  /// Rejects attributes and child elements not listed, and stray text.
  void allow(pugi::xml_node node, std::initializer_list<std::string_view> attributes,
             std::initializer_list<std::string_view> children = {}) const {
    allow(node, std::span(attributes.begin(), attributes.size()),
          std::span(children.begin(), children.size()));
  }
  void allow(pugi::xml_node node, std::span<const std::string_view> attributes,
             std::span<const std::string_view> children) const {
    for (pugi::xml_attribute a : node.attributes()) {
      for (pugi::xml_attribute b = a.next_attribute(); b; b = b.next_attribute()) {
        if (std::string_view(a.name()) == b.name()) {
          fail(line_of(node, a.name()),
               fmt::format("attribute '{}' appears twice on <{}>", a.name(), node.name()));
        }
      }
      if (std::find(attributes.begin(), attributes.end(), a.name()) == attributes.end()) {
        fail(line_of(node, a.name()),
             fmt::format("unknown attribute '{}' on <{}>", a.name(), node.name()));
      }
    }
    for (pugi::xml_node child : node.children()) {
      if (child.type() == pugi::node_element) {
        if (std::find(children.begin(), children.end(), child.name()) == children.end()) {
          fail(line_of(child),
               fmt::format("unknown element <{}> in <{}>", child.name(), node.name()));
        }
      } else if ((child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) &&
                 !blank(child.value())) {
        fail(line_of(child), fmt::format("unexpected text in <{}>", node.name()));
      }
    }
  }

  /// The single child called `name` (an error if repeated), or an empty node.
  pugi::xml_node single(pugi::xml_node parent, const char* name) const {
    pugi::xml_node first = parent.child(name);
    if (first && first.next_sibling(name)) {
      fail(line_of(first.next_sibling(name)),
           fmt::format("<{}> may appear only once in <{}>", name, parent.name()));
    }
    return first;
  }

  std::string required(pugi::xml_node node, const char* attribute) const {
    pugi::xml_attribute a = node.attribute(attribute);
    if (!a || a.value()[0] == '\0') {
      fail(line_of(node), fmt::format("<{}> needs attribute '{}'", node.name(), attribute));
    }
    return a.value();
  }

  std::string text(pugi::xml_node node, const char* attribute, std::string fallback = {}) const {
    pugi::xml_attribute a = node.attribute(attribute);
    return a ? std::string(a.value()) : std::move(fallback);
  }

  template <class T, class Parse>
  T value(pugi::xml_node node, const char* attribute, T fallback, Parse parse) const {
    pugi::xml_attribute a = node.attribute(attribute);
    if (!a) return fallback;
    std::string why;
    auto parsed = parse(std::string_view(a.value()), why);
    if (!parsed) {
      fail(line_of(node, attribute),
           fmt::format("{}=\"{}\" is not valid: {}", attribute, a.value(), why));
    }
    return static_cast<T>(*parsed);
  }
  bool boolean(pugi::xml_node n, const char* attr, bool fallback) const {
    return value(n, attr, fallback, parse_bool);
  }
  std::uint16_t port(pugi::xml_node n, const char* attr, std::uint16_t fallback) const {
    return value(n, attr, fallback, parse_port);
  }
  std::chrono::milliseconds duration(pugi::xml_node n, const char* attr,
                                     std::chrono::milliseconds fallback) const {
    return value(n, attr, fallback, parse_duration);
  }
  std::int64_t integer(pugi::xml_node n, const char* attr, std::int64_t fallback, std::int64_t min,
                       std::int64_t max) const {
    return value(n, attr, fallback, [&](std::string_view t, std::string& why) {
      return parse_integer(t, min, max, why);
    });
  }
  std::string address(pugi::xml_node n, const char* attr) const {
    return value(n, attr, std::string(), parse_host_address);
  }
  std::string regex(pugi::xml_node n, const char* attr, std::string fallback) const {
    std::string pattern = text(n, attr, std::move(fallback));
    std::string why;
    if (!regex_compiles(pattern, why)) {
      fail(line_of(n, attr), fmt::format("{}=\"{}\" is not valid: {}", attr, pattern, why));
    }
    return pattern;
  }

  sip::Transport transport(pugi::xml_node n, const char* attr, sip::Transport fallback,
                           bool udp_allowed) const {
    pugi::xml_attribute a = n.attribute(attr);
    if (!a) return fallback;
    auto t = sip::transport_from_string(a.value());
    if (!t || (*t == sip::Transport::udp && !udp_allowed)) {
      fail(line_of(n, attr), fmt::format("{}=\"{}\" is not valid: expected {}", attr, a.value(),
                                         udp_allowed ? "tcp, tls or udp" : "tls or tcp"));
    }
    return *t;
  }

  MediationConfig read() {
    pugi::xml_document doc;
    pugi::xml_parse_result parsed = doc.load_buffer(text_.data(), text_.size());
    if (!parsed) fail(line_at(parsed.offset), std::string("XML: ") + parsed.description());
    pugi::xml_node root = doc.document_element();
    if (!root) fail(1, "no root element: expected <mediation>");
    for (pugi::xml_node n = root.next_sibling(); n; n = n.next_sibling()) {
      if (n.type() == pugi::node_element) fail(line_of(n), "a second root element");
    }
    if (std::string_view(root.name()) != "mediation") {
      fail(line_of(root), fmt::format("root element is <{}>, expected <mediation>", root.name()));
    }
    allow(root, {},
          {"internal", "tls", "trunk", "pstn-usage", "metrics", "log", "timers", "limits",
           "shutdown"});

    MediationConfig c;
    c.source = origin_;
    pugi::xml_node internal = single(root, "internal");
    if (!internal) fail(line_of(root), "<mediation> needs an <internal> element");
    read_internal(internal, c.internal);
    read_tls(single(root, "tls"), c);
    for (pugi::xml_node t : root.children("trunk")) c.trunks.push_back(read_trunk(t, c));
    for (pugi::xml_node u : root.children("pstn-usage")) c.usages.push_back(read_usage(u));
    read_metrics(single(root, "metrics"), c.metrics);
    read_log(single(root, "log"), c.log);
    read_timers(single(root, "timers"), c.timers);
    read_limits(single(root, "limits"), c.limits);
    if (pugi::xml_node s = single(root, "shutdown")) {
      allow(s, {"grace"});
      c.shutdown_grace = duration(s, "grace", c.shutdown_grace);
    }
    check_names_and_references(c);
    check_listeners(c);
    check_tls(root, c);
    return c;
  }

  void read_internal(pugi::xml_node n, InternalInterface& out) const {
    allow(n,
          {"listen-address", "listen-port", "transport", "peer-address", "peer-port", "peer-fqdn"});
    out.line.number = line_of(n);
    required(n, "listen-address");
    out.listen_address = address(n, "listen-address");
    out.transport = transport(n, "transport", sip::Transport::tls, false);
    out.listen_port = port(n, "listen-port", 5070);
    required(n, "peer-address");
    out.peer_address = address(n, "peer-address");
    out.peer_port = port(n, "peer-port", 5061);
    out.peer_fqdn = text(n, "peer-fqdn");
    if (!out.peer_fqdn.empty() && !is_fqdn(out.peer_fqdn)) {
      fail(line_of(n, "peer-fqdn"),
           fmt::format("peer-fqdn=\"{}\" is not a host name", out.peer_fqdn));
    }
  }

  void read_tls(pugi::xml_node n, MediationConfig& c) const {
    if (!n) return;
    allow(n, {"ca", "certificate", "key"});
    c.tls.ca_file = file(n, "ca");
    c.tls.certificate_file = file(n, "certificate");
    c.tls.private_key_file = file(n, "key");
  }

  std::string file(pugi::xml_node n, const char* attr) const {
    fs::path path(required(n, attr));
    if (path.is_relative()) path = base_dir_ / path;
    if (options_.check_files) {
      std::ifstream in(path, std::ios::binary);
      if (!in) {
        fail(line_of(n, attr), fmt::format("{}=\"{}\": cannot read {}", attr,
                                           n.attribute(attr).value(), path.string()));
      }
    }
    return path.string();
  }

  TrunkConfig read_trunk(pugi::xml_node n, const MediationConfig& c) const {
    allow(
        n,
        {"name", "peer", "peer-address", "peer-port", "transport", "listen-address", "listen-port"},
        {"configuration", "health"});
    TrunkConfig t;
    t.line.number = line_of(n);
    t.name = required(n, "name");
    t.transport = transport(n, "transport", sip::Transport::tcp, true);
    const bool tls = t.transport == sip::Transport::tls;
    const bool udp = t.transport == sip::Transport::udp;
    t.peer_port = port(n, "peer-port", tls ? 5067 : udp ? 5060 : 5066);
    t.listen_port = port(n, "listen-port", tls ? 5067 : udp ? 5060 : 5068);
    t.listen_address =
        n.attribute("listen-address") ? address(n, "listen-address") : c.internal.listen_address;
    t.peer_host = required(n, "peer");
    std::string why;
    if (auto ip = parse_host_address(t.peer_host, why)) {
      t.peer_host = *ip;
      t.peer_address = *ip;
      if (n.attribute("peer-address")) {
        fail(line_of(n, "peer-address"),
             fmt::format("trunk '{}': peer-address pins the IP of an FQDN peer, but peer is "
                         "already an IP",
                         t.name));
      }
    } else if (is_fqdn(t.peer_host)) {
      if (n.attribute("peer-address")) {
        t.peer_address = address(n, "peer-address");
      } else {
        std::string error;
        auto resolved = options_.resolve ? options_.resolve(t.peer_host, error)
                                         : resolve_with_system(t.peer_host, error);
        if (!resolved) {
          fail(line_of(n, "peer"), fmt::format("trunk '{}': peer '{}' does not resolve ({}); "
                                               "set peer-address to pin its IP",
                                               t.name, t.peer_host, error));
        }
        t.peer_address = *resolved;
      }
    } else {
      fail(line_of(n, "peer"), fmt::format("peer=\"{}\" is not valid: expected an IP address "
                                           "or a host name",
                                           t.peer_host));
    }
    if (tls && !t.peer_is_fqdn()) {
      fail(line_of(n, "peer"), fmt::format("trunk '{}': a TLS trunk names its peer by FQDN (the "
                                           "peer certificate is checked against it); set peer "
                                           "to the FQDN and peer-address to its IP",
                                           t.name));
    }
    if (pugi::xml_node conf = single(n, "configuration")) read_settings(conf, t.settings);
    if (pugi::xml_node health = single(n, "health")) read_health(health, t.settings);
    return t;
  }

  void read_settings(pugi::xml_node n, TrunkSettings& s) const {
    std::vector<std::string_view> attributes;
    for (const TrunkParameter& p : trunk_parameters()) attributes.push_back(p.name);
    constexpr std::string_view kChildren[] = {"OutboundTranslationRule",
                                              "OutboundCallingNumberTranslationRule",
                                              "SipResponseCodeTranslationRule", "PstnUsage"};
    allow(n, attributes, kChildren);
    for (const TrunkParameter& p : trunk_parameters()) {
      const std::string name(p.name);
      pugi::xml_attribute a = n.attribute(name.c_str());
      if (!a) continue;
      std::string why;
      if (!parse_value(p, a.value(), s, why)) {
        fail(line_of(n, name.c_str()),
             fmt::format("{}=\"{}\" is not valid: {}", name, a.value(), why));
      }
    }
    for (pugi::xml_node r : n.children("OutboundTranslationRule")) {
      s.outbound_translation_rules.push_back(translation_rule(r));
    }
    for (pugi::xml_node r : n.children("OutboundCallingNumberTranslationRule")) {
      s.outbound_calling_number_translation_rules.push_back(translation_rule(r));
    }
    for (pugi::xml_node r : n.children("SipResponseCodeTranslationRule")) {
      allow(r,
            {"Name", "ReceivedResponseCode", "ReceivedISUPCauseValue", "TranslatedResponseCode"});
      ResponseCodeTranslationRule rule;
      rule.name = text(r, "Name");
      required(r, "TranslatedResponseCode");
      rule.received_code = static_cast<int>(integer(r, "ReceivedResponseCode", 0, 0, 699));
      if (rule.received_code != 0 && rule.received_code < 400) {
        fail(line_of(r, "ReceivedResponseCode"),
             "ReceivedResponseCode must be 0 (ISUP cause only) or 400..699");
      }
      rule.received_isup_cause =
          static_cast<int>(integer(r, "ReceivedISUPCauseValue", -1, -1, 127));
      rule.translated_code = static_cast<int>(integer(r, "TranslatedResponseCode", 0, 400, 699));
      s.response_code_translation_rules.push_back(std::move(rule));
    }
    for (pugi::xml_node u : n.children("PstnUsage")) {
      allow(u, {"Name"});
      s.pstn_usages.push_back(required(u, "Name"));
    }
  }

  TranslationRule translation_rule(pugi::xml_node r) const {
    allow(r, {"Name", "Pattern", "Translation"});
    TranslationRule rule;
    rule.name = text(r, "Name");
    rule.pattern = regex(r, "Pattern", rule.pattern);
    rule.translation = text(r, "Translation", rule.translation);
    if (auto parsed = TranslationTemplate::parse(rule.translation); !parsed) {
      fail(line_of(r, "Translation"), fmt::format("Translation=\"{}\" is not valid: {}",
                                                  rule.translation, parsed.error().message()));
    }
    return rule;
  }

  void read_health(pugi::xml_node n, TrunkSettings& s) const {
    allow(n, {"options-interval", "options-miss-threshold", "options-down-reprobe",
              "fast-failover-after"});
    s.options_interval = duration(n, "options-interval", s.options_interval);
    s.options_miss_threshold =
        static_cast<int>(integer(n, "options-miss-threshold", s.options_miss_threshold, 1, 1000));
    s.options_down_reprobe = duration(n, "options-down-reprobe", s.options_down_reprobe);
    s.fast_failover_after = duration(n, "fast-failover-after", s.fast_failover_after);
  }

  PstnUsage read_usage(pugi::xml_node n) const {
    allow(n, {"name"}, {"route"});
    PstnUsage usage;
    usage.line.number = line_of(n);
    usage.name = required(n, "name");
    for (pugi::xml_node r : n.children("route")) {
      allow(r, {"name", "pattern"}, {"trunk"});
      VoiceRoute route;
      route.line.number = line_of(r);
      route.name = text(r, "name", usage.name + "/" + std::to_string(usage.routes.size() + 1));
      route.pattern = regex(r, "pattern", route.pattern);
      for (pugi::xml_node t : r.children("trunk")) {
        allow(t, {"name"});
        route.trunks.push_back(required(t, "name"));
      }
      if (route.trunks.empty()) {
        fail(route.line.number, fmt::format("route '{}' lists no <trunk>", route.name));
      }
      usage.routes.push_back(std::move(route));
    }
    return usage;
  }

  void read_metrics(pugi::xml_node n, MetricsConfig& m) const {
    if (!n) return;
    allow(n, {"address", "port"});
    m.enabled = true;
    m.line.number = line_of(n);
    if (n.attribute("address")) m.address = address(n, "address");
    required(n, "port");
    m.port = port(n, "port", 0);
  }

  void read_log(pugi::xml_node n, LogConfig& log) const {
    if (!n) return;
    allow(n, {"level", "format", "file"});
    if (pugi::xml_attribute a = n.attribute("level")) {
      const std::string_view v = a.value();
      constexpr std::string_view kLevels[] = {"trace", "debug",    "info", "warn",
                                              "error", "critical", "off"};
      auto it = std::find(std::begin(kLevels), std::end(kLevels), v);
      if (it == std::end(kLevels)) {
        fail(line_of(n, "level"), fmt::format("level=\"{}\" is not valid: expected trace, debug, "
                                              "info, warn, error, critical or off",
                                              v));
      }
      log.level = static_cast<spdlog::level::level_enum>(std::distance(std::begin(kLevels), it));
    }
    if (pugi::xml_attribute a = n.attribute("format")) {
      const std::string_view v = a.value();
      if (v != "text" && v != "json") {
        fail(line_of(n, "format"),
             fmt::format("format=\"{}\" is not valid: expected text or json", v));
      }
      log.format = v == "json" ? LogFormat::json : LogFormat::text;
    }
    if (n.attribute("file")) {
      fs::path path(text(n, "file"));
      if (path.is_relative()) path = base_dir_ / path;
      log.file = path.string();
    }
  }

  void read_timers(pugi::xml_node n, sip::TransactionTimers& t) const {
    if (!n) return;
    allow(n, {"t1", "t2", "t4", "timer-d"});
    t.t1 = duration(n, "t1", t.t1);
    t.t2 = duration(n, "t2", t.t2);
    t.t4 = duration(n, "t4", t.t4);
    t.timer_d_unreliable = duration(n, "timer-d", t.timer_d_unreliable);
    if (t.t1.count() <= 0) fail(line_of(n, "t1"), "t1 must be above 0");
    if (t.t2 < t.t1) fail(line_of(n, "t2"), "t2 must not be below t1");
    if (t.t4.count() <= 0) fail(line_of(n, "t4"), "t4 must be above 0");
  }

  void read_limits(pugi::xml_node n, Limits& l) const {
    if (!n) return;
    allow(n, {"max-calls", "max-connections", "max-connections-per-ip", "tcp-connect-timeout",
              "tcp-idle-timeout"});
    constexpr std::int64_t kMax = 10'000'000;
    l.max_calls = static_cast<std::size_t>(
        integer(n, "max-calls", static_cast<std::int64_t>(l.max_calls), 1, kMax));
    l.max_connections = static_cast<std::size_t>(
        integer(n, "max-connections", static_cast<std::int64_t>(l.max_connections), 1, kMax));
    l.max_connections_per_ip = static_cast<std::size_t>(integer(
        n, "max-connections-per-ip", static_cast<std::int64_t>(l.max_connections_per_ip), 1, kMax));
    l.tcp_connect_timeout = duration(n, "tcp-connect-timeout", l.tcp_connect_timeout);
    l.tcp_idle_timeout = duration(n, "tcp-idle-timeout", l.tcp_idle_timeout);
  }

  void check_names_and_references(const MediationConfig& c) const {
    std::set<std::string> trunk_names;
    for (const TrunkConfig& t : c.trunks) {
      if (!trunk_names.insert(t.name).second) {
        fail(t.line.number, fmt::format("a second trunk named '{}'", t.name));
      }
    }
    std::set<std::string> usage_names;
    for (const PstnUsage& u : c.usages) {
      if (!usage_names.insert(u.name).second) {
        fail(u.line.number, fmt::format("a second pstn-usage named '{}'", u.name));
      }
      for (const VoiceRoute& r : u.routes) {
        for (const std::string& name : r.trunks) {
          if (!trunk_names.count(name)) {
            fail(r.line.number, fmt::format("route '{}' names unknown trunk '{}'", r.name, name));
          }
        }
      }
    }
    for (const TrunkConfig& t : c.trunks) {
      for (const std::string& usage : t.settings.pstn_usages) {
        if (!usage_names.count(usage)) {
          fail(t.line.number,
               fmt::format("trunk '{}' names unknown PstnUsage '{}'", t.name, usage));
        }
      }
    }
  }

  /// One socket per (address, port, layer-4 protocol): the internal interface, each trunk
  /// listener (shared by trunks of the same transport) and the metrics responder must not
  /// collide; two trunks on one listener must have different peers, or requests could not
  /// be told apart.
  void check_listeners(const MediationConfig& c) const {
    struct Use {
      std::string address;
      std::uint16_t port;
      bool udp;
      std::string what;
      int line;
    };
    std::vector<Use> uses;
    auto claim = [&](const std::string& address, std::uint16_t port, bool udp, std::string what,
                     int line) {
      for (const Use& u : uses) {
        if (u.address == address && u.port == port && u.udp == udp && u.what != what) {
          fail(line, fmt::format("duplicate listening port {}:{}/{}: {} and {} (line {})", address,
                                 port, udp ? "udp" : "tcp", what, u.what, u.line));
        }
      }
      uses.push_back({address, port, udp, std::move(what), line});
    };
    claim(c.internal.listen_address, c.internal.listen_port, false, "the internal interface",
          c.internal.line.number);
    for (const TrunkConfig& t : c.trunks) {
      claim(t.listen_address, t.listen_port, t.transport == sip::Transport::udp,
            fmt::format("a {} trunk listener", sip::to_string(t.transport)), t.line.number);
    }
    if (c.metrics.enabled) {
      claim(c.metrics.address, c.metrics.port, false, "the metrics responder",
            c.metrics.line.number);
    }
    for (std::size_t i = 0; i < c.trunks.size(); ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        const TrunkConfig& a = c.trunks[j];
        const TrunkConfig& b = c.trunks[i];
        if (a.listen_endpoint() == b.listen_endpoint() && a.peer_address == b.peer_address) {
          fail(b.line.number,
               fmt::format("trunks '{}' and '{}' share listener {}:{} and peer {}: "
                           "requests from that peer could not be told apart",
                           a.name, b.name, b.listen_address, b.listen_port, b.peer_address));
        }
      }
    }
  }

  void check_tls(pugi::xml_node root, const MediationConfig& c) const {
    const bool needed = c.internal.transport == sip::Transport::tls ||
                        std::any_of(c.trunks.begin(), c.trunks.end(), [](const TrunkConfig& t) {
                          return t.transport == sip::Transport::tls;
                        });
    if (needed && c.tls.certificate_file.empty()) {
      fail(line_of(root),
           "TLS is in use (internal interface or a trunk) but there is no <tls "
           "ca=... certificate=... key=...> element");
    }
  }

  std::string_view text_;
  std::string origin_;
  fs::path base_dir_;
  const ConfigLoadOptions& options_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace

std::string ConfigError::to_string() const {
  if (line <= 0) return fmt::format("{}: {}", file, message);
  return fmt::format("{}:{}: {}", file, line, message);
}

ConfigLoad parse_config(std::string_view text, const std::string& origin,
                        const std::filesystem::path& base_dir, const ConfigLoadOptions& options) {
  return Loader(text, origin, base_dir, options).run();
}

ConfigLoad load_config_file(const std::filesystem::path& path, const ConfigLoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ConfigLoad out;
    out.error = ConfigError{path.string(), 0, "cannot read the configuration file"};
    return out;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse_config(text.str(), path.string(), path.parent_path(), options);
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
