#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "mediation/call.h"
#include "mediation/diagnostic_codes.h"
#include "mediation/event_log.h"
#include "mediation/media_hook.h"
#include "mediation/metrics.h"
#include "mediation/runtime_config.h"
#include "mediation/trunk_health.h"
#include "sip/dialog/dialog_table.h"
#include "sip/message/request_checks.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport.h"

namespace sipconf::mediation {

struct B2buaOptions {
  /// User-Agent and Server value; must contain "MediationServer" (SG-03).
  std::string user_agent = "sipconf/" SIPCONF_VERSION " MediationServer";
  MediaHook* media = nullptr;  ///< nullptr: PassThroughMedia
};

/// The back-to-back user agent of the reference mediation. It sits on a TransactionLayer as
/// its TransactionUser and turns every call into two independent legs, internal side (Lync
/// Front End) and trunk side (gateway, IP-PBX, ITSP), each with its own Call-ID, tags, CSeq,
/// Via, Contact and route set (mediation/README.md has the call flows). Calls from the
/// internal side are routed by number to the trunks of the matching voice routes, and move
/// on to the next trunk when one fails (HF-03) or shows no progress in time (TC-11); calls
/// from a trunk go to the internal side, or with the trunk's PstnUsages to another trunk.
///
/// Single-threaded, on the transaction layer's event loop; no exceptions on any path.
class B2bua final : public sip::TransactionUser {
 public:
  /// Everything passed in must outlive the B2BUA. `transport` is the one `layer` sends on
  /// (connection aliases are registered on it).
  B2bua(sip::TransactionLayer& layer, sip::TransportLayer& transport,
        std::shared_ptr<const RuntimeConfig> config, Metrics& metrics, EventLog& log,
        B2buaOptions options = {});
  ~B2bua() override;
  B2bua(const B2bua&) = delete;
  B2bua& operator=(const B2bua&) = delete;

  /// A reloaded configuration: new calls use it, calls in progress keep theirs; OPTIONS
  /// probing, if started, restarts with its trunk settings.
  void set_config(std::shared_ptr<const RuntimeConfig> config);
  /// Starts the OPTIONS keep-alive of every trunk (HF-01); until then every trunk counts as
  /// up. Call once the transport listens.
  void start_probing() { health_.start(config_); }
  /// No more probes (shutdown).
  void stop_probing() { health_.stop(); }
  const TrunkHealth& health() const { return health_; }
  const RuntimeConfig& config() const { return *config_; }

  /// SIGTERM: new INVITEs get 503 from now on; calls in progress go on.
  void start_draining() { draining_ = true; }
  bool draining() const { return draining_; }
  /// Ends every call: BYE on answered legs, CANCEL toward a callee still ringing and 503 to
  /// its caller.
  void end_all_calls(std::string_view why);

  std::size_t active_calls() const { return calls_.size(); }
  std::size_t active_dialogs() const { return dialogs_.size(); }
  /// BYEs we sent that have no final response yet (shutdown waits for them).
  std::size_t unanswered_byes() const;

  // sip::TransactionUser
  void on_request(sip::TransactionId tx, const sip::Message& request,
                  const sip::Arrival& arrival) override;
  void on_ack(sip::TransactionId invite_tx, const sip::Message& ack,
              const sip::Arrival& arrival) override;
  void on_cancel(sip::TransactionId invite_tx, const sip::Message& cancel,
                 const sip::Arrival& arrival) override;
  void on_response(sip::TransactionId tx, const sip::Message& response,
                   const sip::Arrival& arrival) override;
  void on_stray_response(const sip::Message& response, const sip::Arrival& arrival) override;
  void on_failure(sip::TransactionId tx, sip::TransactionFailure failure,
                  std::error_code error) override;
  void on_transaction_terminated(sip::TransactionId tx) override;

 private:
  /// Why a transaction matters to a call.
  enum class TxPurpose : std::uint8_t {
    caller_invite,     ///< server: the caller's INVITE
    callee_invite,     ///< client: our INVITE on the callee leg
    relay_server,      ///< server: an in-dialog request being relayed to the other leg
    relay_client,      ///< client: the relayed copy of it
    bye,               ///< client: a BYE we sent to end a leg
    abandoned_invite,  ///< client: an attempt the fast failover timer cancelled (TC-11)
  };
  struct TxLink {
    std::uint64_t call = 0;
    LegRole leg = LegRole::caller;
    TxPurpose purpose = TxPurpose::caller_invite;
    sip::TransactionId peer = 0;  ///< relay_server <-> relay_client
    bool final_relayed = false;   ///< relay_client: its final response went to the other leg
  };

  // --- Screening and answers of our own (b2bua.cc) -----------------------------------------
  /// Answers a request with a failure of our own; toward the internal side it carries
  /// `ms-diagnostics` with `code`, or the code of the refusal's status (SG-10).
  void reject(sip::TransactionId tx, const sip::Message& request, const sip::RequestCheck& check,
              const Peer* peer, std::optional<DiagnosticCode> code = std::nullopt);
  void reject(sip::TransactionId tx, const sip::Message& request, int status,
              const Peer* peer = nullptr, std::optional<DiagnosticCode> code = std::nullopt);
  void answer_options(sip::TransactionId tx, const sip::Message& request, const Peer& peer);
  void on_out_of_dialog_request(sip::TransactionId tx, const sip::Message& request,
                                const sip::Arrival& arrival, const Peer& peer);

