#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "simulators/behaviours.h"
#include "simulators/call.h"
#include "simulators/media_engine.h"
#include "simulators/run_summary.h"
#include "sip/dialog/dialog_table.h"
#include "sip/message/request_checks.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport.h"

namespace sipconf::simulators {

struct AgentConfig {
  Behaviours behaviours;
  std::string profile = "custom";
  /// UAC mode: place `behaviours.calls` calls toward `remote`. Otherwise only answer.
  bool place_calls = false;
  /// Where out-of-dialog requests go (the mediation, or another simulator).
  std::optional<sip::Endpoint> remote;
  /// TLS: the name the remote's certificate must carry (empty: chain check only).
  std::string tls_server_name;
  /// Address of the RTP ports; empty: the SIP listener's address.
  std::string media_address;
};

/// The endpoint engine: a transaction user that answers, places and runs calls exactly as its
/// Behaviours say, on whatever transport and timer service it is given (real sockets in the
/// binary, fakes in unit tests). Nothing in it depends on a profile name.
///
/// The class is cut into files by domain: agent.cc (dispatch, OPTIONS, call lifecycle),
/// agent_uas.cc (answering an INVITE: ringing, forking, 100rel), agent_uac.cc (placing calls),
/// agent_dialog.cc (everything inside a dialog: BYE, hold, refresh, REFER, DTMF).
class Agent final : public sip::TransactionUser {
 public:
  /// `media` may be null when behaviours.rtp is off.
  Agent(AgentConfig config, sip::TimerService& timers, MediaEngine* media);
  ~Agent() override;
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  /// The layer this agent is the user of, and the transport under it (for listeners).
  void attach(sip::TransactionLayer& layer, const sip::TransportLayer& transport);
  /// Starts the clock of the OPTIONS schedule and, as UAC, the call generator.
  void start();
  /// Stops placing calls, hangs up or cancels what runs, and finishes once calls have ended
  /// or `grace` has passed (calls still running then count as unfinished).
  void shutdown(std::chrono::milliseconds grace = std::chrono::seconds(2));
  /// Called once when the run is complete (all calls done, or after shutdown).
  void on_finished(std::function<void()> callback) { on_finished_ = std::move(callback); }
  bool finished() const { return finished_; }

  const RunSummary& summary() const { return summary_; }
  /// 0 when every call went as the behaviours intended (see RunSummary::exit_code).
  int exit_code() const;
  std::size_t active_calls() const { return calls_.size(); }
  const AgentConfig& config() const { return config_; }

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
  struct TxRef {
    std::uint64_t call = 0;
    TxPurpose purpose = TxPurpose::server;
  };

  // --- agent.cc: dispatch, OPTIONS, lifecycle, shared helpers ----------------------------------
  /// What this endpoint supports, for the request checks (built once, used per request).
  static sip::RequestPolicy request_policy(const Behaviours& behaviours);
  Call& new_call(sip::DialogRole role);
  Call* find_call(std::uint64_t id);
  Call* call_of(const sip::Dialog& dialog);
  sip::Dialog* dialog_of(Call& call);
  void track(sip::TransactionId tx, const Call& call, TxPurpose purpose);
  void answer_options(sip::TransactionId tx, const sip::Message& request);
  void reject(sip::TransactionId tx, const sip::Message& request, int status,
              std::string_view reason = {});
  /// Ends a call: media stopped, dialogs dropped, outcome recorded; removal is deferred.
  void end_call(Call& call);
  void reap_ended();
  void check_finished();
  void finish();
  /// A response built from `request` with our Server, Allow and Supported headers and, for
  /// 1xx/2xx to INVITE (and 2xx to UPDATE), our Contact on the listener it arrived on.
  sip::Message make_reply(const sip::Message& request, const sip::Endpoint& local, int status,
                          std::string_view to_tag = {}, std::string_view reason = {});
  std::string contact_for(const sip::Endpoint& local) const;
  std::string allow_value() const;
  std::string supported_value() const;
  const sip::Endpoint* listener(sip::Transport transport) const;
  /// Where a request inside the call's dialog goes, and on which connection.
  sip::Endpoint hop_for(const Call& call, const sip::Dialog& dialog) const;
  sip::SendOptions send_options(const Call& call) const;
  /// Builds `method` in `dialog` (one of the call's), lets `fill` add headers and body, and
  /// sends it; false if it could not be sent.
  bool send_in_dialog(Call& call, sip::Dialog& dialog, std::string_view method, TxPurpose purpose,
                      const std::function<void(sip::Message&)>& fill = {});
  std::string format_number(std::string_view number) const;
  // Media.
  bool open_media(Call& call, const std::string& sip_address);
  void apply_remote_media(Call& call, const RemoteMedia& remote);
  void update_sending(Call& call);
  std::chrono::milliseconds since_start() const;

