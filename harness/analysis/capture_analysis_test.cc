#include "harness/analysis/capture_analysis.h"

#include <fstream>

#include <gtest/gtest.h>

#include "harness/capture/capture_error.h"
#include "harness/capture/ip_packet.h"
#include "harness/testing/analysis_test_support.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

using testing::ep;

CaptureAnalysis analyze(testing::CaptureFile& file, std::vector<IpAddress> middle = {}) {
  file.close();
  base::Diagnostics diags;
  CaptureAnalysisOptions options;
  options.middle = std::move(middle);
  sip::Result<CaptureAnalysis> analysis = analyze_capture_file(file.path(), options, diags);
  EXPECT_TRUE(analysis) << testing::text_of(diags);
  EXPECT_TRUE(diags.empty()) << testing::text_of(diags);
  return analysis ? std::move(analysis).value() : CaptureAnalysis{};
}

// A whole B2BUA call with media on both legs, written as a pcap and read back: SIP,
// legs, pairing, latency, and RTP mapped to legs by the SDP.
TEST(CaptureAnalysis, AB2buaCallWithMedia) {
  testing::B2buaCall call;
  testing::CaptureFile file(testing::temp_path("b2bua.pcap"));
  file.add(testing::b2bua_call(call));
  const uint64_t media_start = 520'000;
  // Caller <-> SUT on the inbound leg, SUT <-> callee on the outbound one; 3 packets lost
  // from the callee.
  file.rtp(media_start, ep("127.0.0.20:20000"), ep("127.0.0.21:30002"), 0x1111, 50);
  file.rtp(media_start, ep("127.0.0.21:30000"), ep("127.0.0.22:40000"), 0x2222, 50);
  file.rtp(media_start, ep("127.0.0.22:40000"), ep("127.0.0.21:30000"), 0x3333, 50, 0,
           {10, 11, 12});
  const CaptureAnalysis a = analyze(file, {ep("127.0.0.21:1").ip});

  EXPECT_EQ(a.trace.messages().size(), 14u);
  ASSERT_EQ(a.trace.legs().size(), 2u);
  ASSERT_EQ(a.links.size(), 1u);
  ASSERT_EQ(a.calls.size(), 1u);
  EXPECT_EQ(a.metrics.transit.size(), 6u);
  EXPECT_EQ(a.metrics.transit_us(), std::vector<int64_t>(6, 300));
  EXPECT_EQ(a.metrics.calls[0].post_dial_delay_us, 10'600);
  EXPECT_TRUE(a.findings.empty()) << a.findings.front().rule << " " << a.findings.front().text;
  EXPECT_EQ(a.sip_time_us(a.trace.message(1).timestamp_ns()), 50);

  ASSERT_EQ(a.rtp.size(), 3u);
  EXPECT_EQ(a.rtp[0].leg, 0u);
  EXPECT_EQ(a.rtp[1].leg, 1u);
  EXPECT_EQ(a.rtp[2].leg, 1u);
  EXPECT_EQ(a.rtp[0].packets, 50u);
  EXPECT_EQ(a.rtp[2].packets, 47u);
  EXPECT_EQ(a.rtp[2].lost, 3);
  EXPECT_EQ(a.rtp[0].codec, "PCMU");
  EXPECT_EQ(a.rtp[0].payload_type, 0);
  EXPECT_TRUE(a.rtp[0].signalled);
  EXPECT_EQ(a.media.rtp_packets, 147u);
}

TEST(CaptureAnalysis, SipOverTcpSplitAcrossSegments) {
  testing::B2buaCall call;
  testing::CaptureFile file(testing::temp_path("tcp.pcap"));
  auto messages = testing::b2bua_call(call);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    // Every other message in two segments.
    file.tcp(messages[i].t_us, messages[i].src, messages[i].dst, messages[i].text,
             i % 2 == 0 ? 37 : 0);
  }
  const CaptureAnalysis a = analyze(file);
  ASSERT_EQ(a.trace.messages().size(), messages.size());
  for (std::size_t i = 0; i < messages.size(); ++i) {
    EXPECT_EQ(a.trace.message(i).captured.raw, messages[i].text) << i;
    EXPECT_EQ(a.trace.message(i).captured.transport, SipTransport::kTcp);
  }
  EXPECT_EQ(a.sip.tcp_messages, messages.size());
  EXPECT_EQ(a.links.size(), 1u);
}

