// Feeds arbitrary bytes through the SIP side of capture analysis: start-line detection,
// TCP framing with gaps, lenient parsing, transactions, legs, pairing, call metrics and
// findings. Untrusted capture payloads must never crash, hang or read out of bounds. The
// first input byte sets the chunk size; each chunk's first byte says whether it is a UDP
// datagram, TCP bytes of one of two connections, or TCP bytes after a gap.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "harness/analysis/call_metrics.h"
#include "harness/analysis/findings.h"
#include "harness/analysis/leg_pairing.h"
#include "harness/analysis/sip_trace.h"
#include "harness/capture/sip_capture_decoder.h"

namespace {

using namespace sipconf::harness;

Endpoint endpoint(uint8_t host, uint16_t port) {
  const uint8_t bytes[4] = {127, 0, 0, host};
  return {IpAddress::v4(bytes), port};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const size_t chunk_size = 2 + data[0] * 4;
  std::span<const uint8_t> rest(data + 1, size - 1);
  SipTrace trace;
  SipCaptureDecoder decoder(trace, nullptr);
  uint64_t timestamp = 1'000'000'000;
  uint64_t offsets[2] = {0, 0};
  while (!rest.empty()) {
    const size_t n = std::min(chunk_size, rest.size());
    const uint8_t control = rest[0];
    const std::span<const uint8_t> payload = rest.subspan(1, n - 1);
    timestamp += 1000 * (1 + (control >> 4));
    const bool reverse = (control & 2) != 0;
    const Endpoint a = endpoint(10 + (control >> 6), 5060);
    const Endpoint b = endpoint(20, 5070);
    if ((control & 1) == 0) {
      Datagram d;
      d.timestamp_ns = timestamp;
      d.src = reverse ? b : a;
      d.dst = reverse ? a : b;
      d.payload = payload;
      decoder.on_datagram(d);
    } else {
      TcpChunk c;
      c.flow_id = 1 + ((control >> 2) & 1);
      c.direction = reverse ? TcpDirection::kFromResponder : TcpDirection::kFromInitiator;
      c.timestamp_ns = timestamp;
      c.src = reverse ? b : a;
      c.dst = reverse ? a : b;
      c.gap_before = (control & 8) != 0;
      c.stream_offset = offsets[reverse ? 1 : 0];
      c.bytes = payload;
      offsets[reverse ? 1 : 0] += payload.size();
      decoder.on_tcp_chunk(c);
    }
    rest = rest.subspan(n);
  }
  decoder.finish();
  const auto links = pair_legs(trace.legs(), {});
  const auto calls = chain_calls(trace.legs(), links);
  const CallMetrics metrics = compute_call_metrics(trace, links, calls);
  FindingOptions options;
  options.capture_start_ns = 1'000'000'000;
  options.capture_end_ns = timestamp;
  const auto findings = find_violations(trace, options);
  return static_cast<int>(metrics.transit.size() + findings.size()) & 0;
}
