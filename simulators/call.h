#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "simulators/rtp_stream.h"
#include "simulators/sdp_session.h"
#include "sip/base/timer.h"
#include "sip/dialog/dialog.h"
#include "sip/dialog/dialog_2xx_retransmitter.h"
#include "sip/message/message.h"
#include "sip/transaction/transaction.h"

namespace sipconf::simulators {

enum class CallState : std::uint8_t {
  calling,   ///< INVITE sent / received, no dialog yet
  early,     ///< provisional with To tag
  answered,  ///< 2xx sent or received (UAS: the ACK may still be due)
  ended,
};

/// What a call's transactions are for, so that a response finds its handler.
enum class TxPurpose : std::uint8_t {
  invite,    ///< the dialog-creating INVITE (client or server)
  reinvite,  ///< our re-INVITE (hold, resume, session refresh)
  update,    ///< our UPDATE (session refresh)
  bye,
  fork_bye,  ///< BYE to a fork whose 2xx arrived after another fork answered
  refer,
  notify,  ///< our NOTIFY about a REFER we accepted
  prack,
  server,  ///< a server transaction other than the initial INVITE
};

/// A reliable provisional response waiting for, or being retransmitted until, its PRACK.
struct ReliableProvisional {
  sip::Message response;
  std::uint32_t rseq = 0;
  std::chrono::milliseconds interval{0};
};

/// One call at this endpoint: the INVITE, its dialogs, its media and its scheduled actions.
/// Plain state; the Agent drives it.
struct Call {
  explicit Call(sip::TimerService& timers)
      : ring_timer(timers),
        answer_timer(timers),
        bye_timer(timers),
        hold_timer(timers),
        resume_timer(timers),
        dtmf_timer(timers),
        transfer_timer(timers),
        cancel_timer(timers),
        session_timer(timers),
        reliable_timer(timers) {}

  std::uint64_t id = 0;
  sip::DialogRole role = sip::DialogRole::uac;
  CallState state = CallState::calling;
  std::string call_id;
  sip::SteadyTime started{};
  sip::SteadyTime answered_at{};

  // --- The INVITE ---------------------------------------------------------------------------
  sip::TransactionId invite_tx = 0;
  sip::Message invite;               ///< UAC: as sent (Via included); UAS: as received
  sip::Arrival arrival;              ///< UAS: where the INVITE came from
  sip::Endpoint next_hop;            ///< UAC: where the INVITE went
  sip::ConnectionId connection = 0;  ///< the stream connection the call's traffic uses
  bool cancel_sent = false;

  // --- Dialogs --------------------------------------------------------------------------------
  std::optional<sip::DialogId> dialog;  ///< the confirmed (or answering) dialog
  std::vector<std::string> fork_tags;   ///< UAS: one To tag per early dialog
  std::set<std::string> remote_tags;    ///< UAC: To tags seen in 1xx/2xx (forks)
  std::set<std::pair<std::string, std::uint32_t>> pracked;  ///< UAC: (To tag, RSeq) acknowledged

  // --- UAS answering --------------------------------------------------------------------------
  bool final_sent = false;
  bool acknowledged = false;  ///< the ACK for the 2xx arrived (UAS) / was sent (UAC)
  bool answer_due = false;    ///< answer time came while a reliable provisional was unacknowledged
  std::optional<sip::Message> ok_response;  ///< the 2xx as sent, for retransmission
  std::unique_ptr<sip::Uas2xxRetransmitter> ok_retransmitter;
  std::deque<ReliableProvisional> reliable_queue;  ///< [0] is the one in flight
  std::uint32_t next_rseq = 1;
  bool reliable = false;  ///< this call's provisionals are sent reliably
  sip::SteadyTime reliable_sent_at{};
  /// Our 2xx to the peer's re-INVITE, retransmitted until its ACK.
  std::optional<sip::Message> reinvite_ok;
  std::unique_ptr<sip::Uas2xxRetransmitter> reinvite_retransmitter;
  bool bye_sent = false;

  // --- Media --------------------------------------------------------------------------------
  std::unique_ptr<SdpSession> sdp;
  std::unique_ptr<RtpStream> stream;
  std::optional<RemoteMedia> remote_media;
  std::string local_body;     ///< the SDP sent with the INVITE or its responses
  bool media_active = false;  ///< early media or an answered call: RTP may flow
  bool local_hold = false;    ///< we put the call on hold
  bool remote_hold = false;   ///< the peer did

  // --- Session timer (RFC 4028) ---------------------------------------------------------------
  std::uint32_t session_interval = 0;  ///< 0: no session timer
  bool we_refresh = false;
  bool peer_allows_update = false;

  // --- Transfer -------------------------------------------------------------------------------
  bool refer_sent = false;
  bool refer_accepted = false;         ///< 202 to our REFER
  std::uint64_t transferred_to = 0;    ///< the call we placed for a REFER we accepted
  std::uint64_t referred_by_call = 0;  ///< for such a call: the call whose REFER it follows
  std::string referred_by;

  // --- Scheduled actions ----------------------------------------------------------------------
  sip::Timer ring_timer;
  sip::Timer answer_timer;
  sip::Timer bye_timer;
  sip::Timer hold_timer;
  sip::Timer resume_timer;
  sip::Timer dtmf_timer;
  sip::Timer transfer_timer;
  sip::Timer cancel_timer;
  sip::Timer session_timer;  ///< refresh (refresher) or expiry (the other side)
  sip::Timer reliable_timer;

  // --- Outcome --------------------------------------------------------------------------------
  int final_status = 0;  ///< UAC: received; UAS: sent
  bool as_intended = true;
  bool cancelled = false;
  bool unfinished = false;                  ///< still running when the simulator stopped
  std::string problem;                      ///< why the call did not go as intended
  std::vector<std::string> ms_diagnostics;  ///< from failure responses received
  std::uint32_t early_dialogs = 0;
  std::uint32_t refreshes_sent = 0;
  std::uint32_t refreshes_received = 0;

  void fail(std::string why) {
    if (as_intended) problem = std::move(why);
    as_intended = false;
  }
  void stop_timers() {
    for (sip::Timer* t :
         {&ring_timer, &answer_timer, &bye_timer, &hold_timer, &resume_timer, &dtmf_timer,
          &transfer_timer, &cancel_timer, &session_timer, &reliable_timer}) {
      t->stop();
    }
  }
};

}  // namespace sipconf::simulators