TEST(CaptureAnalysis, Ipv6Addresses) {
  testing::B2buaCall call;
  call.caller = ep("[2001:db8::20]:5060");
  call.sut_in = ep("[2001:db8::21]:5070");
  call.sut_out = ep("[2001:db8::21]:5068");
  call.callee = ep("[2001:db8::22]:5060");
  testing::CaptureFile file(testing::temp_path("v6.pcap"));
  file.add(testing::b2bua_call(call));
  const CaptureAnalysis a = analyze(file, {call.sut_in.ip});
  EXPECT_EQ(a.trace.messages().size(), 14u);
  EXPECT_EQ(a.trace.legs()[0].caller, call.caller);
  EXPECT_EQ(a.links.size(), 1u);
  EXPECT_EQ(a.metrics.transit.size(), 6u);
}

// An INVITE with a large SDP body that IP fragmented: the capture layer reassembles it and
// the SIP decoder sees one datagram.
TEST(CaptureAnalysis, SipInIpFragments) {
  testing::LegIds ids;
  ids.call_id = "frag-1";
  std::string extra;
  for (int i = 0; i < 60; ++i) extra += fmt::format("a=x-padding:{:040d}\r\n", i);
  const std::string invite = testing::request("INVITE", "sip:bob@b", ids, 1, "z9hG4bK-f", {},
                                              testing::sdp_body("10.0.0.1", 4000, "0", extra));
  ASSERT_GT(invite.size(), 3000u);
  const Endpoint src = ep("10.0.0.1:5060");
  const Endpoint dst = ep("10.0.0.2:5060");
  const auto udp = build_udp(src, dst, testing::bytes_of(invite));
  testing::CaptureFile file(testing::temp_path("fragments.pcap"));
  const auto fragments = build_ip_fragments(src.ip, dst.ip, kIpProtoUdp, udp, 1400, 77);
  ASSERT_EQ(fragments.size(), 3u);
  // Out of order, as fragments sometimes arrive.
  file.frame(0, wrap_link(1, fragments[2]));
  file.frame(1, wrap_link(1, fragments[0]));
  file.frame(2, wrap_link(1, fragments[1]));
  const CaptureAnalysis a = analyze(file);
  ASSERT_EQ(a.trace.messages().size(), 1u);
  EXPECT_EQ(a.trace.message(0).captured.raw, invite);
  EXPECT_TRUE(a.trace.message(0).facts().sdp);
  EXPECT_EQ(a.packets.fragments.datagrams_reassembled, 1u);
}

// Segments out of order, one retransmitted, two messages in one segment: the stream is
// rebuilt once, in order.
TEST(CaptureAnalysis, TcpOutOfOrderAndRetransmitted) {
  testing::LegIds ids;
  ids.call_id = "tcp-1";
  ids.transport = "TCP";
  const std::string options = testing::request("OPTIONS", "sip:b", ids, 1, "z9hG4bK-t1");
  const std::string info = testing::request("INFO", "sip:b", ids, 2, "z9hG4bK-t2");
  const std::string stream = options + info + options.substr(0, 10);
  const Endpoint src = ep("10.0.0.1:40000");
  const Endpoint dst = ep("10.0.0.2:5060");
  auto segment = [&](uint32_t offset, std::size_t length, uint8_t flags = kTcpAck) {
    TcpFields fields;
    fields.seq = 1001 + offset;
    fields.flags = flags;
    return build_tcp_frame(src, dst, fields, testing::bytes_of(stream).subspan(offset, length));
  };
  TcpFields syn;
  syn.seq = 1000;
  syn.flags = kTcpSyn;
  testing::CaptureFile file(testing::temp_path("tcp-order.pcap"));
  file.frame(0, build_tcp_frame(src, dst, syn, {}));
  const uint32_t half = 100;
  file.frame(10, segment(half, stream.size() - half));  // the second part first
  file.frame(20, segment(0, half));                     // then the first
  file.frame(30, segment(0, half));                     // and the first again
  const CaptureAnalysis a = analyze(file);
  ASSERT_EQ(a.trace.messages().size(), 2u);
  EXPECT_EQ(a.trace.message(0).captured.raw, options);
  EXPECT_EQ(a.trace.message(1).captured.raw, info);
  EXPECT_EQ(a.trace.message(1).timestamp_ns(), testing::CaptureFile::kBase + 20'000);
  EXPECT_FALSE(a.trace.message(1).retransmission);
  EXPECT_EQ(a.packets.tcp.retransmitted_segments, 1u);
  // The 10 bytes of a third message never completed.
  EXPECT_EQ(a.sip.tcp_truncated, 1u);
}

TEST(CaptureAnalysis, AFileThatIsNotACapture) {
  const auto path = testing::temp_path("not-a-capture.pcap");
  {
    std::ofstream out(path);
    out << "INVITE sip:x SIP/2.0\r\n";
  }
  base::Diagnostics diags;
  EXPECT_EQ(analyze_capture_file(path, {}, diags).error(), CaptureErrc::kUnsupportedFileFormat);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, path);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sipconf::harness