  // --- agent_uas.cc: answering an initial INVITE ------------------------------------------------
  void on_initial_invite(sip::TransactionId tx, const sip::Message& request,
                         const sip::Arrival& arrival);
  void send_ringing(std::uint64_t call_id);
  void send_provisional(Call& call, const std::string& tag, bool with_sdp);
  void answer_call(std::uint64_t call_id);
  void send_final(Call& call);
  void send_next_reliable(Call& call);
  void on_reliable_timer(std::uint64_t call_id);
  void on_prack(sip::TransactionId tx, const sip::Message& request, sip::Dialog& dialog,
                Call& call);
  void on_uas_acknowledged(Call& call);
  /// The SDP answer to the INVITE's offer (nullopt: 488 was sent).
  std::optional<std::string> uas_answer_body(Call& call, const sip::Endpoint& local);

  // --- agent_uac.cc: placing calls -----------------------------------------------------------
  void schedule_next_call();
  void place_next_call();
  /// Sends an INVITE for a new call to `target` (user part or URI) via `hop`.
  Call* place_call(const std::string& target, const sip::Endpoint& hop,
                   const std::string& referred_by, std::uint64_t referrer);
  void on_invite_response(Call& call, const sip::Message& response, const sip::Arrival& arrival);
  void on_uac_provisional(Call& call, const sip::Message& response, sip::Dialog* dialog);
  void on_uac_2xx(Call& call, const sip::Message& response, sip::Dialog& dialog);
  void on_uac_failure(Call& call, int status, std::string_view detail);
  void send_ack(const sip::Dialog& dialog, Call& call, const sip::Message& response,
                std::string_view body = {});
  void cancel_call(std::uint64_t call_id);

  // --- agent_dialog.cc: inside a dialog --------------------------------------------------------
  void on_in_dialog_request(sip::TransactionId tx, const sip::Message& request,
                            const sip::Arrival& arrival, sip::Dialog& dialog);
  void on_bye(sip::TransactionId tx, const sip::Message& request, const sip::Arrival& arrival,
              sip::Dialog& dialog, Call& call);
  void on_session_update(sip::TransactionId tx, const sip::Message& request,
                         const sip::Arrival& arrival, sip::Dialog& dialog, Call& call);
  void on_refer(sip::TransactionId tx, const sip::Message& request, const sip::Arrival& arrival,
                sip::Dialog& dialog, Call& call);
  void on_notify(sip::TransactionId tx, const sip::Message& request, const sip::Arrival& arrival,
                 sip::Dialog& dialog, Call& call);
  void on_in_dialog_response(Call& call, TxPurpose purpose, const sip::Message& request,
                             const sip::Message& response);
  /// The call is answered (UAC: 2xx sent ACK; UAS: ACK received): schedule its behaviours.
  void call_established(Call& call);
  void send_bye(std::uint64_t call_id);
  void send_hold(std::uint64_t call_id, bool hold);
  void send_refresh(std::uint64_t call_id);
  void send_refer(std::uint64_t call_id);
  void send_dtmf(std::uint64_t call_id);
  void on_session_expired(std::uint64_t call_id);
  /// Notifies the REFER's sender (call `referrer_id`) of the transfer call's progress.
  void notify_transfer(std::uint64_t referrer_id, int status, std::string_view reason);
  /// Session-Expires of a request or 2xx: who refreshes, and the timers for it.
  void start_session_timer(Call& call, std::uint32_t interval, bool we_refresh);
  void add_session_headers(Call& call, sip::Message& message, bool refresher_is_uac) const;

  AgentConfig config_;
  const Behaviours& b_;
  sip::TimerService& timers_;
  MediaEngine* media_;
  sip::TransactionLayer* layer_ = nullptr;
  const sip::TransportLayer* transport_ = nullptr;
  std::vector<sip::Endpoint> listeners_;  ///< read at start(), once the ports are bound
  sip::DialogTable dialogs_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Call>> calls_;
  std::unordered_map<sip::TransactionId, TxRef> transactions_;
  std::unordered_map<sip::TransactionId, std::uint64_t> uas_invites_;
  std::vector<std::unique_ptr<Call>> ended_;
  std::uint64_t next_call_id_ = 1;
  RunSummary summary_;
  sip::SteadyTime start_time_{};
  sip::Timer generator_;
  sip::Timer reaper_;
  sip::Timer grace_timer_;
  sip::Timer stop_timer_;
  sip::RequestPolicy policy_;
  int calls_to_place_ = 0;
  int calls_ended_uas_ = 0;
  bool started_ = false;
  bool shutting_down_ = false;
  bool finished_ = false;
  std::function<void()> on_finished_;
};

}  // namespace sipconf::simulators