  // --- Call setup (b2bua_call.cc) ----------------------------------------------------------
  void start_call(sip::TransactionId tx, const sip::Message& request, const Peer& peer);
  std::error_code send_callee_invite(Call& call);
  void on_callee_response(Call& call, sip::TransactionId tx, const sip::Message& response);
  void on_callee_provisional(Call& call, const sip::Message& request, const sip::Message& response);
  void on_callee_2xx(Call& call, const sip::Message* request, const sip::Message& response);
  void on_callee_failure(Call& call, int status, const sip::Message* response);
  /// TC-11: the attempt `attempt` showed no progress in time: cancel it, try the next trunk.
  void on_fast_failover(std::uint64_t call_id, sip::TransactionId attempt);
  /// Moves the call on to its next route candidate that an INVITE can be sent to (HF-03,
  /// TC-11); false when none is left.
  bool try_next_trunk(Call& call);
  /// A response to a cancelled attempt: a 2xx that crossed the CANCEL is ACKed and hung up.
  void on_abandoned_response(Call& call, sip::TransactionId tx, const sip::Message& response);
  void on_caller_cancel(Call& call);
  /// A final response of our own to the caller's INVITE (no callee response to relay); toward
  /// the internal side with `ms-diagnostics` (`code`, or the status's own, SG-10).
  void answer_caller(Call& call, int status, std::optional<DiagnosticCode> code = std::nullopt);
  /// ACKs a 2xx on the callee leg and hangs that dialog up at once, from `address` (the
  /// trunk of the attempt it answers).
  void ack_and_bye(Call& call, sip::Dialog& dialog, const sip::Message& response_2xx,
                   const LegAddress& address);

  // --- In-dialog requests (b2bua_dialog.cc) ------------------------------------------------
  void on_in_dialog_request(sip::TransactionId tx, const sip::Message& request,
                            sip::Dialog& dialog);
  void on_bye(Call& call, LegRole from, sip::TransactionId tx, const sip::Message& request,
              sip::Dialog& dialog);
  void relay_request(Call& call, LegRole from, sip::TransactionId tx, const sip::Message& request,
                     sip::Dialog& dialog);
  void on_relay_response(Call& call, TxLink& link, sip::TransactionId tx,
                         const sip::Message& response);
  void on_relay_failure(Call& call, TxLink& link, sip::TransactionId tx, int status);
  /// The dialog on the other leg that `dialog` (on `from`'s leg) is paired with.
  sip::Dialog* paired_dialog(Call& call, LegRole from, const sip::Dialog& dialog);
  void send_ack(Call& call, LegRole role, sip::Dialog& dialog, const sip::Message& response_2xx,
                std::string_view body = {}, std::string_view content_type = {});
  void start_2xx_retransmission(Call& call, LegRole role, sip::TransactionId tx,
                                const sip::Message& response_2xx);
  void on_ack_timeout(std::uint64_t call_id, LegRole role);
  void send_bye(Call& call, LegRole role);
  /// Answers the in-dialog requests still being relayed with 487 (the call is ending).
  void abandon_relays(Call& call);
  sip::Endpoint hop(const Call& call, LegRole role, const sip::Dialog& dialog) const;
  /// The next hop of `dialog` on a leg reached through `address`.
  static sip::Endpoint hop_on(const LegAddress& address, const sip::Dialog& dialog);
  void send_ack_on(Call& call, const LegAddress& address, sip::Dialog& dialog,
                   const sip::Message& response_2xx);
  /// Our Via toward a party: its own listener as sent-by (several listeners may share one
  /// address, so the transport's first one could be the wrong port), a fresh branch, rport.
  sip::Result<sip::Via> our_via(const LegAddress& address, const sip::Endpoint& hop);
  /// Sends a request in a client transaction from our listener toward `address`.
  sip::Result<sip::TransactionId> send_on(const LegAddress& address, sip::Message request,
                                          const sip::Endpoint& hop);

  // --- Lifecycle (b2bua.cc) ----------------------------------------------------------------
  Call* find_call(std::uint64_t id);
  TxLink* link(sip::TransactionId tx);
  void track(sip::TransactionId tx, const Call& call, LegRole leg, TxPurpose purpose,
             sip::TransactionId peer = 0);
  /// Runs the media hook on a body crossing to `toward`'s leg; false if it refused.
  bool media(Call& call, LegRole toward, SdpRole role, std::string_view method, int status,
             std::string& body, std::string_view content_type);
  /// Ends the call's bookkeeping if nothing of it is alive any more; `call` may be gone
  /// afterwards.
  void maybe_finish(Call& call);
  void finish(Call& call);
  void erase_dialogs(Call& call);
  /// Logs a call event; the detail is formatted only if the level is enabled (hot path).
  template <class... Args>
  void log_call(spdlog::level::level_enum level, const Call& call, LegRole leg,
                std::string_view event, fmt::format_string<Args...> detail, Args&&... args) {
    if (!log_.enabled(level)) return;
    log_.log(level, event, call.name(), to_string(call.leg(leg).address->peer.side),
             fmt::format(detail, std::forward<Args>(args)...));
  }

  sip::TransactionLayer& layer_;
  sip::TransportLayer& transport_;
  std::shared_ptr<const RuntimeConfig> config_;
  Metrics& metrics_;
  EventLog& log_;
  B2buaOptions options_;
  PassThroughMedia pass_through_;
  MediaHook& media_;
  sip::RequestPolicy invite_policy_;
  sip::RequestPolicy options_policy_;
  sip::RequestPolicy method_policy_;
  TrunkHealth health_;
  sip::DialogTable dialogs_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Call>> calls_;
  std::unordered_map<sip::TransactionId, TxLink> txs_;
  std::uint64_t next_call_ = 1;
  bool draining_ = false;
};

}  // namespace sipconf::mediation
