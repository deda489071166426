// Measures how fast captures are read and decoded below SIP (link, IP, UDP, TCP
// reassembly, RTP statistics), and times `tshark -r FILE -q` on the same file in the
// same run as the anchor. See bench/README.md.
//
//   packet_reader_bench [--capture FILE] [--size-mb 100] [--repeat 3] [--no-tshark]
//
// Without --capture it writes a synthetic trunk capture of about --size-mb MB (SIP over
// UDP and TCP, two G.711 streams and RTCP per call: >95 % RTP, like real call captures).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/process.hpp>

#include "harness/analysis/rtp_analyzer.h"
#include "harness/capture/pcap_file_reader.h"
#include "harness/capture/pcap_writer.h"
#include "harness/testing/frame_builder.h"
#include "harness/testing/tshark_process.h"

namespace {

using namespace sipconf::harness;
namespace base = sipconf::base;
using Clock = std::chrono::steady_clock;

/// What `sipconf analyze` will do below SIP: RTP statistics on every datagram, and
/// touching every reassembled TCP byte.
class BenchVisitor : public PayloadVisitor {
 public:
  void on_datagram(const Datagram& d) override {
    ++datagrams;
    rtp.on_datagram(d);
  }
  void on_tcp_chunk(const TcpChunk& c) override { tcp_bytes += c.bytes.size(); }
  RtpAnalyzer rtp;
  uint64_t datagrams = 0;
  uint64_t tcp_bytes = 0;
};

/// An INVITE or 200 OK whose SDP names the call's media address, as on a real trunk
/// (tshark then dissects the media as RTP, as it would in a field capture).
std::string sip_message(const std::string& start_line, int call, uint32_t cseq,
                        const Endpoint& media) {
  const std::string sdp = fmt::format(
      "v=0\r\no=- {} 1 IN IP4 {}\r\ns=-\r\nc=IN IP4 {}\r\nt=0 0\r\n"
      "m=audio {} RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\n",
      call, media.ip.to_string(), media.ip.to_string(), media.port);
  return fmt::format(
      "{}\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK{:08x}\r\nFrom: <sip:+1555{:07}@a>;"
      "tag={}\r\nTo: <sip:+1666{:07}@b>\r\nCall-ID: {}@bench\r\nCSeq: {} INVITE\r\n"
      "Contact: <sip:10.0.0.1:5060>\r\nContent-Type: application/sdp\r\n"
      "Content-Length: {}\r\n\r\n{}",
      start_line, call * 7919 + cseq, call, call, call, call, cseq, sdp.size(), sdp);
}

/// Writes a synthetic capture of about `target_bytes`; returns its frame count.
uint64_t synthesize(const std::filesystem::path& path, uint64_t target_bytes) {
  base::Diagnostics diags;
  auto writer = PcapWriter::create(path, {}, diags);
  if (!writer) {
    for (const base::Diagnostic& d : diags) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    std::exit(1);
  }
  constexpr int kCalls = 50;
  constexpr int kRtpBytes = 160;
  const std::vector<uint8_t> audio(kRtpBytes, 0xD5);
  std::vector<uint8_t> rtp(12 + kRtpBytes);
  std::copy(audio.begin(), audio.end(), rtp.begin() + 12);
  uint64_t written = 24;
  uint64_t frames = 0;
  uint64_t now = 1'700'000'000'000'000'000ULL;
  const Endpoint proxy = *Endpoint::parse("10.0.0.1:5060");
  const Endpoint gateway = *Endpoint::parse("10.0.0.2:5060");
  const IpAddress media_a = *IpAddress::parse("10.1.0.1");
  const IpAddress media_b = *IpAddress::parse("10.2.0.1");
  std::vector<uint32_t> tcp_seq(kCalls, 1);
  std::vector<uint32_t> reply_seq(kCalls, 1);
  auto emit = [&](const std::vector<uint8_t>& frame) {
    writer->write(now, frame);
    written += 16 + frame.size();
    ++frames;
  };
  // The condition goes through a lambda: `written` grows inside `emit`, which clang's
  // loop analysis cannot see.
  auto full = [&] { return written >= target_bytes; };
  for (uint32_t tick = 0; !full(); ++tick) {
    for (int call = 0; call < kCalls && !full(); ++call) {
      now += 20'000'000 / kCalls;  // each call sends every 20 ms, the calls interleaved
      const Endpoint a{media_a, static_cast<uint16_t>(20000 + 2 * call)};
      const Endpoint b{media_b, static_cast<uint16_t>(30000 + 2 * call)};
      for (int direction = 0; direction < 2; ++direction) {
        rtp[0] = 0x80;
        rtp[1] = direction == 0 ? 0 : 8;
        const uint16_t seq = static_cast<uint16_t>(tick + call * 1000);
        rtp[2] = static_cast<uint8_t>(seq >> 8);
        rtp[3] = static_cast<uint8_t>(seq);
        const uint32_t ts = tick * 160;
        for (int i = 0; i < 4; ++i) rtp[4 + i] = static_cast<uint8_t>(ts >> (24 - 8 * i));
        const uint32_t ssrc = 0x10000 + call * 2 + direction;
        for (int i = 0; i < 4; ++i) rtp[8 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
        emit(direction == 0 ? build_udp_frame(a, b, rtp) : build_udp_frame(b, a, rtp));
      }
      if (tick % 250 == static_cast<uint32_t>(call) % 250) {  // SIP every 5 s per call
        const std::string invite = sip_message("INVITE sip:+1666@b SIP/2.0", call, tick, a);
        const std::string ok = sip_message("SIP/2.0 200 OK", call, tick, b);
        const auto bytes = [](const std::string& m) {
          return std::span(reinterpret_cast<const uint8_t*>(m.data()), m.size());
        };
        if (call % 2 == 0) {
          emit(build_udp_frame(proxy, gateway, bytes(invite)));
          emit(build_udp_frame(gateway, proxy, bytes(ok)));
        } else {
          const Endpoint client{proxy.ip, static_cast<uint16_t>(40000 + call)};
          const size_t half = invite.size() / 2;  // one message over two segments
          TcpFields up{tcp_seq[call], reply_seq[call], kTcpAck};
          emit(build_tcp_frame(client, gateway, up, bytes(invite).first(half)));
          up.seq += static_cast<uint32_t>(half);
          emit(build_tcp_frame(client, gateway, up, bytes(invite).subspan(half)));
          tcp_seq[call] += static_cast<uint32_t>(invite.size());
          const TcpFields down{reply_seq[call], tcp_seq[call], kTcpAck};
          emit(build_tcp_frame(gateway, client, down, bytes(ok)));
          reply_seq[call] += static_cast<uint32_t>(ok.size());
        }
      }
    }
  }
  if (writer->close()) {
    std::fprintf(stderr, "%s: write failed\n", path.c_str());
    std::exit(1);
  }
  return frames;
}

struct Run {
  double seconds = 0;
  uint64_t frames = 0;
  uint64_t bytes = 0;  ///< Captured bytes seen, so the read loop cannot be optimised away.
};

Run read_only(const std::filesystem::path& path) {
  base::Diagnostics diags;
  const auto start = Clock::now();
  auto reader = PcapFileReader::open(path, diags);
  if (!reader) {
    for (const base::Diagnostic& d : diags) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    std::exit(1);
  }
  RawFrame frame;
  uint64_t bytes = 0;
  while (reader->next(frame, diags).value_or(PcapFileReader::Next::kEnd) ==
         PcapFileReader::Next::kFrame) {
    bytes += frame.bytes.size();
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return {seconds, reader->frames_read(), bytes};
}

Run decode_all(const std::filesystem::path& path, BenchVisitor& visitor) {
  DecodeStats stats;
  base::Diagnostics diags;
  const auto start = Clock::now();
  if (decode_capture_file(path, visitor, &stats, diags)) {
    for (const base::Diagnostic& d : diags) std::fprintf(stderr, "%s\n", d.to_string().c_str());
    std::exit(1);
  }
  return {std::chrono::duration<double>(Clock::now() - start).count(), stats.frames,
          stats.captured_bytes};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Capture reading and decoding speed, with tshark as the anchor"};
  std::string capture;
  int size_mb = 100;
  int repeat = 3;
  bool no_tshark = false;
  app.add_option("--capture", capture, "pcap/pcapng to read (default: synthesize one)");
  app.add_option("--size-mb", size_mb, "size of the synthetic capture")->check(CLI::Range(1, 4096));
  app.add_option("--repeat", repeat, "runs of our reader; the best is reported")
      ->check(CLI::Range(1, 100));
  app.add_flag("--no-tshark", no_tshark, "skip the tshark anchor");
  CLI11_PARSE(app, argc, argv);

  std::filesystem::path path = capture;
  if (capture.empty()) {
    path = std::filesystem::temp_directory_path() / fmt::format("sipconf-bench-{}mb.pcap", size_mb);
    const auto start = Clock::now();
    const uint64_t frames = synthesize(path, static_cast<uint64_t>(size_mb) << 20);
    std::printf("synthesized %s: %llu frames in %.1f s\n", path.c_str(),
                static_cast<unsigned long long>(frames),
                std::chrono::duration<double>(Clock::now() - start).count());
  }
  const double megabytes = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  std::printf("capture: %s (%.1f MB)\n", path.c_str(), megabytes);

  Run best_read{1e9, 0, 0};
  Run best_decode{1e9, 0, 0};
  uint64_t datagrams = 0;
  uint64_t rtp_packets = 0;
  uint64_t tcp_bytes = 0;
  for (int i = 0; i < repeat; ++i) {
    const Run r = read_only(path);
    if (r.seconds < best_read.seconds) best_read = r;
    BenchVisitor visitor;
    const Run d = decode_all(path, visitor);
    if (d.seconds < best_decode.seconds) best_decode = d;
    datagrams = visitor.datagrams;
    rtp_packets = visitor.rtp.stats().rtp_packets;
    tcp_bytes = visitor.tcp_bytes;
  }
  auto report = [&](const char* what, const Run& r) {
    std::printf("%-34s %8.3f s %9.1f MB/s %12.0f packets/s\n", what, r.seconds,
                megabytes / r.seconds, static_cast<double>(r.frames) / r.seconds);
  };
  report("sipconf libpcap read only", best_read);
  report("sipconf decode+reassembly+RTP", best_decode);
  std::printf("  (%llu frames, %llu UDP datagrams, %llu RTP packets, %llu TCP stream bytes)\n",
              static_cast<unsigned long long>(best_decode.frames),
              static_cast<unsigned long long>(datagrams),
              static_cast<unsigned long long>(rtp_packets),
              static_cast<unsigned long long>(tcp_bytes));

  if (no_tshark) return 0;
  const auto tshark = find_tshark();
  if (tshark.empty()) {
    std::printf("anchor skipped: %s\n", kTsharkMissing);
    return 0;
  }
  // Two anchors: tshark's plain read (dissection without output), and tshark computing
  // the same per-stream RTP statistics we do.
  namespace bp = boost::process;
  auto time_tshark = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"-r", path.string(), "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto start = Clock::now();
    const int rc =
        bp::system(tshark.string(), bp::args(args), bp::std_out > bp::null, bp::std_err > bp::null);
    if (rc != 0) {
      std::printf("anchor failed: tshark exited with status %d\n", rc);
      std::exit(1);
    }
    return Run{std::chrono::duration<double>(Clock::now() - start).count(), best_decode.frames, 0};
  };
  const Run plain = time_tshark({});
  report("anchor: tshark -r FILE -q", plain);
  const Run streams = time_tshark({"-z", "rtp,streams"});
  report("anchor: tshark -q -z rtp,streams", streams);
  std::printf("sipconf decode+reassembly+RTP vs tshark -q: %.1fx, vs tshark rtp,streams: %.1fx\n",
              plain.seconds / best_decode.seconds, streams.seconds / best_decode.seconds);
  return 0;
}
