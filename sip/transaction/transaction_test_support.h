#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/base/timer_fake.h"
#include "sip/message/message.h"
#include "sip/message/message_builders.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/transaction/transaction.h"
#include "sip/transport/transport_fake.h"

/// Helpers for the transaction machine tests: an owner that sends through FakeTransport and
/// records every send and report with the fake-clock time at which it happened.
namespace sipconf::sip::transaction_testing {

using std::chrono::milliseconds;

/// Ignores what FakeTransport hands back (machine tests drive the machines directly).
class NullSink final : public MessageSink {
 public:
  void on_message(InboundMessage&&) override {}
  void on_send_failed(const SendFailure&) override {}
};

class RecordingOwner final : public TransactionOwner {
 public:
  struct Send {
    milliseconds at;
    std::string bytes;
    bool retransmission = false;
    Endpoint to;
    SendId id = 0;
  };
  struct Report {
    milliseconds at;
    int status = 0;  ///< response status, 0 for an ACK
  };
  struct Failure {
    milliseconds at;
    TransactionFailure failure;
    std::error_code error;
  };

  explicit RecordingOwner(FakeTimerService& timers) : timers_(timers), transport_(sink_) {}

  std::error_code send(TransactionId, std::string bytes, const Destination& to,
                       bool retransmission) override {
    std::error_code ec;
    SendId id = transport_.send(to.endpoint, bytes, to.options, ec);
    if (!ec)
      sends.push_back(Send{timers_.elapsed(), std::move(bytes), retransmission, to.endpoint, id});
    return ec;
  }
  void pass_response(TransactionId, const Message& response) override {
    responses.push_back(Report{timers_.elapsed(), response.status_code()});
  }
  void pass_ack(TransactionId, const Message&) override {
    acks.push_back(Report{timers_.elapsed(), 0});
  }
  void report_failure(TransactionId, TransactionFailure failure, std::error_code error) override {
    failures.push_back(Failure{timers_.elapsed(), failure, error});
  }
  void terminated(TransactionId) override { terminated_at.push_back(timers_.elapsed()); }
  void absorbed(TransactionId) override { ++absorbed_count; }

  FakeTransport& transport() { return transport_; }

  /// Fake-clock times of the sends whose first line starts with `prefix` ("INVITE", "ACK",
  /// "SIP/2.0 486").
  std::vector<long> send_times(std::string_view prefix) const {
    std::vector<long> out;
    for (const auto& s : sends) {
      if (std::string_view(s.bytes).substr(0, prefix.size()) == prefix) {
        out.push_back(static_cast<long>(s.at.count()));
      }
    }
    return out;
  }

  std::vector<Send> sends;
  std::vector<Report> responses;
  std::vector<Report> acks;
  std::vector<Failure> failures;
  std::vector<milliseconds> terminated_at;
  int absorbed_count = 0;

 private:
  FakeTimerService& timers_;
  NullSink sink_;
  FakeTransport transport_;
};

inline Message parse_or_die(std::string_view text) {
  ParseResult r = parse_message(text);
  if (!r.ok() || !r.message) {
    throw std::runtime_error("test message does not parse: " + r.error.message());
  }
  return std::move(*r.message);
}

/// A request from 127.0.0.21 (the simulated peer) with the given method and branch.
inline Message request(std::string_view method, std::string_view branch = "z9hG4bKtest1",
                       std::string_view transport = "UDP", std::string_view to_tag = "") {
  std::string text = std::string(method) + " sip:bob@127.0.0.22 SIP/2.0\r\n";
  text += "Via: SIP/2.0/" + std::string(transport) +
          " 127.0.0.21:5060;branch=" + std::string(branch) + "\r\n";
  text += "Max-Forwards: 70\r\n";
  text += "From: <sip:alice@127.0.0.21>;tag=from1\r\n";
  text += "To: <sip:bob@127.0.0.22>";
  if (!to_tag.empty()) text += ";tag=" + std::string(to_tag);
  text += "\r\nCall-ID: call-1@127.0.0.21\r\n";
  text += "CSeq: 7 " + std::string(method) + "\r\n";
  text += "Contact: <sip:alice@127.0.0.21:5060>\r\n";
  text += "Content-Length: 0\r\n\r\n";
  return parse_or_die(text);
}

/// A response to `req` with the given status and To tag, re-parsed as if received.
inline Message response(const Message& req, int status, std::string_view to_tag = "totag") {
  auto r = make_response(req, status, {}, status == 100 ? "" : to_tag);
  if (!r) throw std::runtime_error("make_response failed");
  return parse_or_die(serialize(*r));
}

inline Destination udp_peer() {
  return Destination{Endpoint{"127.0.0.21", 5060, Transport::udp}, {}};
}
inline Destination tcp_peer() {
  return Destination{Endpoint{"127.0.0.21", 5060, Transport::tcp}, {}};
}

}  // namespace sipconf::sip::transaction_testing
