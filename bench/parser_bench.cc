// SIP parsing speed: our parser against libosip2's osip_message_parse, measured in the same
// run on the same messages. See bench/README.md for the command and the figures.
//
// Fairness: libosip2's full parse builds structures for Via, From, To, Call-ID, CSeq, Contact
// (and more) and keeps other headers as strings. Ours is measured as parse_message() plus
// typed access to exactly those headers (top Via branch, From and To tags, Call-ID, CSeq,
// Contact), once with every known header validated at parse time (Full) and once with typed
// parsing deferred to the access (Lazy, what the B2BUA does). Both copy the input once.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

extern "C" {
#include <osipparser2/osip_parser.h>
}

#include "sip/message/message_parser.h"
#include "sip/message/stream_framer.h"
#include "sip/message/typed_headers.h"

namespace {

using namespace sipconf::sip;

// Header section (without Content-Length) + body; Content-Length is appended to match.
std::string with_body(std::string head, std::string_view body) {
  return head + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

const std::string kInvite = with_body(
    "INVITE sip:+14255550100@gw.example.com:5068;user=phone SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 10.0.0.5:5067;branch=z9hG4bK6c1f7a1b5e3d40c2;rport\r\n"
    "Max-Forwards: 70\r\n"
    "From: \"Alice Example\" <sip:+14255550111@lync.example.com;user=phone>;tag=9a8b7c6d5e;"
    "epid=0a1b2c3d4e\r\n"
    "To: <sip:+14255550100@gw.example.com;user=phone>\r\n"
    "Call-ID: 7f3c9b2e-1f0a-4d1b-a7b1-3c2f0d9e8a77\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:mediation.example.com:5068;transport=tls;maddr=10.0.0.5>;isGateway\r\n"
    "Record-Route: <sip:pool1.example.com:5061;transport=tls;lr>\r\n"
    "Supported: timer, 100rel, replaces, histinfo\r\n"
    "Allow: INVITE, ACK, CANCEL, BYE, PRACK, UPDATE, OPTIONS, REFER, NOTIFY\r\n"
    "Session-Expires: 1800;refresher=uac\r\n"
    "Min-SE: 90\r\n"
    "P-Asserted-Identity: <sip:+14255550111@lync.example.com;user=phone>\r\n"
    "User-Agent: RTCC/5.0.0.0 MediationServer\r\n"
    "Content-Type: application/sdp\r\n",
    "v=0\r\n"
    "o=- 2890844526 2890844526 IN IP4 10.0.0.5\r\n"
    "s=session\r\n"
    "c=IN IP4 10.0.0.5\r\n"
    "b=CT:1000\r\n"
    "t=0 0\r\n"
    "m=audio 52000 RTP/AVP 0 8 101 13\r\n"
    "c=IN IP4 10.0.0.5\r\n"
    "a=rtcp:52001\r\n"
    "a=label:Audio\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:8 PCMA/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=rtpmap:13 CN/8000\r\n"
    "a=ptime:20\r\n"
    "a=sendrecv\r\n");

const std::string kOk = with_body(
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/TLS 10.0.0.5:5067;branch=z9hG4bK6c1f7a1b5e3d40c2;rport=5067;"
    "received=10.0.0.5\r\n"
    "Record-Route: <sip:pool1.example.com:5061;transport=tls;lr>\r\n"
    "From: \"Alice Example\" <sip:+14255550111@lync.example.com;user=phone>;tag=9a8b7c6d5e;"
    "epid=0a1b2c3d4e\r\n"
    "To: <sip:+14255550100@gw.example.com;user=phone>;tag=as5f8e2b71\r\n"
    "Call-ID: 7f3c9b2e-1f0a-4d1b-a7b1-3c2f0d9e8a77\r\n"
    "CSeq: 1 INVITE\r\n"
    "Contact: <sip:+14255550100@192.0.2.10:5068;transport=tls>\r\n"
    "Supported: timer, replaces\r\n"
    "Session-Expires: 1800;refresher=uac\r\n"
    "Server: ExampleGateway/15.0\r\n"
    "Content-Type: application/sdp\r\n",
    "v=0\r\n"
    "o=gw 1234 1234 IN IP4 192.0.2.10\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.10\r\n"
    "t=0 0\r\n"
    "m=audio 20000 RTP/AVP 0 101\r\n"
    "a=rtpmap:0 PCMU/8000\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=ptime:20\r\n");

const std::string kAck = with_body(
    "ACK sip:+14255550100@192.0.2.10:5068;transport=tls SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 10.0.0.5:5067;branch=z9hG4bK0d1e2f3a4b5c6d7e;rport\r\n"
    "Max-Forwards: 70\r\n"
    "Route: <sip:pool1.example.com:5061;transport=tls;lr>\r\n"
    "From: \"Alice Example\" <sip:+14255550111@lync.example.com;user=phone>;tag=9a8b7c6d5e;"
    "epid=0a1b2c3d4e\r\n"
    "To: <sip:+14255550100@gw.example.com;user=phone>;tag=as5f8e2b71\r\n"
    "Call-ID: 7f3c9b2e-1f0a-4d1b-a7b1-3c2f0d9e8a77\r\n"
    "CSeq: 1 ACK\r\n"
    "Contact: <sip:mediation.example.com:5068;transport=tls;maddr=10.0.0.5>;isGateway\r\n"
    "",
    "");

const std::string& message(int which) {
  switch (which) {
    case 0:
      return kInvite;
    case 1:
      return kOk;
    default:
      return kAck;
  }
}

// The typed access a B2BUA needs, read the way it reads them (the message keeps top Via,
// From, To and CSeq parsed; readers hold references); returns something derived from every
// value so the compiler cannot drop the work.
std::size_t b2bua_access(const Message& m) {
  std::size_t n = 0;
  const auto& via = top_via(m);
  if (via && via->branch()) n += via->branch()->size();
  const auto& f = from(m);
  if (f && f->tag()) n += f->tag()->size();
  const auto& t = to(m);
  if (t && t->tag()) n += t->tag()->size();
  auto id = call_id(m);
  if (id) n += id->size();
  const auto& c = cseq(m);
  if (c) n += c->number;
  auto contact = contacts(m);
  if (contact && !contact->contacts.empty()) n += contact->contacts[0].uri().host().size();
  return n;
}

void run_ours(benchmark::State& state, bool validate) {
  const std::string& bytes = message(static_cast<int>(state.range(0)));
  ParseOptions options;
  options.validate_headers = validate;
  for (auto _ : state) {
    ParseResult r = parse_message(std::string_view(bytes), options);
    if (!r.ok()) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(b2bua_access(*r.message));
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}

void BM_Ours_Full(benchmark::State& state) { run_ours(state, true); }
void BM_Ours_Lazy(benchmark::State& state) { run_ours(state, false); }

void BM_Osip(benchmark::State& state) {
  const std::string& bytes = message(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    osip_message_t* sip = nullptr;
    osip_message_init(&sip);
    if (osip_message_parse(sip, bytes.data(), bytes.size()) != 0) {
      state.SkipWithError("osip_message_parse failed");
    }
    std::size_t n = 0;
    char branch[] = "branch";  // osip's lookups take char*
    char tag[] = "tag";
    osip_via_t* via = nullptr;
    osip_generic_param_t* param = nullptr;
    if (osip_message_get_via(sip, 0, &via) >= 0 && via != nullptr &&
        osip_via_param_get_byname(via, branch, &param) >= 0 && param && param->gvalue) {
      n += std::char_traits<char>::length(param->gvalue);
    }
    if (sip->from && osip_generic_param_get_byname(&sip->from->gen_params, tag, &param) >= 0 &&
        param && param->gvalue) {
      n += 1;
    }
    if (sip->to && osip_generic_param_get_byname(&sip->to->gen_params, tag, &param) >= 0 && param &&
        param->gvalue) {
      n += 1;
    }
    if (sip->call_id && sip->call_id->number) n += 1;
    if (sip->cseq && sip->cseq->number) n += 1;
    osip_contact_t* contact = nullptr;
    if (osip_message_get_contact(sip, 0, &contact) >= 0 && contact && contact->url) n += 1;
    benchmark::DoNotOptimize(n);
    osip_message_free(sip);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes.size()));
}

// Framing plus header indexing over a TCP-like stream of the three messages: what the
// transport does before anyone reads a header.
void BM_Ours_FrameAndIndex(benchmark::State& state) {
  std::string stream;
  std::size_t per_round = 0;
  while (stream.size() < 256 * 1024) {
    stream += kInvite + kOk + kAck;
    per_round += 3;
  }
  ParseOptions options;
  options.framing = Framing::stream;
  options.validate_headers = false;
  options.check_cseq_method = false;
  std::size_t headers = 0;
  for (auto _ : state) {
    StreamFramer framer;
    framer.feed(stream);
    std::string frame;
    std::error_code ec;
    while (framer.next(frame, ec) == FrameStatus::message) {
      ParseResult r = parse_message(std::move(frame), options);
      headers += r.message->header_count();
    }
  }
  benchmark::DoNotOptimize(headers);
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(per_round));
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(stream.size()));
}

