#include "simulators/behaviours.h"

#include <charconv>
#include <functional>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "base/boolean.h"
#include "base/duration.h"

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;
using Setter = std::function<std::string(Behaviours&, std::string_view)>;

struct KeyEntry {
  BehaviourKey key;
  Setter set;
};

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string parse_int(std::string_view value, long long min, long long max, long long& out) {
  long long parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
    return fmt::format("expected an integer, got `{}`", value);
  }
  if (parsed < min || parsed > max) {
    return fmt::format("{} is out of range {}..{}", parsed, min, max);
  }
  out = parsed;
  return {};
}

template <class T>
Setter int_setter(T Behaviours::*field, long long min, long long max) {
  return [=](Behaviours& b, std::string_view value) {
    long long parsed = 0;
    std::string error = parse_int(value, min, max, parsed);
    if (error.empty()) b.*field = static_cast<T>(parsed);
    return error;
  };
}

/// A duration in THE syntax of base/duration.h, within [min, max], a whole number of `step`.
/// The keys counted milliseconds (or seconds) from bare numbers before every duration took a
/// unit: a bare number is refused with the spelling of what it meant.
std::string read_duration(std::string_view value, milliseconds min, milliseconds max,
                          std::chrono::microseconds step, std::string_view former_bare_unit,
                          milliseconds& out) {
  base::DurationRules rules;
  rules.max = max;
  rules.step = step;
  rules.former_bare_unit = former_bare_unit;
  base::Diagnostics why;
  const base::Result<std::chrono::microseconds> parsed =
      base::parse_duration(value, {}, {}, why, rules);
  if (!parsed) return why.front().message;
  if (*parsed < min) {
    return fmt::format("`{}` is shorter than {}", value, base::duration_spelling(min));
  }
  out = std::chrono::duration_cast<milliseconds>(*parsed);
  return {};
}

Setter ms_setter(milliseconds Behaviours::*field, milliseconds min = milliseconds(0),
                 milliseconds max = std::chrono::hours(24)) {
  return [=](Behaviours& b, std::string_view value) {
    return read_duration(value, min, max, milliseconds(1), "ms", b.*field);
  };
}

/// A duration in whole seconds, kept as the count the SIP headers carry (Session-Expires).
Setter seconds_setter(std::uint32_t Behaviours::*field, std::chrono::seconds min,
                      std::chrono::seconds max) {
  return [=](Behaviours& b, std::string_view value) {
    milliseconds parsed{0};
    std::string error = read_duration(value, min, max, std::chrono::seconds(1), "s", parsed);
    if (error.empty()) {
      b.*field = static_cast<std::uint32_t>(
          std::chrono::duration_cast<std::chrono::seconds>(parsed).count());
    }
    return error;
  };
}

Setter bool_setter(bool Behaviours::*field) {
  return [=](Behaviours& b, std::string_view value) -> std::string {
    base::Diagnostics why;
    const base::Result<bool> parsed = base::parse_boolean(value, {}, {}, why);
    if (!parsed) return why.front().message;
    b.*field = *parsed;
    return {};
  };
}

Setter text_setter(std::string Behaviours::*field) {
  return [=](Behaviours& b, std::string_view value) {
    b.*field = std::string(value);
    return std::string();
  };
}

template <class E>
Setter enum_setter(E Behaviours::*field, std::vector<std::pair<std::string_view, E>> names) {
  return [=](Behaviours& b, std::string_view value) -> std::string {
    std::string known;
    for (const auto& [name, e] : names) {
      if (name == value) {
        b.*field = e;
        return {};
      }
      known += known.empty() ? std::string(name) : "|" + std::string(name);
    }
    return fmt::format("expected {}, got `{}`", known, value);
  };
}

