#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "simulators/options_schedule.h"

/// Everything a simulated endpoint does differently from another: the profile data. The
/// engine reads only this struct, so a profile (lync, ip-pbx, pstn-gateway, itsp) is a set of
/// key=value pairs and never a code path of its own. Every key is listed in behaviour_keys()
/// and documented in simulators/README.md.
namespace sipconf::simulators {

/// What a UAS does with an initial INVITE.
enum class AnswerMode : std::uint8_t {
  final,        ///< ring as configured, then send `final` after answer_after_ms
  never,        ///< ring, then wait for CANCEL (failover tests)
  trying_only,  ///< 100 Trying and nothing else (TC-11 fast failover)
  silent,       ///< not even 100 Trying
};

/// The provisional response a ringing UAS sends.
enum class RingMode : std::uint8_t { none, ringing, progress };  ///< -, 180 w/o SDP, 183+SDP

enum class ReferPolicy : std::uint8_t { accept, reject_501, reject_603 };
/// Reliable provisional responses (RFC 3262).
enum class Rel100 : std::uint8_t { unsupported, supported, required };
enum class RefreshMethod : std::uint8_t { update, invite };
enum class CallHistory : std::uint8_t { none, diversion, history_info };
enum class Party : std::uint8_t { uac, uas };

struct Behaviours {
  // --- Identity and signalling habits -----------------------------------------------------
  std::string user_agent = "sipsim";
  /// Strip a leading `+` from the numbers this endpoint originates (tel-style trunks).
  bool strip_plus = false;
  /// Write numbers as `sip:<number>@host;user=phone`.
  bool user_phone = false;
  bool allow_update = true;
  Rel100 rel100 = Rel100::unsupported;
  bool session_timer = false;
  std::uint32_t session_expires = 1800;
  std::uint32_t min_se = 90;
  Party refresher = Party::uac;
  RefreshMethod refresh_method = RefreshMethod::update;
  /// Lync: an ms-diagnostics value added to our own failure responses (empty: none); the
  /// ms-diagnostics of failures we receive are always recorded in the summary.
  std::string ms_diagnostics;

  // --- As UAS -----------------------------------------------------------------------------
  AnswerMode answer = AnswerMode::final;
  RingMode ring = RingMode::ringing;
  std::chrono::milliseconds ring_after{0};
  std::chrono::milliseconds answer_after{0};
  /// Early dialogs per INVITE (forking): each ringing response goes out once per fork, with
  /// its own To tag.
  int early_dialogs = 1;
  /// Which fork (1-based) answers.
  int answer_dialog = 1;
  int final_status = 200;
  /// `Reason: Q.850;cause=N` on a failure response; 0 for none.
  int q850_cause = 0;
  /// P-Asserted-Identity in the 200 to an initial INVITE (SG-04).
  bool pai_on_answer = false;
  ReferPolicy refer = ReferPolicy::accept;
  OptionsSchedule options;

  // --- As UAC (and `calls` for both) --------------------------------------------------------
  /// UAC: calls to place. UAS: calls after which to exit (0: run until stopped).
  int calls = 1;
  /// Stop (hang up what runs, exit) this long after the start; 0: never. What a case uses
  /// for a peer that only answers OPTIONS, whose run has no natural end.
  std::chrono::milliseconds stop_after{0};
  double rate = 10.0;      ///< calls per second
  int max_concurrent = 0;  ///< 0: no limit
  std::string called = "+14255550100";
  std::string calling = "+14255550199";
  std::string calling_name;
  bool pai = false;
  std::string pai_number;  ///< empty: the calling number
  CallHistory call_history = CallHistory::none;
  std::string redirecting_number = "+14255550111";
  /// The final status a UAC call is meant to get (486 for a busy test, ...).
  int expect_status = 200;
  /// CANCEL a call that has no final response after this long; 0: never.
  std::chrono::milliseconds cancel_after{0};

  // --- In a call (either side unless said; 0 disables) -------------------------------------
  std::chrono::milliseconds bye_after{0};      ///< calls this endpoint placed
  std::chrono::milliseconds uas_bye_after{0};  ///< calls this endpoint answered
  std::chrono::milliseconds hold_after{0};
  std::chrono::milliseconds resume_after{0};  ///< counted from the hold
  std::string transfer_to;                    ///< blind transfer target (number or URI)
  std::chrono::milliseconds transfer_after{0};
  bool expect_refer_accepted = true;
  std::string dtmf;
  std::chrono::milliseconds dtmf_after{0};
  std::chrono::milliseconds dtmf_duration{100};

  // --- Media ----------------------------------------------------------------------------
  bool rtp = true;
  std::vector<std::string> codecs = {"PCMU", "PCMA"};
  std::uint32_t ptime = 20;
  int telephone_event = 101;  ///< payload type; 0: none offered
  bool comfort_noise = false;
  std::uint32_t tone_hz = 440;
};

/// One documented key.
struct BehaviourKey {
  std::string_view name;
  std::string_view values;  ///< what it takes, e.g. `none|180|183`, `duration`
  std::string_view doc;
};

/// Every key, in documentation order.
const std::vector<BehaviourKey>& behaviour_keys();

/// Sets one key from its text value. Returns an empty string on success, else why not
/// (`unknown key`, `expected ...`), for the caller to prefix with `file:line: `.
std::string set_behaviour(Behaviours& behaviours, std::string_view key, std::string_view value);

/// Splits `a=1,b=2` (as given to --behaviour) into pairs. An item without `=` continues the
/// previous value, so list values need no quoting: `codecs=PCMU,PCMA,options=200@0s,silent@5s`.
/// Text that starts without a key is an error.
struct KeyValue {
  std::string key;
  std::string value;
};
bool split_assignments(std::string_view text, std::vector<KeyValue>& out, std::string& error);

/// Checks relations between keys (answer_dialog within early_dialogs, ...); empty if fine.
std::string check_behaviours(const Behaviours& behaviours);

}  // namespace sipconf::simulators
