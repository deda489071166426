#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace sipconf::mediation {

/// One rule of OutboundTranslationRulesList or OutboundCallingNumberTranslationRulesList
/// (RT-02, RT-03): a regex pattern and its replacement ($1 ...), walked top-down.
struct TranslationRule {
  std::string name;
  std::string pattern = R"(^\+(\d*)$)";
  std::string translation = "$1";

  bool operator==(const TranslationRule&) const = default;
};

/// One SipResponseCodeTranslationRule (TC-14): a received code, optionally with an ISUP
/// cause (-1: any), mapped to another code before the routing and retry decision.
struct ResponseCodeTranslationRule {
  std::string name;
  int received_code = 0;  ///< 0: match on the ISUP cause only
  int received_isup_cause = -1;
  int translated_code = 0;

  bool operator==(const ResponseCodeTranslationRule&) const = default;
};

/// SRTPMode; its spellings in the files are in trunk_parameters.h.
enum class SrtpMode : std::uint8_t { required, optional, not_supported };

/// The scalar Lync Server 2013 trunk parameters (Set-CsTrunkConfiguration, spec section 4),
/// each initialised to Lync's documented default. Every member has its row in the table of
/// trunk_parameters.h (name in the file, type, meaning): the loader, the writer, the case
/// manifests and the README know a parameter only through its row.
struct TrunkParameters {
  bool concentrated_topology = true;
  std::string description;
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

  bool operator==(const TrunkParameters&) const = default;
};

/// A trunk's settings: the scalar Lync parameters, the list-valued ones (rules and usages,
/// child elements of <configuration>), and the OPTIONS health settings of decision 6.6.
/// Every field is read from the configuration file and validated; which ones the B2BUA acts
/// on is listed in mediation/README.md.
struct TrunkSettings : TrunkParameters {
  std::vector<TranslationRule> outbound_translation_rules;
  std::vector<ResponseCodeTranslationRule> response_code_translation_rules;
  std::vector<TranslationRule> outbound_calling_number_translation_rules;
  /// Ordered PSTN usages for inter-trunk routing of calls arriving on this trunk (RT-07).
  std::vector<std::string> pstn_usages;

  /// OPTIONS keep-alive toward the peer (HF-01, decision 6.6).
  std::chrono::milliseconds options_interval{std::chrono::seconds(30)};
  int options_miss_threshold = 5;
  std::chrono::milliseconds options_down_reprobe{std::chrono::seconds(60)};
  /// Fast failover timer length (TC-11): no 180/183 within this time moves the call on.
  std::chrono::milliseconds fast_failover_after{std::chrono::seconds(10)};

  bool operator==(const TrunkSettings&) const = default;
};

}  // namespace sipconf::mediation