const std::vector<KeyEntry>& entries() {
  static const std::vector<KeyEntry> table = [] {
    std::vector<KeyEntry> t;
    auto add = [&](std::string_view name, std::string_view values, std::string_view doc,
                   Setter set) {
      t.push_back({{name, values, doc}, std::move(set)});
    };
    // Identity and signalling habits.
    add("user_agent", "text", "User-Agent (and Server) header value",
        text_setter(&Behaviours::user_agent));
    add("strip_plus", "bool", "remove a leading + from numbers this endpoint originates",
        bool_setter(&Behaviours::strip_plus));
    add("user_phone", "bool", "write numbers as sip:<number>@host;user=phone",
        bool_setter(&Behaviours::user_phone));
    add("allow_update", "bool", "support UPDATE (else answer it 405 and leave it out of Allow)",
        bool_setter(&Behaviours::allow_update));
    add("rel100", "unsupported|supported|required",
        "reliable provisional responses (RFC 3262): offer/accept 100rel, or require it",
        enum_setter(&Behaviours::rel100, {{"unsupported", Rel100::unsupported},
                                          {"supported", Rel100::supported},
                                          {"required", Rel100::required}}));
    add("session_timer", "bool", "use session timers (RFC 4028): ask for them, honour them",
        bool_setter(&Behaviours::session_timer));
    add("session_expires", "90s..24h", "Session-Expires we ask for",
        seconds_setter(&Behaviours::session_expires, std::chrono::seconds(90),
                       std::chrono::hours(24)));
    add("min_se", "1s..24h", "Min-SE we accept",
        seconds_setter(&Behaviours::min_se, std::chrono::seconds(1), std::chrono::hours(24)));
    add("refresher", "uac|uas", "who refreshes when this endpoint chooses",
        enum_setter(&Behaviours::refresher, {{"uac", Party::uac}, {"uas", Party::uas}}));
    add("refresh_method", "update|invite",
        "how this endpoint refreshes (UPDATE falls back to re-INVITE if the peer lacks it)",
        enum_setter(&Behaviours::refresh_method,
                    {{"update", RefreshMethod::update}, {"invite", RefreshMethod::invite}}));
    add("ms_diagnostics", "text", "ms-diagnostics value added to our own failure responses",
        text_setter(&Behaviours::ms_diagnostics));
    // As UAS.
    add("answer", "final|never|trying_only|silent",
        "what an initial INVITE gets: ringing then `final`; ringing forever; 100 only; nothing",
        enum_setter(&Behaviours::answer, {{"final", AnswerMode::final},
                                          {"never", AnswerMode::never},
                                          {"trying_only", AnswerMode::trying_only},
                                          {"silent", AnswerMode::silent}}));
    add("ring", "none|180|183", "ringing response: none, 180 without SDP, 183 with SDP",
        enum_setter(
            &Behaviours::ring,
            {{"none", RingMode::none}, {"180", RingMode::ringing}, {"183", RingMode::progress}}));
    add("ring_after_ms", "duration", "delay before the ringing response",
        ms_setter(&Behaviours::ring_after));
    add("answer_after_ms", "duration", "delay from the INVITE to the final response",
        ms_setter(&Behaviours::answer_after));
    add("early_dialogs", "1..20", "forks: ringing responses with distinct To tags per INVITE",
        int_setter(&Behaviours::early_dialogs, 1, 20));
    add("answer_dialog", "1..20", "which fork sends the final response",
        int_setter(&Behaviours::answer_dialog, 1, 20));
    add("final", "200..699", "final status of an initial INVITE",
        int_setter(&Behaviours::final_status, 200, 699));
    add("q850_cause", "0..127", "add Reason: Q.850;cause=N to a failure response (0: none)",
        int_setter(&Behaviours::q850_cause, 0, 127));
    add("pai_on_answer", "bool", "P-Asserted-Identity in the 200 to an INVITE (SG-04)",
        bool_setter(&Behaviours::pai_on_answer));
    add("refer", "accept|501|603",
        "REFER received: 202, NOTIFY sipfrag and the transfer; or refuse it",
        enum_setter(&Behaviours::refer, {{"accept", ReferPolicy::accept},
                                         {"501", ReferPolicy::reject_501},
                                         {"603", ReferPolicy::reject_603}}));
    add("options", "answer@time,...",
        "OPTIONS answer over time: status or `silent` from a time on, e.g. 200@0s,silent@5s",
        [](Behaviours& b, std::string_view value) {
          std::string error;
          std::optional<OptionsSchedule> schedule = OptionsSchedule::parse(value, error);
          if (schedule) b.options = std::move(*schedule);
          return error;
        });
    // As UAC.
    add("calls", "count", "UAC: calls to place; UAS: exit after this many calls (0: never)",
        int_setter(&Behaviours::calls, 0, 10'000'000));
    add("stop_after_ms", "duration", "stop this long after the start: hang up, exit (0s: never)",
        ms_setter(&Behaviours::stop_after));
    add("rate", "calls/s", "UAC call rate", [](Behaviours& b, std::string_view value) {
      double rate = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), rate);
      if (ec != std::errc() || end != value.data() + value.size() || !(rate > 0) || rate > 100000) {
        return fmt::format("expected a rate in calls/s above 0, got `{}`", value);
      }
      b.rate = rate;
      return std::string();
    });
    add("max_concurrent", "count", "UAC: calls in progress at most (0: no limit)",
        int_setter(&Behaviours::max_concurrent, 0, 1'000'000));
    add("called", "number", "UAC: called number (Request-URI and To user part)",
        text_setter(&Behaviours::called));
    add("calling", "number", "UAC: calling number (From user part)",
        text_setter(&Behaviours::calling));
    add("calling_name", "text", "UAC: From display name", text_setter(&Behaviours::calling_name));
    add("pai", "bool", "UAC: send P-Asserted-Identity", bool_setter(&Behaviours::pai));
    add("pai_number", "number", "UAC: P-Asserted-Identity number (default: calling)",
        text_setter(&Behaviours::pai_number));
    add("call_history", "none|diversion|history_info",
        "UAC: mark the call as forwarded with Diversion or History-Info",
        enum_setter(&Behaviours::call_history, {{"none", CallHistory::none},
                                                {"diversion", CallHistory::diversion},
                                                {"history_info", CallHistory::history_info}}));
    add("redirecting_number", "number", "UAC: the forwarding number of call_history",
        text_setter(&Behaviours::redirecting_number));
    add("expect_status", "200..699", "UAC: the final status a call is meant to get",
        int_setter(&Behaviours::expect_status, 200, 699));
    add("cancel_after_ms", "duration",
        "UAC: CANCEL a call still without final response (0s: never)",
        ms_setter(&Behaviours::cancel_after));
    // In a call.
    add("bye_after_ms", "duration",
        "hang up calls we placed this long after the answer (0s: never)",
        ms_setter(&Behaviours::bye_after));
    add("uas_bye_after_ms", "duration",
        "hang up calls we answered this long after the ACK (0s: never)",
        ms_setter(&Behaviours::uas_bye_after));
    add("hold_after_ms", "duration", "re-INVITE with a=sendonly this long after the answer",
        ms_setter(&Behaviours::hold_after));
    add("resume_after_ms", "duration", "re-INVITE with a=sendrecv this long after the hold",
        ms_setter(&Behaviours::resume_after));
    add("transfer_to", "number|URI", "blind transfer: REFER the peer to this target",
        text_setter(&Behaviours::transfer_to));
    add("transfer_after_ms", "duration", "when to send the REFER, from the answer",
        ms_setter(&Behaviours::transfer_after));
    add("expect_refer", "accepted|rejected", "the outcome our REFER is meant to get",
        [](Behaviours& b, std::string_view value) -> std::string {
          if (value != "accepted" && value != "rejected") {
            return fmt::format("expected accepted|rejected, got `{}`", value);
          }
          b.expect_refer_accepted = value == "accepted";
          return {};
        });
    add("dtmf", "digits", "RFC 4733 telephone-events to send (0-9 * # A-D)",
        [](Behaviours& b, std::string_view value) -> std::string {
          for (char c : value) {
            if (std::string_view("0123456789*#ABCDabcd").find(c) == std::string_view::npos) {
              return fmt::format("`{}` is not a DTMF digit", c);
            }
          }
          b.dtmf = std::string(value);
          return {};
        });
    add("dtmf_after_ms", "duration", "when to send the digits, from the answer",
        ms_setter(&Behaviours::dtmf_after));
    add("dtmf_duration_ms", "40ms..5s", "length of each digit",
        ms_setter(&Behaviours::dtmf_duration, milliseconds(40), milliseconds(5000)));
    // Media.
    add("rtp", "bool", "send and measure RTP", bool_setter(&Behaviours::rtp));
    add("codecs", "PCMU,PCMA", "audio codecs offered and accepted, in preference order",
        [](Behaviours& b, std::string_view value) -> std::string {
          std::vector<std::string> codecs;
          std::size_t start = 0;
          while (start <= value.size()) {
            const std::size_t comma = std::min(value.find(',', start), value.size());
            std::string codec(trim(value.substr(start, comma - start)));
            if (codec != "PCMU" && codec != "PCMA") {
              return fmt::format("codec `{}` is not one sipsim sends (PCMU, PCMA)", codec);
            }
            codecs.push_back(std::move(codec));
            start = comma + 1;
          }
          b.codecs = std::move(codecs);
          return {};
        });
    add("ptime", "10ms..60ms", "packet time", [](Behaviours& b, std::string_view value) {
      milliseconds parsed{0};
      std::string error =
          read_duration(value, milliseconds(10), milliseconds(60), milliseconds(1), "ms", parsed);
      if (error.empty()) b.ptime = static_cast<std::uint32_t>(parsed.count());
      return error;
    });
    add("telephone_event", "0|96..127", "payload type of RFC 4733 events (0: not offered)",
        [](Behaviours& b, std::string_view value) {
          long long parsed = 0;
          std::string error = parse_int(value, 0, 127, parsed);
          if (error.empty() && parsed != 0 && parsed < 96) {
            error = fmt::format("{} is not a dynamic payload type (96..127)", parsed);
          }
          if (error.empty()) b.telephone_event = static_cast<int>(parsed);
          return error;
        });
    add("comfort_noise", "bool", "offer CN (payload type 13, MD-06)",
        bool_setter(&Behaviours::comfort_noise));
    add("tone_hz", "50..3900", "frequency of the tone sent as audio",
        int_setter(&Behaviours::tone_hz, 50, 3900));
    return t;
  }();
  return table;
}

}  // namespace

