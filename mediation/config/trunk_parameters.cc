#include "mediation/config/trunk_parameters.h"

#include <cstdint>
#include <iterator>
#include <optional>

#include <fmt/format.h>

#include "mediation/config/config_values.h"

namespace sipconf::mediation {
namespace {

using Params = TrunkParameters;

constexpr SrtpModeName kSrtpModeNames[] = {
    {SrtpMode::required, "Required", "required"},
    {SrtpMode::optional, "Optional", "optional"},
    {SrtpMode::not_supported, "NotSupported", "not-supported"},
};

constexpr TrunkParameter kTrunkParameters[] = {
    {"ConcentratedTopology", "concentrated-topology",
     "The peer has a well-known media termination point (media IP = signalling IP); needed "
     "for bypass (TC-03).",
     BooleanParameter{&Params::concentrated_topology}},
    {"Description", "", "Free text.", TextParameter{&Params::description}},
    {"EnableBypass", "enable-bypass",
     "Media bypass on this trunk; global bypass must be on too (TC-02).",
     BooleanParameter{&Params::enable_bypass}},
    {"EnableMobileTrunkSupport", "enable-mobile-trunk-support",
     "The peer is a mobile carrier; no wire effect (TC-16).",
     BooleanParameter{&Params::enable_mobile_trunk_support}},
    {"EnablePIDFLOSupport", "enable-pidf-lo-support",
     "Send PIDF-LO location with emergency calls (TC-12).",
     BooleanParameter{&Params::enable_pidf_lo_support}},
    {"EnableReferSupport", "enable-refer-support",
     "The peer accepts REFER from the mediation (TC-04).",
     BooleanParameter{&Params::enable_refer_support}},
    {"EnableSessionTimer", "enable-session-timer",
     "The mediation starts session timers; it answers the peer's refreshes either way "
     "(TC-05).",
     BooleanParameter{&Params::enable_session_timer}},
    {"EnableSignalBoost", "enable-signal-boost",
     "The peer boosts the audio level, so the mediation does not (TC-15).",
     BooleanParameter{&Params::enable_signal_boost}},
    {"MaxEarlyDialogs", "max-early-dialogs",
     "Most early dialogs (forked responses) the peer receives for an INVITE it sent (TC-06).",
     IntegerParameter{&Params::max_early_dialogs, 1, 1000}},
    {"RemovePlusFromUri", "remove-plus-from-uri",
     "Strip a leading `+` from the numbers in URIs sent to the peer (decision 6.8).",
     BooleanParameter{&Params::remove_plus_from_uri}},
    {"RTCPActiveCalls", "rtcp-active-calls",
     "Expect RTCP from the peer on active calls; a call may end after 30 s without (TC-07).",
     BooleanParameter{&Params::rtcp_active_calls}},
    {"RTCPCallsOnHold", "rtcp-calls-on-hold", "RTCP continues on held calls (TC-08).",
     BooleanParameter{&Params::rtcp_calls_on_hold}},
    {"SRTPMode", "srtp-mode",
     "SRTP toward the peer, on TLS trunks only: a TCP trunk is NotSupported (TC-01).",
     SrtpModeParameter{&Params::srtp_mode}},
    {"Enable3pccRefer", "enable-3pcc-refer",
     "Keep transferred calls in bypass with third-party call control (TC-04).",
     BooleanParameter{&Params::enable_3pcc_refer}},
    {"EnableFastFailoverTimer", "enable-fast-failover-timer",
     "No 180/183 from the peer within `fast-failover-after` moves the call to the next trunk "
     "(TC-11).",
     BooleanParameter{&Params::enable_fast_failover_timer}},
    {"EnableOnlineVoice", "enable-online-voice", "Online voice on this trunk; no wire effect.",
     BooleanParameter{&Params::enable_online_voice}},
    {"EnableRTPLatching", "enable-rtp-latching",
     "Bypass media for clients behind NAT with a latching peer (TC-13).",
     BooleanParameter{&Params::enable_rtp_latching}},
    {"ForwardCallHistory", "forward-call-history", "Send History-Info to the peer (TC-09).",
     BooleanParameter{&Params::forward_call_history}},
    {"ForwardPAI", "forward-pai",
     "Forward P-Asserted-Identity in both directions when present (TC-10).",
     BooleanParameter{&Params::forward_pai}},
};

/// Each kind of parameter: how its value reads, writes and is described.
struct ValueFormatter {
  const TrunkParameters& p;
  std::string operator()(const BooleanParameter& k) const { return p.*k.member ? "true" : "false"; }
  std::string operator()(const IntegerParameter& k) const { return std::to_string(p.*k.member); }
  std::string operator()(const TextParameter& k) const { return p.*k.member; }
  std::string operator()(const SrtpModeParameter& k) const {
    for (const SrtpModeName& n : kSrtpModeNames) {
      if (n.value == p.*k.member) return std::string(n.name);
    }
    return std::string(kSrtpModeNames[0].name);
  }
};

struct RangeDescriber {
  std::string operator()(const BooleanParameter&) const { return "true or false"; }
  std::string operator()(const IntegerParameter& k) const {
    return fmt::format("{}..{}", k.min, k.max);
  }
  std::string operator()(const TextParameter&) const { return "text"; }
  std::string operator()(const SrtpModeParameter&) const {
    std::string out;
    const std::size_t count = std::size(kSrtpModeNames);
    for (std::size_t i = 0; i < count; ++i) {
      if (i > 0) out += i + 1 == count ? " or " : ", ";
      out += kSrtpModeNames[i].name;
    }
    return out;
  }
};

struct ValueParser {
  std::string_view text;
  TrunkParameters& p;
  std::string& why;
  bool operator()(const BooleanParameter& k) const {
    const std::optional<bool> v = parse_bool(text, why);
    if (v) p.*k.member = *v;
    return v.has_value();
  }
  bool operator()(const IntegerParameter& k) const {
    const std::optional<std::int64_t> v = parse_integer(text, k.min, k.max, why);
    if (v) p.*k.member = static_cast<int>(*v);
    return v.has_value();
  }
  bool operator()(const TextParameter& k) const {
    p.*k.member = std::string(text);
    return true;
  }
  bool operator()(const SrtpModeParameter& k) const {
    for (const SrtpModeName& n : kSrtpModeNames) {
      if (n.name == text) {
        p.*k.member = n.value;
        return true;
      }
    }
    why = "expected " + RangeDescriber{}(k);
    return false;
  }
};

}  // namespace

std::span<const TrunkParameter> trunk_parameters() { return kTrunkParameters; }

std::span<const SrtpModeName> srtp_mode_names() { return kSrtpModeNames; }

std::string format_value(const TrunkParameter& parameter, const TrunkParameters& parameters) {
  return std::visit(ValueFormatter{parameters}, parameter.kind);
}

bool parse_value(const TrunkParameter& parameter, std::string_view text,
                 TrunkParameters& parameters, std::string& why) {
  return std::visit(ValueParser{text, parameters, why}, parameter.kind);
}

std::string value_range(const TrunkParameter& parameter) {
  return std::visit(RangeDescriber{}, parameter.kind);
}

}  // namespace sipconf::mediation