void names(benchmark::internal::Benchmark* b) {
  b->ArgName("msg");
  for (int i = 0; i < 3; ++i) b->Arg(i);
}

BENCHMARK(BM_Ours_Full)->Apply(names);
BENCHMARK(BM_Ours_Lazy)->Apply(names);
BENCHMARK(BM_Osip)->Apply(names);
BENCHMARK(BM_Ours_FrameAndIndex);

/// Prints the usual table, then ours / libosip2 per message from the same run.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      auto it = r.counters.find("items_per_second");
      if (it == r.counters.end()) continue;
      // With --benchmark_repetitions the median is the figure; otherwise the single run.
      if (r.run_type == Run::RT_Aggregate && r.aggregate_name == "median") {
        medians_[r.run_name.str()] = it->second.value;
      } else if (r.run_type == Run::RT_Iteration) {
        rates_[r.run_name.str()] = it->second.value;
      }
    }
  }
  double rate(const std::string& name) {
    auto m = medians_.find(name);
    return m != medians_.end() ? m->second : rates_[name];
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    const char* labels[] = {"INVITE+SDP", "200 OK+SDP", "ACK"};
    std::printf(
        "\nmessages/s, same run        ours(full)  ours(lazy)    libosip2  full/osip  lazy/osip\n");
    for (int i = 0; i < 3; ++i) {
      std::string arg = "/msg:" + std::to_string(i);
      double full = rate("BM_Ours_Full" + arg);
      double lazy = rate("BM_Ours_Lazy" + arg);
      double osip = rate("BM_Osip" + arg);
      if (osip <= 0) continue;
      std::string label = std::string(labels[i]) + " (" + std::to_string(message(i).size()) + " B)";
      std::printf("%-26s %11.0f %11.0f %11.0f %9.2fx %9.2fx\n", label.c_str(), full, lazy, osip,
                  full / osip, lazy / osip);
    }
  }

 private:
  std::map<std::string, double> rates_;
  std::map<std::string, double> medians_;
};

}  // namespace

int main(int argc, char** argv) {
  parser_init();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
