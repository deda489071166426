#include "mediation/trunk_health.h"

#include <fmt/format.h>

#include "mediation/leg_messages.h"
#include "sip/message/message_builders.h"
#include "sip/message/name_addr.h"
#include "sip/message/typed_headers.h"
#include "sip/message/uri.h"

namespace sipconf::mediation {

using sip::HeaderId;

namespace {

std::string_view via_transport_param(sip::Transport t) {
  switch (t) {
    case sip::Transport::udp:
      return "udp";
    case sip::Transport::tcp:
      return "tcp";
    case sip::Transport::tls:
      return "tls";
  }
  return "udp";
}

/// The probe toward a trunk's peer: Request-URI and To name the peer itself, From and Contact
/// are ours on the trunk's listener, fresh Call-ID and tag (out of any dialog).
sip::Message make_probe(const LegAddress& trunk, sip::IdGenerator& ids,
                        std::string_view user_agent) {
  sip::Uri target = sip::Uri::sip({}, trunk.peer_host, trunk.next_hop.port);
  target.params().set("transport", via_transport_param(trunk.next_hop.transport));
  sip::Message m = sip::Message::request("OPTIONS", target);
  m.append_header(HeaderId::max_forwards, "70");
  const sip::Uri self = sip::Uri::sip({}, trunk.local.address, trunk.local.port);
  m.append_header(HeaderId::from, fmt::format("<{}>;tag={}", self.to_string(), ids.tag()));
  m.append_header(
      HeaderId::to,
      fmt::format("<{}>", sip::Uri::sip({}, trunk.peer_host, trunk.next_hop.port).to_string()));
  m.append_header(HeaderId::call_id, ids.call_id(trunk.local.address));
  m.append_header(HeaderId::cseq, fmt::format("{} OPTIONS", ids.initial_cseq()));
  m.append_header(HeaderId::contact, leg_contact(trunk).to_string());
  m.append_header(HeaderId::accept, "application/sdp");
  add_identity(m, trunk, user_agent);
  return m;
}

}  // namespace

bool probe_answered(int status) { return status >= 200 && status != 503; }

TrunkHealth::TrunkHealth(sip::TransactionLayer& layer, Metrics& metrics, EventLog& log,
                         std::string user_agent)
    : layer_(layer), metrics_(metrics), log_(log), user_agent_(std::move(user_agent)) {}

TrunkHealth::~TrunkHealth() = default;

void TrunkHealth::start(std::shared_ptr<const RuntimeConfig> config) {
  std::vector<std::unique_ptr<TrunkState>> previous = std::move(trunks_);
  trunks_.clear();
  config_ = std::move(config);
  running_ = true;
  for (const TrunkConfig& t : config_->config().trunks) {
    auto state = std::make_unique<TrunkState>(layer_.timers());
    state->name = t.name;
    for (const auto& old : previous) {
      if (old->name != t.name) continue;
      state->up = old->up;
      state->misses = old->misses;
    }
    metrics_.trunks[t.name];  // the trunk shows in /metrics before its first probe
    trunks_.push_back(std::move(state));
  }
  previous.clear();  // their timers stop here
  for (std::size_t i = 0; i < trunks_.size(); ++i) {
    const TrunkSettings& settings = config_->trunk(i).settings;
    schedule(i, trunks_[i]->up ? settings.options_interval : settings.options_down_reprobe);
  }
}

void TrunkHealth::stop() {
  running_ = false;
  trunks_.clear();
  for (auto& [tx, probe] : probes_) probe.settled = true;
}

bool TrunkHealth::up(std::size_t index) const {
  return index >= trunks_.size() || trunks_[index]->up;
}

std::vector<std::pair<std::string, bool>> TrunkHealth::states() const {
  std::vector<std::pair<std::string, bool>> out;
  out.reserve(trunks_.size());
  for (const auto& t : trunks_) out.emplace_back(t->name, t->up);
  return out;
}

TrunkHealth::TrunkState* TrunkHealth::find(const std::string& name) {
  for (auto& t : trunks_) {
    if (t->name == name) return t.get();
  }
  return nullptr;
}

void TrunkHealth::schedule(std::size_t index, std::chrono::milliseconds after) {
  trunks_[index]->timer.start(after, [this, index] {
    send_probe(index);
    const TrunkSettings& s = config_->trunk(index).settings;
    schedule(index, trunks_[index]->up ? s.options_interval : s.options_down_reprobe);
  });
}

void TrunkHealth::send_probe(std::size_t index) {
  TrunkState& trunk = *trunks_[index];
  const LegAddress& address = config_->address(Peer{Side::trunk, index});
  sip::Message probe = make_probe(address, layer_.ids(), user_agent_);
  // Our listener as sent-by: several trunks may share an address on different ports.
  auto via = layer_.make_via(address.next_hop, address.send);
  if (via && address.next_hop.transport == address.local.transport) {
    via->set_port(address.local.port);
  }
  if (!via) {
    on_miss(trunk, via.error().message());
    return;
  }
  sip::push_via(probe, *via);
  ++metrics_.trunks[trunk.name].probes_sent;
  auto tx = layer_.send_request(std::move(probe), address.next_hop, address.send);
  if (!tx) {
    on_miss(trunk, tx.error().message());
    return;
  }
  probes_.emplace(*tx, Probe{trunk.name, false});
}

void TrunkHealth::on_response(sip::TransactionId tx, const sip::Message& response) {
  auto it = probes_.find(tx);
  const int status = response.status_code();
  if (it == probes_.end() || it->second.settled || status < 200) return;
  it->second.settled = true;
  TrunkState* trunk = find(it->second.trunk);
  if (trunk == nullptr) return;
  if (probe_answered(status)) {
    on_answer(*trunk, status);
  } else {
    on_miss(*trunk, fmt::format("{} {}", status, response.reason_phrase()));
  }
}

void TrunkHealth::on_failure(sip::TransactionId tx, sip::TransactionFailure failure,
                             std::error_code error) {
  auto it = probes_.find(tx);
  if (it == probes_.end() || it->second.settled) return;
  it->second.settled = true;
  TrunkState* trunk = find(it->second.trunk);
  if (trunk == nullptr) return;
  on_miss(*trunk, failure == sip::TransactionFailure::timeout
                      ? std::string("no response")
                      : fmt::format("{}: {}", sip::to_string(failure), error.message()));
}

void TrunkHealth::on_transaction_terminated(sip::TransactionId tx) { probes_.erase(tx); }

void TrunkHealth::on_answer(TrunkState& trunk, int status) {
  ++metrics_.trunks[trunk.name].probes_answered;
  trunk.misses = 0;
  if (trunk.up) return;
  trunk.up = true;
  log_.log(spdlog::level::warn, "trunk-up", {}, "trunk",
           fmt::format("{}: OPTIONS answered {}", trunk.name, status));
  // Back to the keep-alive interval from now on.
  for (std::size_t i = 0; i < trunks_.size(); ++i) {
    if (trunks_[i].get() == &trunk) schedule(i, config_->trunk(i).settings.options_interval);
  }
}

void TrunkHealth::on_miss(TrunkState& trunk, std::string_view why) {
  ++metrics_.trunks[trunk.name].probes_missed;
  ++trunk.misses;
  for (std::size_t i = 0; i < trunks_.size(); ++i) {
    if (trunks_[i].get() != &trunk) continue;
    const TrunkSettings& s = config_->trunk(i).settings;
    if (!trunk.up || trunk.misses < s.options_miss_threshold) return;
    trunk.up = false;
    log_.log(spdlog::level::warn, "trunk-down", {}, "trunk",
             fmt::format("{}: {} OPTIONS unanswered, last: {}; re-probing every {} ms", trunk.name,
                         trunk.misses, why, s.options_down_reprobe.count()));
    schedule(i, s.options_down_reprobe);
    return;
  }
}

}  // namespace sipconf::mediation
