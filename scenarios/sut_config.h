#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenarios/diagnostic.h"
#include "scenarios/endpoint.h"

namespace sipconf::scenarios {

/// What a case was written against: no SUT (SIPp calls SIPp), or a Mediation
/// Server (the built-in reference one, or the user's own via `--sut HOST:PORT`).
enum class SutKind { none, mediation };
enum class SrtpMode { required, optional, not_supported };

std::string_view to_string(SutKind kind);
std::string_view to_string(SrtpMode mode);
std::optional<SutKind> sut_kind_from(std::string_view text);
std::optional<SrtpMode> srtp_mode_from(std::string_view text);

/// A number translation or normalization rule: regex `pattern` -> `translation`
/// (`$1` refers to groups). Rules are walked top-down, first match wins (RT-02).
struct TranslationRule {
  std::string pattern;
  std::string translation;
  SourceLocation where;
};

/// SipResponseCodeTranslationRulesList entry (TC-14): `received` (0 = any) with an
/// optional ISUP cause (-1 = ignore) becomes `translated` before the routing decision.
struct ResponseCodeRule {
  int received = 0;
  int isup_cause = -1;
  int translated = 0;
  SourceLocation where;
};

/// OPTIONS keep-alive toward the peer (HF-01, decision 6).
struct OptionsHealth {
  std::chrono::milliseconds interval{30000};
  int miss_threshold = 5;
  std::chrono::milliseconds down_reprobe{60000};
};

/// Lync 2013 trunk configuration parameters, with the documented defaults
/// (spec section 4).
struct TrunkParameters {
  bool concentrated_topology = true;
  bool enable_bypass = false;
  bool enable_mobile_trunk_support = false;
  bool enable_pidf_lo_support = false;
  bool enable_refer_support = true;
  bool enable_session_timer = false;
  bool enable_signal_boost = false;
  int max_early_dialogs = 20;
  bool remove_plus_from_uri = false;
  bool rtcp_active_calls = true;
  bool rtcp_calls_on_hold = true;
  SrtpMode srtp_mode = SrtpMode::required;
  bool enable_3pcc_refer = false;
  bool enable_fast_failover_timer = true;
  bool enable_online_voice = false;
  bool enable_rtp_latching = false;
  bool forward_call_history = false;
  bool forward_pai = false;
};

/// A trunk: the SUT's gateway-side interface toward one peer endpoint.
struct Trunk {
  std::string name;
  /// The endpoint that plays the peer (gateway, IP-PBX or ITSP SBC).
  std::string peer;
  Transport transport = Transport::tcp;
  TrunkParameters parameters;
  std::vector<TranslationRule> outbound_translation;        ///< called number (R-URI)
  std::vector<TranslationRule> calling_number_translation;  ///< calling number (From/PAI)
  std::vector<TranslationRule> inbound_normalization;       ///< the gateway's dial plan (RT-06)
  std::vector<ResponseCodeRule> response_code_translation;
  std::vector<std::string> pstn_usages;  ///< inter-trunk routing (RT-07), in order
  OptionsHealth health;
  SourceLocation where;
};

/// A voice route: calls whose normalized number matches `pattern` go to `trunks` in
/// order (RT-01); the route belongs to one PSTN usage.
struct VoiceRoute {
  std::string name;
  std::string usage;
  std::string pattern;
  std::vector<std::string> trunks;
  bool suppress_caller_id = false;
  std::string alternate_caller_id;
  SourceLocation where;
};

/// The internal (Lync side) interface of the SUT.
struct InternalInterface {
  Transport transport = Transport::tls;
  /// The endpoint that plays the Front End / Lync client toward which inbound calls go.
  std::string peer;
  SourceLocation where;
};

/// Configuration of a Mediation Server SUT, generated into the builtin mediation's
/// config file; an external SUT is configured by its owner to match.
struct MediationConfig {
  InternalInterface internal;
  bool media_bypass = false;
  std::vector<std::string> voice_policy_usages;  ///< the caller's PSTN usages, in order
  std::vector<Trunk> trunks;
  std::vector<VoiceRoute> routes;

  const Trunk* find_trunk(std::string_view name) const;
};

struct SutSpec {
  SutKind kind = SutKind::none;
  MediationConfig mediation;
  SourceLocation where;
};

}  // namespace sipconf::scenarios
