// Feeds arbitrary frames to the decoder under every supported link type, with an RTP
// analyser behind it: untrusted capture bytes must never crash, hang or read out of
// bounds. The first input byte picks the link type, the second how the rest is split
// into frames, so TCP and fragment reassembly see sequences of packets.

#include <pcap/pcap.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "harness/analysis/rtp_analyzer.h"
#include "harness/capture/packet_decoder.h"

namespace {

using namespace sipconf::harness;

class FuzzVisitor : public PayloadVisitor {
 public:
  void on_datagram(const Datagram& d) override { rtp.on_datagram(d); }
  void on_tcp_chunk(const TcpChunk& c) override { bytes += c.bytes.size(); }
  RtpAnalyzer rtp;
  size_t bytes = 0;
};

constexpr std::array kLinkTypes = {DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL,
                                   DLT_LOOP,   DLT_RAW,       DLT_IPV4,       DLT_IPV6};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const int link_type = kLinkTypes[data[0] % kLinkTypes.size()];
  const size_t frame_size = 20 + data[1];
  std::span<const uint8_t> rest(data + 2, size - 2);
  FuzzVisitor visitor;
  DecoderOptions options;
  options.tcp.max_buffered_bytes_per_direction = 4096;
  PacketDecoder decoder(link_type, visitor, options);
  uint64_t timestamp = 0;
  while (!rest.empty()) {
    const size_t n = std::min(frame_size, rest.size());
    RawFrame frame;
    frame.timestamp_ns = timestamp += 1'000'000;
    frame.bytes = rest.first(n);
    frame.wire_length = static_cast<uint32_t>(n + (rest[0] & 1));
    decoder.decode(frame);
    rest = rest.subspan(n);
  }
  decoder.finish();
  return 0;
}
