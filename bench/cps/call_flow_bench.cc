// The user-space cost of one call through the mediation: INVITE, 180, 200, ACK, BYE, 200
// handled by the transaction layer and the B2BUA on a fake transport and clock, as in the
// wire benchmark's inter-trunk UDP path (bench/cps/run.sh). No sockets and no load
// generator, so `perf record` on this binary shows the call path alone. The simulated
// peers' work (parsing what the mediation sent, building their answers) is excluded from
// the timing.
//
//   build/bench/cps_call_flow_bench [--benchmark_min_time=2]
#include <memory>
#include <string>

#include <benchmark/benchmark.h>
#include <spdlog/sinks/null_sink.h>

#include "mediation/b2bua.h"
#include "mediation/config/config_loader.h"
#include "mediation/transaction_user_slot.h"
#include "sip/base/timer_fake.h"
#include "sip/message/message_builders.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/typed_headers.h"
#include "sip/transport/transport_fake.h"

namespace {

using namespace sipconf;

constexpr char kConfig[] = R"(<mediation>
  <internal listen-address="127.0.0.1" listen-port="5070" transport="tcp"
            peer-address="127.0.0.2" peer-port="5061"/>
  <trunk name="load" peer="127.0.0.3" peer-port="5060" transport="udp"
         listen-address="127.0.0.1" listen-port="5060">
    <configuration><PstnUsage Name="bench"/></configuration>
  </trunk>
  <trunk name="sink" peer="127.0.0.4" peer-port="5060" transport="udp"
         listen-address="127.0.0.1" listen-port="5062"/>
  <pstn-usage name="bench"><route pattern="^\+"><trunk name="sink"/></route></pstn-usage>
  <log level="warn"/>
</mediation>)";

constexpr char kSdp[] =
    "v=0\r\no=load 1 1 IN IP4 127.0.0.3\r\ns=-\r\nc=IN IP4 127.0.0.3\r\nt=0 0\r\n"
    "m=audio 6000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n";

class Lab {
 public:
  Lab() {
    mediation::ConfigLoadOptions options;
    options.check_files = false;
    auto loaded = mediation::parse_config(kConfig, "bench.xml", ".", options);
    config_ = std::make_shared<const mediation::RuntimeConfig>(std::move(*loaded.config));
    layer_ = std::make_unique<sip::TransactionLayer>(timers_, slot_);
    transport_ = std::make_unique<sip::FakeTransport>(
        *layer_, std::vector<sip::Endpoint>{{"127.0.0.1", 5060, sip::Transport::udp},
                                            {"127.0.0.1", 5062, sip::Transport::udp},
                                            {"127.0.0.1", 5070, sip::Transport::tcp}});
    layer_->attach(*transport_);
    b2bua_ = std::make_unique<mediation::B2bua>(*layer_, *transport_, config_, metrics_, log_);
    slot_.set(b2bua_.get());
  }
  ~Lab() { slot_.set(nullptr); }

  void from_caller(std::string bytes) { deliver(std::move(bytes), {"127.0.0.3", 5060}, 5060); }
  void from_callee(std::string bytes) { deliver(std::move(bytes), {"127.0.0.4", 5060}, 5062); }
  /// The last message the mediation sent to `address`, parsed.
  sip::Message last_to(const std::string& address) const {
    const auto& sent = transport_->sent();
    for (auto it = sent.rbegin(); it != sent.rend(); ++it) {
      if (it->to.address == address)
        return *sip::parse_message(std::string_view(it->bytes)).message;
    }
    return {};
  }
  void forget_sent() { transport_->clear_sent(); }
  void expire() { timers_.advance(std::chrono::seconds(40)); }
  std::size_t active_calls() const { return b2bua_->active_calls(); }

 private:
  void deliver(std::string bytes, sip::Endpoint remote, std::uint16_t local_port) {
    sip::InboundMessage m;
    m.bytes = std::move(bytes);
    m.remote = std::move(remote);
    m.local = {"127.0.0.1", local_port, sip::Transport::udp};
    transport_->deliver(std::move(m));
  }

