#include "harness/analysis/findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "sip/message/header_names.h"
#include "sip/message/via.h"

namespace sipconf::harness {
namespace {

/// 64 * T1: how long a transaction may stay open, and how long an element may keep
/// retransmitting a 2xx while waiting for its ACK (RFC 3261 §13.3.1.4).
constexpr uint64_t kTransactionLifetimeNs = 32'000'000'000;

using Findings = std::vector<Finding>;

void add(Findings& out, std::string_view rule, FindingSeverity severity, std::size_t index,
         std::string text) {
  out.push_back({std::string(rule), severity, index, std::move(text)});
}

std::string describe(const SipMessageFacts& f) {
  if (f.request) return f.method;
  return fmt::format("{} to {}", f.status, f.method.empty() ? "?" : f.method);
}

// --- Per message ---------------------------------------------------------------------

void check_via_branch(const TracedSipMessage& m, std::size_t index, Findings& out) {
  const SipMessageFacts& f = m.facts();
  if (!f.request || !m.captured.message || !m.captured.message->has(sip::HeaderId::via)) return;
  if (f.branch.empty()) {
    add(out, "RFC3261-8.1.1.7", FindingSeverity::kWarning, index,
        fmt::format("{}: the top Via has no branch parameter", f.method));
  } else if (f.branch.rfind(sip::kBranchMagicCookie, 0) != 0) {
    add(out, "RFC3261-8.1.1.7", FindingSeverity::kWarning, index,
        fmt::format("{}: Via branch `{}` does not start with z9hG4bK", f.method, f.branch));
  }
}

void check_mandatory_headers(const TracedSipMessage& m, std::size_t index, Findings& out) {
  if (!m.captured.message) return;
  const sip::Message& message = *m.captured.message;
  static constexpr sip::HeaderId kMandatory[] = {sip::HeaderId::to, sip::HeaderId::from,
                                                 sip::HeaderId::cseq, sip::HeaderId::call_id,
                                                 sip::HeaderId::via};
  std::string missing;
  for (sip::HeaderId id : kMandatory) {
    if (message.has(id)) continue;
    if (!missing.empty()) missing += ", ";
    missing += sip::canonical_name(id);
  }
  const SipMessageFacts& f = m.facts();
  if (!missing.empty()) {
    add(out, f.request ? "RFC3261-8.1.1" : "RFC3261-8.2.6.2", FindingSeverity::kError, index,
        fmt::format("{} lacks mandatory header(s): {}", describe(f), missing));
  }
  if (f.request && f.method != "ACK" && f.method != "CANCEL" &&
      !message.has(sip::HeaderId::max_forwards)) {
    add(out, "RFC3261-8.1.1.6", FindingSeverity::kWarning, index,
        fmt::format("{} has no Max-Forwards", f.method));
  }
  if (f.request && f.method == "INVITE" && !message.has(sip::HeaderId::contact)) {
    add(out, "RFC3261-8.1.1.8", FindingSeverity::kWarning, index, "INVITE has no Contact");
  }
}

void check_to_tag(const TracedSipMessage& m, std::size_t index, Findings& out) {
  const SipMessageFacts& f = m.facts();
  if (f.request || f.status <= 100 || !f.to_tag.empty() || !m.captured.message ||
      !m.captured.message->has(sip::HeaderId::to)) {
    return;
  }
  const bool success = f.status >= 200 && f.status < 300;
  add(out, "RFC3261-8.2.6.2", success ? FindingSeverity::kError : FindingSeverity::kWarning, index,
      fmt::format("{} has no To tag", describe(f)));
}

void check_content_length(const TracedSipMessage& m, std::size_t index, Findings& out) {
  const CapturedSipMessage& c = m.captured;
  if (c.content_length_missing) {
    add(out, "RFC3261-18.3", FindingSeverity::kError, index,
        fmt::format("{} over TCP has no Content-Length", describe(m.facts())));
  }
  if (c.parse_error == sip::ParseError::content_length_exceeds_message) {
    add(out, "RFC3261-18.3", FindingSeverity::kError, index,
        fmt::format("{}: Content-Length is larger than the {} bytes of the datagram",
                    describe(m.facts()), c.raw.size()));
  } else if (c.trailing_bytes > 0) {
    add(out, "RFC3261-18.3", FindingSeverity::kWarning, index,
        fmt::format("{}: {} bytes follow the body that Content-Length announces",
                    describe(m.facts()), c.trailing_bytes));
  }
}

FindingSeverity severity_of(sip::Severity s) {
  switch (s) {
    case sip::Severity::accepted:
      return FindingSeverity::kInfo;
    case sip::Severity::tolerated:
      return FindingSeverity::kWarning;
    case sip::Severity::fatal:
      return FindingSeverity::kError;
  }
  return FindingSeverity::kError;
}

void check_grammar(const TracedSipMessage& m, std::size_t index, Findings& out) {
  for (const sip::Violation& v : m.captured.violations) {
    // Framing deviations have their own rule (RFC3261-18.3).
    if (v.code == sip::ParseError::trailing_octets ||
        v.code == sip::ParseError::content_length_exceeds_message ||
        v.code == sip::ParseError::content_length_missing) {
      continue;
    }
    std::string where = v.header.empty() ? std::string("start line") : v.header;
    std::string text = fmt::format("{} (line {}): {}", where, v.line, v.code.message());
    if (!v.detail.empty()) text += fmt::format(" ({})", v.detail);
    add(out, "RFC3261-25", severity_of(v.severity), index, std::move(text));
  }
}

void check_trying_to_non_invite(const TracedSipMessage& m, std::size_t index, Findings& out) {
  const SipMessageFacts& f = m.facts();
  if (f.request || f.status != 100 || f.method == "INVITE" || f.method.empty() ||
      m.captured.transport != SipTransport::kUdp) {
    return;
  }
  add(out, "RFC4320-4.1", FindingSeverity::kWarning, index,
      fmt::format("100 Trying to a {} over UDP (non-INVITE transactions must not send it)",
                  f.method));
}

// --- Per transaction -------------------------------------------------------------------

void check_transactions(const SipTrace& trace, const FindingOptions& options, Findings& out) {
  for (const Transaction& t : trace.transactions().transactions()) {
    if (t.request_missing && !t.responses.empty()) {
      const TracedSipMessage& first = trace.message(t.responses.front());
      const bool near_start =
          first.timestamp_ns() < options.capture_start_ns + kTransactionLifetimeNs;
      add(out, "RFC3261-17.1.3", near_start ? FindingSeverity::kInfo : FindingSeverity::kWarning,
          t.responses.front(),
          fmt::format("{} matches no request in the capture{}", describe(first.facts()),
                      near_start ? " (the request may predate the capture)" : ""));
    }
    // After 487 Request Terminated the transaction is over: no other final response.
    bool terminated = false;
    for (std::size_t index : t.responses) {
      const TracedSipMessage& m = trace.message(index);
      if (m.retransmission || !m.facts().is_final_response()) continue;
      if (terminated && m.facts().status != 487) {
        add(out, "RFC3261-9.2", FindingSeverity::kError, index,
            fmt::format("{} after 487 Request Terminated in the same transaction",
                        describe(m.facts())));
      }
      if (m.facts().status == 487) terminated = true;
    }
  }
}

/// Every 2xx to an INVITE (per To tag) must be acknowledged by an ACK of the same Call-ID,
/// CSeq number and To tag, sent by the caller.
void check_2xx_acknowledged(const SipTrace& trace, const FindingOptions& options, Findings& out) {
  for (const CallLeg& leg : trace.legs()) {
    std::set<std::tuple<uint32_t, std::string>> acked;
    for (std::size_t index : leg.messages) {
      const SipMessageFacts& f = trace.message(index).facts();
      if (f.request && f.method == "ACK" && f.cseq) acked.emplace(*f.cseq, f.to_tag);
    }
    std::set<std::tuple<uint32_t, std::string>> reported;
    for (std::size_t index : leg.messages) {
      const TracedSipMessage& m = trace.message(index);
      const SipMessageFacts& f = m.facts();
      if (f.request || f.method != "INVITE" || f.status < 200 || f.status >= 300 || !f.cseq) {
        continue;
      }
      const auto key = std::make_tuple(*f.cseq, f.to_tag);
      if (acked.count(key) != 0 || !reported.insert(key).second) continue;
      const uint64_t waited = options.capture_end_ns - m.timestamp_ns();
      const bool cut = waited < kTransactionLifetimeNs;
      add(out, "RFC3261-13.2.2.4", cut ? FindingSeverity::kWarning : FindingSeverity::kError, index,
          cut ? fmt::format("{} {} was not acknowledged before the capture ended {} later",
                            f.status, f.method, fmt::format("{:.1f} s", waited / 1e9))
              : fmt::format("{} {} was never acknowledged (no ACK with CSeq {} within 32 s)",
                            f.status, f.method, *f.cseq));
    }
  }
}

/// CSeq numbers of the requests one side sends in a Call-ID must increase (§12.2.1.1 in
/// a dialog, §8.1.1.5 outside one). ACK and CANCEL reuse the number of what they refer to.
void check_cseq_order(const SipTrace& trace, Findings& out) {
  for (const CallLeg& leg : trace.legs()) {
    std::map<std::pair<std::string, IpAddress>, uint32_t> last;
    for (std::size_t index : leg.messages) {
      const TracedSipMessage& m = trace.message(index);
      const SipMessageFacts& f = m.facts();
      if (!f.request || m.retransmission || !f.cseq || f.method == "ACK" || f.method == "CANCEL") {
        continue;
      }
      const auto key = std::make_pair(f.from_tag, m.captured.src.ip);
      const auto it = last.find(key);
      if (it != last.end() && *f.cseq <= it->second) {
        const bool in_dialog = !f.to_tag.empty();
        add(out, in_dialog ? "RFC3261-12.2.1.1" : "RFC3261-8.1.1.5", FindingSeverity::kError, index,
            fmt::format("{} has CSeq {}, not above the {} of the previous request from this side{}",
                        f.method, *f.cseq, it->second, in_dialog ? " of the dialog" : ""));
      }
      last[key] = it == last.end() ? *f.cseq : std::max(it->second, *f.cseq);
    }
  }
}

}  // namespace

std::string_view to_string(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::kInfo:
      return "info";
    case FindingSeverity::kWarning:
      return "warning";
    case FindingSeverity::kError:
      return "error";
  }
  return "error";
}

