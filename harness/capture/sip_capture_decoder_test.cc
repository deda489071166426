#include "harness/capture/sip_capture_decoder.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::bytes_of;
using testing::ep;

class Collect : public SipMessageSink {
 public:
  void on_sip_message(CapturedSipMessage&& m) override { messages.push_back(std::move(m)); }
  std::vector<CapturedSipMessage> messages;
};

class CountMedia : public PayloadVisitor {
 public:
  void on_datagram(const Datagram&) override { ++datagrams; }
  void on_tcp_chunk(const TcpChunk&) override {}
  int datagrams = 0;
};

const std::string kOptions =
    testing::sip_text("OPTIONS sip:b.test SIP/2.0",
                      {"Via: SIP/2.0/UDP 10.0.0.1:6060;branch=z9hG4bK1", "From: <sip:a@a>;tag=1",
                       "To: <sip:b@b>", "Call-ID: o1", "CSeq: 1 OPTIONS", "Max-Forwards: 70"});

TEST(SipCaptureDecoder, FindsSipOnAnyUdpPortAndPassesTheRestOn) {
  Collect sink;
  CountMedia media;
  SipCaptureDecoder decoder(sink, &media);
  Datagram d;
  d.timestamp_ns = 42;
  d.src = ep("10.0.0.1:6060");
  d.dst = ep("10.0.0.2:80");
  d.payload = bytes_of(kOptions);
  decoder.on_datagram(d);
  const std::string rtp("\x80\x00\x00\x01\x00\x00\x00\xa0\x00\x00\x00\x01payload", 19);
  d.payload = bytes_of(rtp);
  decoder.on_datagram(d);
  const std::string ping = "\r\n\r\n";
  d.payload = bytes_of(ping);
  decoder.on_datagram(d);
  const std::string garbage = "\xe5\xe4 sip:x SIP/2.0\r\nVia: x\r\n\r\n";
  d.payload = bytes_of(garbage);
  decoder.on_datagram(d);

  ASSERT_EQ(sink.messages.size(), 1u);
  const CapturedSipMessage& m = sink.messages[0];
  EXPECT_EQ(m.timestamp_ns, 42u);
  EXPECT_EQ(m.src, ep("10.0.0.1:6060"));
  EXPECT_EQ(m.transport, SipTransport::kUdp);
  EXPECT_EQ(m.facts.method, "OPTIONS");
  EXPECT_EQ(m.raw, kOptions);
  EXPECT_FALSE(m.parse_error);
  EXPECT_EQ(media.datagrams, 1);
  EXPECT_EQ(decoder.stats().udp_messages, 1u);
  EXPECT_EQ(decoder.stats().udp_keepalives, 1u);
  EXPECT_EQ(decoder.stats().malformed_start_lines, 1u);
}

TEST(SipCaptureDecoder, FramesTcpPerDirectionAndConnection) {
  Collect sink;
  SipCaptureDecoder decoder(sink, nullptr);
  std::string tcp_options = kOptions;
  const std::string response = testing::response(200, "OK", kOptions, "t2");
  TcpChunk chunk;
  chunk.flow_id = 1;
  chunk.src = ep("10.0.0.1:40000");
  chunk.dst = ep("10.0.0.2:5060");
  chunk.timestamp_ns = 1;
  const std::string both = tcp_options + tcp_options;
  const std::string head = both.substr(0, 100);
  chunk.bytes = bytes_of(head);
  decoder.on_tcp_chunk(chunk);
  EXPECT_TRUE(sink.messages.empty());
  TcpChunk reply = chunk;
  reply.direction = TcpDirection::kFromResponder;
  std::swap(reply.src, reply.dst);
  reply.timestamp_ns = 2;
  reply.bytes = bytes_of(response);
  decoder.on_tcp_chunk(reply);
  chunk.timestamp_ns = 3;
  const std::string rest = both.substr(100);
  chunk.bytes = bytes_of(rest);
  decoder.on_tcp_chunk(chunk);
  TcpFlowSummary end;
  end.flow_id = 1;
  decoder.on_tcp_flow_end(end);

  ASSERT_EQ(sink.messages.size(), 3u);
  EXPECT_EQ(sink.messages[0].facts.status, 200);
  EXPECT_EQ(sink.messages[0].timestamp_ns, 2u);
  EXPECT_EQ(sink.messages[0].src, ep("10.0.0.2:5060"));
  EXPECT_EQ(sink.messages[1].facts.method, "OPTIONS");
  EXPECT_EQ(sink.messages[1].timestamp_ns, 3u);
  EXPECT_EQ(sink.messages[1].transport, SipTransport::kTcp);
  EXPECT_EQ(sink.messages[1].tcp_flow_id, 1u);
  EXPECT_EQ(sink.messages[2].raw, kOptions);
  EXPECT_EQ(decoder.stats().tcp_messages, 3u);
  EXPECT_EQ(decoder.stats().tcp_sip_connections, 1u);
}

TEST(SipCaptureDecoder, KeepsMessagesTheLenientParserRejects) {
  // Content-Length beyond the datagram: rejected even leniently (RFC 4475 clerr), kept
  // as evidence with its facts.
  const std::string text =
      "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@a>;tag=1\r\n"
      "To: <sip:b@b>;tag=2\r\nCall-ID: c\r\nCSeq: 1 BYE\r\nContent-Length: 999\r\n\r\nshort";
  const CapturedSipMessage m = parse_captured_message(text, SipTransport::kUdp);
  EXPECT_TRUE(m.parse_error);
  EXPECT_EQ(m.facts.status, 200);
  EXPECT_EQ(m.facts.call_id, "c");
}

}  // namespace
}  // namespace sipconf::harness
