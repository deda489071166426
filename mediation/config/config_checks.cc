#include "mediation/config/config_checks.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace sipconf::mediation {

void check_names_and_references(const MediationConfig& c, const std::filesystem::path& file,
                                base::Diagnostics& diags) {
  auto fail = [&](int line, std::string message) {
    base::report(diags, {file, line, 0}, std::move(message));
  };
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
        fail(t.line.number, fmt::format("trunk '{}' names unknown PstnUsage '{}'", t.name, usage));
      }
    }
  }
}

void check_listeners(const MediationConfig& c, const std::filesystem::path& file,
                     base::Diagnostics& diags) {
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
        base::report(diags, {file, line, 0},
                     fmt::format("duplicate listening port {}:{}/{}: {} and {} (line {})", address,
                                 port, udp ? "udp" : "tcp", what, u.what, u.line));
        return;
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
    claim(c.metrics.address, c.metrics.port, false, "the metrics responder", c.metrics.line.number);
  }
  for (std::size_t i = 0; i < c.trunks.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      const TrunkConfig& a = c.trunks[j];
      const TrunkConfig& b = c.trunks[i];
      if (a.listen_endpoint() == b.listen_endpoint() && a.peer_address == b.peer_address) {
        base::report(diags, {file, b.line.number, 0},
                     fmt::format("trunks '{}' and '{}' share listener {}:{} and peer {}: "
                                 "requests from that peer could not be told apart",
                                 a.name, b.name, b.listen_address, b.listen_port, b.peer_address));
      }
    }
  }
}

void check_tls(const MediationConfig& c, const base::SourceLocation& root,
               base::Diagnostics& diags) {
  const bool needed = c.internal.transport == sip::Transport::tls ||
                      std::any_of(c.trunks.begin(), c.trunks.end(), [](const TrunkConfig& t) {
                        return t.transport == sip::Transport::tls;
                      });
  if (needed && c.tls.certificate_file.empty()) {
    base::report(diags, root,
                 "TLS is in use (internal interface or a trunk) but there is no <tls "
                 "ca=... certificate=... key=...> element");
  }
}

}  // namespace sipconf::mediation