const std::vector<FindingRule>& finding_rules() {
  static const std::vector<FindingRule> rules = {
      {"RFC3261-8.1.1", "a request lacks To, From, CSeq, Call-ID or Via"},
      {"RFC3261-8.1.1.5", "CSeq does not increase between requests of one Call-ID"},
      {"RFC3261-8.1.1.6", "a request has no Max-Forwards"},
      {"RFC3261-8.1.1.7", "the top Via branch lacks the z9hG4bK magic cookie"},
      {"RFC3261-8.1.1.8", "an INVITE has no Contact"},
      {"RFC3261-8.2.6.2", "a response lacks a mandatory header or its To tag"},
      {"RFC3261-9.2", "a final response follows 487 Request Terminated"},
      {"RFC3261-12.2.1.1", "CSeq does not increase within a dialog"},
      {"RFC3261-13.2.2.4", "a 2xx to an INVITE is never acknowledged"},
      {"RFC3261-17.1.3", "a response matches no request in the capture"},
      {"RFC3261-18.3", "Content-Length is missing (TCP) or disagrees with the datagram"},
      {"RFC3261-25", "the message deviates from the SIP grammar (lenient parse)"},
      {"RFC4320-4.1", "100 Trying to a non-INVITE request over UDP"},
  };
  return rules;
}

std::vector<Finding> find_violations(const SipTrace& trace, const FindingOptions& options) {
  Findings out;
  for (std::size_t i = 0; i < trace.messages().size(); ++i) {
    const TracedSipMessage& m = trace.message(i);
    if (m.retransmission) continue;
    check_via_branch(m, i, out);
    check_mandatory_headers(m, i, out);
    check_to_tag(m, i, out);
    check_content_length(m, i, out);
    check_grammar(m, i, out);
    check_trying_to_non_invite(m, i, out);
  }
  check_transactions(trace, options, out);
  check_2xx_acknowledged(trace, options, out);
  check_cseq_order(trace, out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return a.message_index < b.message_index;
  });
  return out;
}

}  // namespace sipconf::harness
