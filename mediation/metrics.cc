#include "mediation/metrics.h"

#include <fmt/format.h>

namespace sipconf::mediation {
namespace {

class Writer {
 public:
  void header(std::string_view name, std::string_view type, std::string_view help) {
    fmt::format_to(std::back_inserter(out_), "# HELP sipconf_mediation_{} {}\n", name, help);
    fmt::format_to(std::back_inserter(out_), "# TYPE sipconf_mediation_{} {}\n", name, type);
  }
  void value(std::string_view name, std::uint64_t v, std::string_view labels = {}) {
    if (labels.empty()) {
      fmt::format_to(std::back_inserter(out_), "sipconf_mediation_{} {}\n", name, v);
    } else {
      fmt::format_to(std::back_inserter(out_), "sipconf_mediation_{}{{{}}} {}\n", name, labels, v);
    }
  }
  void single(std::string_view name, std::string_view type, std::string_view help,
              std::uint64_t v) {
    header(name, type, help);
    value(name, v);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

/// Label values are trunk names from the configuration: escape what the format requires.
std::string label(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string_view to_string(CallResult result) {
  switch (result) {
    case CallResult::answered:
      return "answered";
    case CallResult::busy:
      return "busy";
    case CallResult::cancelled:
      return "cancelled";
    case CallResult::no_answer:
      return "no_answer";
    case CallResult::rejected:
      return "rejected";
    case CallResult::failed:
      return "failed";
    case CallResult::no_route:
      return "no_route";
    case CallResult::refused:
      return "refused";
  }
  return "failed";
}

CallResult result_of_status(int status) {
  if (status >= 200 && status < 300) return CallResult::answered;
  if (status == 486 || status == 600) return CallResult::busy;
  if (status == 487) return CallResult::cancelled;
  if (status == 408 || status == 480) return CallResult::no_answer;
  if (status >= 500 && status < 600) return CallResult::failed;
  return CallResult::rejected;
}

std::string render_prometheus(const MetricsSnapshot& s) {
  Writer w;
  w.single("active_calls", "gauge", "Calls in progress.", s.active_calls);
  w.single("active_dialogs", "gauge", "Dialogs held on both legs.", s.active_dialogs);
  w.single("active_transactions", "gauge", "SIP transactions alive.", s.active_transactions);
  w.single("connections", "gauge", "TCP and TLS connections held.", s.connections);
  w.single("draining", "gauge", "1 after SIGTERM: new calls are refused.", s.draining ? 1 : 0);

  w.header("calls_total", "counter", "Calls ended, by result.");
  for (std::size_t i = 0; i < kCallResultCount; ++i) {
    w.value("calls_total", s.metrics.calls[i],
            fmt::format("result=\"{}\"", to_string(static_cast<CallResult>(i))));
  }
  w.header("rejected_requests_total", "counter",
           "Requests the mediation answered with an error itself, by status.");
  for (const auto& [status, count] : s.metrics.rejected_requests) {
    w.value("rejected_requests_total", count, fmt::format("status=\"{}\"", status));
  }
  w.single("untrusted_requests_total", "counter", "Requests from no configured peer (403).",
           s.metrics.untrusted_requests);

  w.header("trunk_calls_total", "counter", "Calls per trunk and direction.");
  for (const auto& [name, t] : s.metrics.trunks) {
    w.value("trunk_calls_total", t.calls_in,
            fmt::format("trunk=\"{}\",direction=\"in\"", label(name)));
    w.value("trunk_calls_total", t.calls_out,
            fmt::format("trunk=\"{}\",direction=\"out\"", label(name)));
  }
  w.header("trunk_failures_total", "counter", "Calls per trunk that did not end answered.");
  for (const auto& [name, t] : s.metrics.trunks) {
    w.value("trunk_failures_total", t.failures, fmt::format("trunk=\"{}\"", label(name)));
  }
  w.header("trunk_up", "gauge", "1 while OPTIONS health has the trunk up, 0 while down.");
  for (const auto& [name, up] : s.trunk_up) {
    w.value("trunk_up", up ? 1 : 0, fmt::format("trunk=\"{}\"", label(name)));
  }
  w.header("trunk_probes_total", "counter",
           "OPTIONS keep-alives per trunk: sent, answered, missed (timeout, error or 503).");
  for (const auto& [name, t] : s.metrics.trunks) {
    const std::string trunk = label(name);
    w.value("trunk_probes_total", t.probes_sent,
            fmt::format("trunk=\"{}\",outcome=\"sent\"", trunk));
    w.value("trunk_probes_total", t.probes_answered,
            fmt::format("trunk=\"{}\",outcome=\"answered\"", trunk));
    w.value("trunk_probes_total", t.probes_missed,
            fmt::format("trunk=\"{}\",outcome=\"missed\"", trunk));
  }

  const sip::TransactionCounters& tx = s.transactions;
  w.header("transactions_total", "counter", "Transactions created, by kind.");
  for (std::size_t i = 0; i < sip::kTransactionKindCount; ++i) {
    w.value("transactions_total", tx.created[i],
            fmt::format("kind=\"{}\"", sip::to_string(static_cast<sip::TransactionKind>(i))));
  }
  w.single("retransmissions_total", "counter", "Requests and responses sent again.",
           tx.retransmissions_sent);
  w.single("retransmissions_absorbed_total", "counter",
           "Retransmissions received and absorbed by a transaction.", tx.retransmissions_absorbed);
  w.single("transaction_timeouts_total", "counter", "Transactions that timed out.", tx.timeouts);
  w.single("parse_errors_total", "counter", "Inbound messages that did not parse.",
           tx.parse_errors);
  w.single("bad_requests_answered_total", "counter",
           "Malformed requests answered statelessly (400, 505, 513...).", tx.bad_requests_answered);
  w.single("dropped_messages_total", "counter",
           "Malformed responses and unanswerable requests dropped.", tx.malformed_dropped);
  w.single("dropped_responses_total", "counter",
           "Responses dropped: with several Via values, stray, or for a call already gone.",
           tx.responses_discarded + tx.stray_responses + s.metrics.orphan_responses);

  w.header("messages_total", "counter", "SIP messages by transport and direction.");
  for (sip::Transport t : {sip::Transport::udp, sip::Transport::tcp, sip::Transport::tls}) {
    const sip::TrafficCounters& c = s.transport.of(t);
    w.value("messages_total", c.messages_in,
            fmt::format("transport=\"{}\",direction=\"in\"", sip::to_string(t)));
    w.value("messages_total", c.messages_out,
            fmt::format("transport=\"{}\",direction=\"out\"", sip::to_string(t)));
  }
  w.single("framing_errors_total", "counter",
           "TCP/TLS streams closed because a message could not be framed.",
           s.transport.framing_errors);
  w.single("tls_handshake_failures_total", "counter", "TLS handshakes that failed.",
           s.transport.handshake_failures);
  w.single("config_reloads_total", "counter", "Configurations reloaded on SIGHUP.",
           s.metrics.config_reloads);
  w.single("config_reload_failures_total", "counter",
           "Reloads refused (the old configuration stays).", s.metrics.config_reload_failures);
  return w.take();
}

}  // namespace sipconf::mediation