  sip::FakeTimerService timers_;
  mediation::TransactionUserSlot slot_;
  std::unique_ptr<sip::TransactionLayer> layer_;
  std::unique_ptr<sip::FakeTransport> transport_;
  mediation::Metrics metrics_;
  mediation::EventLog log_{
      std::make_shared<spdlog::logger>("bench", std::make_shared<spdlog::sinks::null_sink_mt>()),
      mediation::LogFormat::text};
  std::shared_ptr<const mediation::RuntimeConfig> config_;
  std::unique_ptr<mediation::B2bua> b2bua_;
};

std::string caller_invite(std::uint64_t n) {
  const std::string id = std::to_string(n);
  const std::string body = kSdp;
  return "INVITE sip:+1425" + id +
         "@127.0.0.1:5060;user=phone SIP/2.0\r\n"
         "Via: SIP/2.0/UDP 127.0.0.3:5060;branch=z9hG4bK-" +
         id +
         "-0\r\n"
         "From: <sip:+12065550100@127.0.0.3;user=phone>;tag=caller" +
         id +
         "\r\n"
         "To: <sip:+1425" +
         id + "@127.0.0.1;user=phone>\r\nCall-ID: " + id +
         "@127.0.0.3\r\n"
         "CSeq: 1 INVITE\r\nContact: <sip:load@127.0.0.3:5060>\r\nMax-Forwards: 70\r\n"
         "Content-Type: application/sdp\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

/// An in-dialog request of the caller, From/To as in its INVITE and the 200 it got.
std::string caller_request(std::uint64_t n, const std::string& method, int cseq,
                           const sip::Message& ok) {
  const std::string id = std::to_string(n);
  return method + " sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.3:5060;branch=z9hG4bK-" +
         id + "-" + method + "\r\nFrom: <sip:+12065550100@127.0.0.3;user=phone>;tag=caller" + id +
         "\r\n" + "To: " + std::string(*ok.header(sip::HeaderId::to)) + "\r\nCall-ID: " + id +
         "@127.0.0.3\r\nCSeq: " + std::to_string(cseq) + " " + method +
         "\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
}

std::string callee_answer(const sip::Message& request, int status, bool with_body) {
  auto r = sip::make_response(request, status, {}, "callee-tag");
  if (status > 100 && status < 300)
    r->append_header(sip::HeaderId::contact, "<sip:127.0.0.4:5060>");
  if (with_body) r->set_body(kSdp, "application/sdp");
  return sip::serialize(*r);
}

void BM_CallThroughB2bua(benchmark::State& state) {
  Lab lab;
  std::uint64_t n = 0;
  for (auto _ : state) {
    ++n;
    lab.from_caller(caller_invite(n));
    state.PauseTiming();
    const sip::Message invite = lab.last_to("127.0.0.4");
    const std::string ringing = callee_answer(invite, 180, false);
    const std::string ok = callee_answer(invite, 200, true);
    state.ResumeTiming();
    lab.from_callee(ringing);
    lab.from_callee(ok);
    state.PauseTiming();
    const sip::Message caller_ok = lab.last_to("127.0.0.3");
    const std::string ack = caller_request(n, "ACK", 1, caller_ok);
    const std::string bye = caller_request(n, "BYE", 2, caller_ok);
    state.ResumeTiming();
    lab.from_caller(ack);
    lab.from_caller(bye);
    state.PauseTiming();
    const std::string bye_ok = callee_answer(lab.last_to("127.0.0.4"), 200, false);
    state.ResumeTiming();
    lab.from_callee(bye_ok);
    if (n % 1024 == 0) lab.expire();  // transactions end as their timers run out
    state.PauseTiming();
    lab.forget_sent();
    state.ResumeTiming();
  }
  lab.expire();
  if (lab.active_calls() != 0) state.SkipWithError("calls left behind");
  state.SetItemsProcessed(state.iterations());
  state.counters["calls/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CallThroughB2bua)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