const std::vector<BehaviourKey>& behaviour_keys() {
  static const std::vector<BehaviourKey> keys = [] {
    std::vector<BehaviourKey> k;
    for (const KeyEntry& e : entries()) k.push_back(e.key);
    return k;
  }();
  return keys;
}

std::string set_behaviour(Behaviours& behaviours, std::string_view key, std::string_view value) {
  key = trim(key);
  value = trim(value);
  for (const KeyEntry& e : entries()) {
    if (e.key.name != key) continue;
    std::string error = e.set(behaviours, value);
    return error.empty() ? error : fmt::format("{}: {}", key, error);
  }
  return fmt::format("unknown behaviour key `{}` (see sipsim --help)", key);
}

bool split_assignments(std::string_view text, std::vector<KeyValue>& out, std::string& error) {
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string_view item = text.substr(start, comma - start);
    start = comma + 1;
    const std::size_t equals = item.find('=');
    if (equals == std::string_view::npos) {
      if (out.empty()) {
        error = fmt::format("`{}` is not key=value", item);
        return false;
      }
      out.back().value += ",";
      out.back().value += item;
      continue;
    }
    const std::string_view key = trim(item.substr(0, equals));
    if (key.empty()) {
      error = fmt::format("`{}` has no key before =", item);
      return false;
    }
    out.push_back({std::string(key), std::string(trim(item.substr(equals + 1)))});
  }
  return true;
}

std::string check_behaviours(const Behaviours& b) {
  if (b.answer_dialog > b.early_dialogs) {
    return fmt::format("answer_dialog={} but only early_dialogs={} forks ring", b.answer_dialog,
                       b.early_dialogs);
  }
  if (b.early_dialogs > 1 && b.ring == RingMode::none) {
    return "early_dialogs above 1 needs a ringing response (ring=180 or ring=183)";
  }
  if (b.resume_after.count() > 0 && b.hold_after.count() == 0) {
    return "resume_after_ms needs hold_after_ms";
  }
  if (b.transfer_after.count() > 0 && b.transfer_to.empty()) {
    return "transfer_after_ms needs transfer_to";
  }
  if (!b.dtmf.empty() && b.telephone_event == 0) {
    return "dtmf needs telephone_event (a payload type for RFC 4733 events)";
  }
  if (b.session_expires < b.min_se) {
    return fmt::format("session_expires={}s is below min_se={}s", b.session_expires, b.min_se);
  }
  if (b.codecs.empty()) return "codecs is empty";
  return {};
}

}  // namespace sipconf::simulators
