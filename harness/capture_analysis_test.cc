#include "harness/capture_analysis.h"

#include <fstream>

#include <gtest/gtest.h>

#include "harness/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;

CaptureAnalysis analyze(testing::CaptureFile& file, std::vector<IpAddress> middle = {}) {
  file.close();
  CaptureAnalysis analysis;
  std::string error;
  CaptureAnalysisOptions options;
  options.middle = std::move(middle);
  EXPECT_FALSE(analyze_capture_file(file.path(), options, analysis, error)) << error;
  return analysis;
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

TEST(CaptureAnalysis, AFileThatIsNotACapture) {
  const auto path = testing::temp_path("not-a-capture.pcap");
  {
    std::ofstream out(path);
    out << "INVITE sip:x SIP/2.0\r\n";
  }
  CaptureAnalysis analysis;
  std::string error;
  EXPECT_TRUE(analyze_capture_file(path, {}, analysis, error));
  EXPECT_NE(error.find(path.string()), std::string::npos) << error;
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace sipconf::harness
