#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "simulators/agent.h"
#include "simulators/media_engine.h"
#include "simulators/rtp_socket.h"
#include "sip/base/timer_fake.h"
#include "sip/message/message_writer.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport_fake.h"

/// Fakes that let agents talk to each other without sockets, on one fake clock: SIP through
/// FakeTransports joined by FakeSipNetwork, RTP through FakeRtpNetwork.
namespace sipconf::simulators::testing {

using std::chrono::milliseconds;

/// Datagrams between fake RTP sockets, delivered at once; every `drop_every`-th datagram
/// toward each socket is lost.
class FakeRtpNetwork final : public RtpSocketFactory {
 public:
  explicit FakeRtpNetwork(sip::Clock& clock) : clock_(clock) {}

  std::unique_ptr<RtpSocket> open(const std::string& address, std::error_code& ec) override {
    ec = {};
    auto socket = std::make_unique<Socket>(*this, address, next_port_);
    next_port_ += 2;
    return socket;
  }

  int drop_every = 0;
  std::uint64_t datagrams = 0;

 private:
  class Socket final : public RtpSocket {
   public:
    Socket(FakeRtpNetwork& net, std::string address, std::uint16_t port)
        : net_(net), address_(std::move(address)), port_(port) {
      net_.sockets_[{address_, port_}] = this;
    }
    ~Socket() override { net_.sockets_.erase({address_, port_}); }
    const std::string& address() const override { return address_; }
    std::uint16_t port() const override { return port_; }
    bool send_to(std::string_view datagram, const std::string& address,
                 std::uint16_t port) override {
      ++net_.datagrams;
      const auto it = net_.sockets_.find({address, port});
      if (it == net_.sockets_.end()) return true;
      Socket& to = *it->second;
      ++to.arrived_;
      if (net_.drop_every > 0 && to.arrived_ % net_.drop_every == 0) return true;
      if (to.receiver_) to.receiver_(datagram, net_.clock_.now());
      return true;
    }
    void set_receiver(Receiver receiver) override { receiver_ = std::move(receiver); }

   private:
    FakeRtpNetwork& net_;
    std::string address_;
    std::uint16_t port_;
    Receiver receiver_;
    std::uint64_t arrived_ = 0;
  };

  sip::Clock& clock_;
  std::uint16_t next_port_ = 40000;
  std::map<std::pair<std::string, std::uint16_t>, Socket*> sockets_;
};

/// One simulated endpoint: agent, transaction layer and a fake transport on `local`.
struct FakeParty {
  FakeParty(sip::FakeTimerService& timers, FakeRtpNetwork& rtp, sip::Endpoint local,
            AgentConfig config, milliseconds t1 = milliseconds(500))
      : media(timers, rtp, {config.behaviours.ptime, config.behaviours.tone_hz}, 7),
        agent(config, timers, &media),
        layer(timers, agent, layer_config(config.behaviours, t1)),
        transport(layer, {local}) {
    layer.attach(transport);
    agent.attach(layer, transport);
  }

  static sip::TransactionLayerConfig layer_config(const Behaviours& b, milliseconds t1) {
    sip::TransactionLayerConfig c;
    c.timers.t1 = t1;
    c.seed = 11;
    if (b.answer == AnswerMode::silent) c.timers.trying_after = std::nullopt;
    return c;
  }

  sip::Endpoint endpoint() const { return transport.local_endpoints().front(); }

  MediaEngine media;
  Agent agent;
  sip::TransactionLayer layer;
  sip::FakeTransport transport;
};

/// Carries what each party's FakeTransport sends to the party listening at the destination,
/// as if over loopback: the source is the sender's listener and each pair of parties shares
/// one connection id on stream transports.
class FakeSipNetwork {
 public:
  explicit FakeSipNetwork(sip::FakeTimerService& timers) : timers_(timers) {}

  void add(FakeParty& party) { parties_.push_back({&party, 0}); }

  /// Drops messages for which this returns true (after logging them in `trace`).
  std::function<bool(const std::string& bytes)> drop;
  /// "<from> -> <to>: <start line>" for every message carried, in order.
  std::vector<std::string> trace;

  /// Delivers everything sent until no party has anything new to say.
  void pump() {
    for (bool moved = true; moved;) {
      moved = false;
      for (Slot& slot : parties_) {
        const auto& sent = slot.party->transport.sent();
        while (slot.delivered < sent.size()) {
          const sip::FakeTransport::Sent message = sent[slot.delivered++];
          moved = true;
          carry(*slot.party, message);
        }
      }
    }
  }

  /// Runs the clock for `duration`, `step` at a time, pumping in between.
  void run_for(milliseconds duration, milliseconds step = milliseconds(5)) {
    pump();
    for (milliseconds done(0); done < duration; done += step) {
      timers_.advance(step);
      pump();
    }
  }

  /// Runs until `done()` or `limit` of fake time passed; returns done().
  bool run_until(const std::function<bool()>& done, milliseconds limit = milliseconds(60000)) {
    pump();
    for (milliseconds waited(0); !done() && waited < limit; waited += milliseconds(5)) {
      timers_.advance(milliseconds(5));
      pump();
    }
    return done();
  }

  /// The start lines carried from `from` (a party's address), in order.
  std::vector<std::string> sent_by(const std::string& address) const {
    std::vector<std::string> out;
    for (const std::string& line : trace) {
      if (line.starts_with(address + " ")) out.push_back(line.substr(line.find(": ") + 2));
    }
    return out;
  }

 private:
  struct Slot {
    FakeParty* party;
    std::size_t delivered;
  };

  void carry(FakeParty& from, const sip::FakeTransport::Sent& message) {
    const std::string first_line = message.bytes.substr(0, message.bytes.find("\r\n"));
    trace.push_back(from.endpoint().address + " -> " + message.to.address + ": " + first_line);
    if (drop && drop(message.bytes)) return;
    for (Slot& slot : parties_) {
      const sip::Endpoint local = slot.party->endpoint();
      if (local.address != message.to.address || local.port != message.to.port) continue;
      sip::InboundMessage inbound;
      inbound.bytes = message.bytes;
      inbound.local = local;
      inbound.remote = from.endpoint();
      inbound.remote.transport = message.to.transport;
      inbound.connection =
          sip::is_stream(message.to.transport) ? connection_between(from, *slot.party) : 0;
      inbound.received_at = timers_.now();
      slot.party->transport.deliver(std::move(inbound));
      return;
    }
  }

  sip::ConnectionId connection_between(const FakeParty& a, const FakeParty& b) {
    // std::minmax returns references: copy the pointers before the temporaries go.
    const std::pair<const FakeParty*, const FakeParty*> key = std::minmax(&a, &b);
    auto [it, inserted] = connections_.emplace(key, connections_.size() + 1);
    return it->second;
  }

  sip::FakeTimerService& timers_;
  std::vector<Slot> parties_;
  std::map<std::pair<const FakeParty*, const FakeParty*>, sip::ConnectionId> connections_;
};

}  // namespace sipconf::simulators::testing
