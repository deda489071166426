#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "harness/manifest/endpoint.h"
#include "mediation/config/trunk_settings.h"

namespace sipconf::manifest {

/// What a case was written against: no SUT (SIPp calls SIPp), or a Mediation
/// Server (the built-in reference one, or the user's own via `--sut HOST:PORT`).
enum class SutKind { none, mediation };

std::string_view to_string(SutKind kind);
std::optional<SutKind> sut_kind_from(std::string_view text);

/// A number translation or normalization rule: regex `pattern` -> `translation`
/// (`$1` refers to groups). Rules are walked top-down, first match wins (RT-02).
struct TranslationRule {
  std::string pattern;
  std::string translation;
  base::SourceLocation where;
};

/// SipResponseCodeTranslationRulesList entry (TC-14): `received` (0 = any) with an
/// optional ISUP cause (-1 = ignore) becomes `translated` before the routing decision.
struct ResponseCodeRule {
  int received = 0;
  int isup_cause = -1;
  int translated = 0;
  base::SourceLocation where;
};

/// OPTIONS keep-alive toward the peer (HF-01, decision 6).
struct OptionsHealth {
  std::chrono::milliseconds interval{30000};
  int miss_threshold = 5;
  std::chrono::milliseconds down_reprobe{60000};
};

/// The Lync 2013 trunk parameters with their documented defaults: the mediation's own
/// model, whose table (mediation/config/trunk_parameters.h) names each one in a manifest's
/// <trunk>, so a manifest and the mediation's configuration cannot disagree on the list.
using TrunkParameters = mediation::TrunkParameters;
using SrtpMode = mediation::SrtpMode;

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
  /// TC-11: no 180/183 from the peer within this long moves the call on (Lync: 10 s).
  std::chrono::milliseconds fast_failover_after{10000};
  base::SourceLocation where;
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
  base::SourceLocation where;
};

/// The internal (Lync side) interface of the SUT.
struct InternalInterface {
  Transport transport = Transport::tls;
  /// The endpoint that plays the Front End / Lync client toward which inbound calls go.
  std::string peer;
  base::SourceLocation where;
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
  base::SourceLocation where;
};

}  // namespace sipconf::manifest
