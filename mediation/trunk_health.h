#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "mediation/event_log.h"
#include "mediation/metrics.h"
#include "mediation/runtime_config.h"
#include "sip/base/timer.h"
#include "sip/message/message.h"
#include "sip/transaction/transaction_layer.h"

namespace sipconf::mediation {

/// What a probe's final response says about the peer: every final response shows a SIP stack
/// that is alive and routes, except 503, which a peer sends when it takes no calls (RFC 3261
/// §21.5.4, out of service or overloaded), so routing should avoid it as if it were silent.
bool probe_answered(int status);

/// OPTIONS keep-alive of every trunk (HF-01, decision 6.6). Each trunk's peer gets an
/// out-of-dialog OPTIONS every `options-interval` in a client non-INVITE transaction;
/// any final response but 503 is an answer, a timeout (Timer F) or a transport error a miss.
/// `options-miss-threshold` consecutive misses mark the trunk down: routing skips it and it
/// is probed every `options-down-reprobe` until one probe is answered, which marks it up.
///
/// Probes do not wait for each other: a silent peer collects one miss per interval, each
/// as its own Timer F fires. Lives on the transaction layer's event loop, as the B2BUA whose
/// transaction events it takes (owns()). No exceptions.
class TrunkHealth {
 public:
  /// Everything passed in must outlive this object.
  TrunkHealth(sip::TransactionLayer& layer, Metrics& metrics, EventLog& log,
              std::string user_agent);
  ~TrunkHealth();
  TrunkHealth(const TrunkHealth&) = delete;
  TrunkHealth& operator=(const TrunkHealth&) = delete;

  /// Starts probing every trunk of `config`, the first probe one interval from now (a peer
  /// is trusted until it fails to answer). Called again (a reload), it restarts probing with
  /// the new settings; trunks that keep their name keep their up/down state and miss count,
  /// probes already sent still count.
  void start(std::shared_ptr<const RuntimeConfig> config);
  /// Sends no more probes (shutdown); answers to probes in flight are ignored.
  void stop();
  bool running() const { return running_; }

  /// False while trunk `index` (of the configuration last passed to start()) is down.
  /// Every trunk is up before start() and after stop().
  bool up(std::size_t index) const;
  /// Each trunk's name and whether it is up, in configuration order (metrics gauge).
  std::vector<std::pair<std::string, bool>> states() const;

  /// True if `tx` is a probe: the B2BUA hands its events here then.
  bool owns(sip::TransactionId tx) const { return probes_.contains(tx); }
  void on_response(sip::TransactionId tx, const sip::Message& response);
  void on_failure(sip::TransactionId tx, sip::TransactionFailure failure, std::error_code error);
  void on_transaction_terminated(sip::TransactionId tx);

 private:
  struct TrunkState {
    explicit TrunkState(sip::TimerService& timers) : timer(timers) {}
    std::string name;
    bool up = true;
    int misses = 0;  ///< consecutive
    sip::Timer timer;
  };
  struct Probe {
    std::string trunk;  ///< by name: a reload may renumber the trunks
    bool settled = false;
  };

  TrunkState* find(const std::string& name);
  void schedule(std::size_t index, std::chrono::milliseconds after);
  void send_probe(std::size_t index);
  void on_answer(TrunkState& trunk, int status);
  void on_miss(TrunkState& trunk, std::string_view why);

  sip::TransactionLayer& layer_;
  Metrics& metrics_;
  EventLog& log_;
  std::string user_agent_;
  std::shared_ptr<const RuntimeConfig> config_;
  std::vector<std::unique_ptr<TrunkState>> trunks_;  ///< config_'s trunks, in order
  std::unordered_map<sip::TransactionId, Probe> probes_;
  bool running_ = false;
};

}  // namespace sipconf::mediation
