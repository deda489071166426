// libFuzzer target: the transaction layer fed with arbitrary messages from a peer, on the
// fake clock and the fake transport. The input is a sequence of records
//   <transport byte> <delay byte> <message bytes> "\n--\n"
// (transport: even = UDP, odd = TCP; delay: 10 ms units before the next record).
// The TU answers every request (final responses vary with the CSeq number), sends requests
// of its own now and then, and cancels its INVITEs once they are provisionally answered. Invariants
// checked beyond "no crash":
//  - every transaction terminates: 70 s after the last record none is left and no timer is
//    pending (no leak, no hang);
//  - the layer never passes a malformed message to the TU (each has Via, CSeq, Call-ID).
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sip/base/timer_fake.h"
#include "sip/message/typed_headers.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport_fake.h"

namespace {

using namespace sipconf::sip;

void check(bool ok) {
  if (!ok) std::abort();
}

class AnsweringUser final : public TransactionUser {
 public:
  TransactionLayer* layer = nullptr;

  void on_request(TransactionId tx, const Message& request, const Arrival&) override {
    check(top_via(request).ok() && cseq(request).ok() && call_id(request).ok());
    const std::uint32_t n = cseq(request)->number;
    const int status = n % 3 == 0 ? 200 : (n % 3 == 1 ? 486 : 404);
    if (n % 5 == 0) layer->respond(tx, 180, {}, "fz");
    layer->respond(tx, status, {}, "fz");
    // A request of our own now and then, so client transactions meet the peer's responses.
    if (n % 7 == 0) {
      Message out =
          Message::request(n % 2 == 0 ? "INVITE" : "OPTIONS", *Uri::parse("sip:peer@127.0.0.31"));
      out.append_header(HeaderId::from, "<sip:fz@127.0.0.30>;tag=fz");
      out.append_header(HeaderId::to, "<sip:peer@127.0.0.31>");
      out.append_header(HeaderId::call_id, "fuzz-out");
      out.append_header(HeaderId::cseq, std::to_string(n) + " " + std::string(out.method()));
      (void)layer->send_request(std::move(out), Endpoint{"127.0.0.31", 5060, Transport::udp});
    }
  }
  void on_ack(TransactionId, const Message& ack, const Arrival&) override {
    check(ack.method() == "ACK");
  }
  void on_cancel(TransactionId tx, const Message&, const Arrival&) override {
    layer->respond(tx, 487, {}, "fz");
  }
  void on_response(TransactionId tx, const Message& response, const Arrival&) override {
    check(response.is_response() && cseq(response).ok());
    // An INVITE client transaction has no timer once a provisional arrived (Timer C is a
    // proxy's); a UA ends it with CANCEL, as the mediation's fast-failover timer does.
    if (response.status_code() < 200) (void)layer->cancel(tx);
  }
  void on_stray_response(const Message& response, const Arrival&) override {
    check(response.is_response());
  }
  void on_failure(TransactionId, TransactionFailure, std::error_code) override {}
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  FakeTimerService timers;
  AnsweringUser user;
  TransactionLayerConfig config;
  config.seed = 1;
  TransactionLayer layer(timers, user, config);
  user.layer = &layer;
  const Endpoint local_udp{"127.0.0.30", 5060, Transport::udp};
  const Endpoint local_tcp{"127.0.0.30", 5060, Transport::tcp};
  FakeTransport transport(layer, {local_udp, local_tcp});
  layer.attach(transport);

  std::size_t pos = 0;
  while (pos + 2 <= input.size()) {
    const bool tcp = (static_cast<unsigned char>(input[pos]) & 1) != 0;
    const int delay = static_cast<unsigned char>(input[pos + 1]);
    pos += 2;
    std::size_t end = input.find("\n--\n", pos);
    if (end == std::string_view::npos) end = input.size();
    InboundMessage m;
    m.bytes = std::string(input.substr(pos, end - pos));
    m.local = tcp ? local_tcp : local_udp;
    m.remote = Endpoint{"127.0.0.31", 40000, tcp ? Transport::tcp : Transport::udp};
    m.connection = tcp ? 9 : 0;
    transport.deliver(std::move(m));
    timers.advance(std::chrono::milliseconds(10 * delay));
    pos = end + 4;
  }
  timers.advance(std::chrono::seconds(70));
  check(layer.active_transactions() == 0);
  check(timers.pending() == 0);
  return 0;
}
