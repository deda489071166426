#include "harness/capture/tcp_stream_reassembler.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/testing/capture_test_support.h"

namespace sipconf::harness {
namespace {

using testing::RecordingVisitor;

const Endpoint kClient = *Endpoint::parse("10.0.0.1:40000");
const Endpoint kServer = *Endpoint::parse("10.0.0.2:5060");
constexpr auto kUp = TcpDirection::kFromInitiator;
constexpr auto kDown = TcpDirection::kFromResponder;

class TcpStreamReassemblerTest : public ::testing::Test {
 protected:
  /// Feeds one segment; `payload` must outlive the call only.
  void send(const Endpoint& src, const Endpoint& dst, uint32_t seq, uint32_t ack, uint8_t flags,
            const std::string& payload, uint64_t ts = 0) {
    TcpSegment s;
    s.timestamp_ns = ts != 0 ? ts : ++clock_;
    clock_ = std::max(clock_, s.timestamp_ns);
    s.src = src;
    s.dst = dst;
    s.seq = seq;
    s.ack = ack;
    s.flags = flags;
    s.payload = testing::bytes_of(payload);
    last_payload_ = s.payload.data();
    reassembler_.add(s);
  }
  void up(uint32_t seq, const std::string& payload, uint8_t flags = kTcpAck, uint32_t ack = 0,
          uint64_t ts = 0) {
    send(kClient, kServer, seq, ack, flags, payload, ts);
  }
  void down(uint32_t seq, const std::string& payload, uint8_t flags = kTcpAck, uint32_t ack = 0,
            uint64_t ts = 0) {
    send(kServer, kClient, seq, ack, flags, payload, ts);
  }
  void handshake(uint32_t client_isn, uint32_t server_isn) {
    up(client_isn, "", kTcpSyn);
    down(server_isn, "", kTcpSyn | kTcpAck, client_isn + 1);
    up(client_isn + 1, "", kTcpAck, server_isn + 1);
  }

  RecordingVisitor visitor_;
  TcpReassemblyOptions options_;
  TcpStreamReassembler reassembler_{visitor_, options_};
  uint64_t clock_ = 1000;
  const uint8_t* last_payload_ = nullptr;
};

TEST_F(TcpStreamReassemblerTest, InOrderDataIsDeliveredWithoutCopyingAndFinEndsTheFlow) {
  handshake(1000, 5000);
  const std::string invite = "INVITE sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n";
  up(1001, invite, kTcpAck | 0x08, 5001);
  ASSERT_EQ(visitor_.chunks.size(), 1u);
  EXPECT_EQ(visitor_.chunks[0].data, last_payload_);  // a view of the caller's buffer
  EXPECT_EQ(visitor_.chunks[0].bytes, invite);
  EXPECT_FALSE(visitor_.chunks[0].gap_before);
  EXPECT_EQ(visitor_.chunks[0].stream_offset, 0u);
  EXPECT_EQ(visitor_.chunks[0].src, kClient);
  EXPECT_EQ(visitor_.chunks[0].direction, kUp);
  down(5001, "SIP/2.0 100 Trying\r\n\r\n", kTcpAck, 1001 + invite.size());
  up(1001 + invite.size(), "", kTcpAck | kTcpFin, 5023);
  EXPECT_TRUE(visitor_.flows.empty());
  down(5023, "", kTcpAck | kTcpFin, 1002 + invite.size());
  ASSERT_EQ(visitor_.flows.size(), 1u);
  const TcpFlowSummary& f = visitor_.flows[0];
  EXPECT_EQ(f.end, TcpFlowEnd::kFin);
  EXPECT_TRUE(f.handshake_seen);
  EXPECT_EQ(f.initiator, kClient);
  EXPECT_EQ(f.responder, kServer);
  EXPECT_EQ(f.bytes[0], invite.size());
  EXPECT_EQ(f.bytes[1], 22u);
  EXPECT_EQ(visitor_.stream(1, kDown), "SIP/2.0 100 Trying\r\n\r\n");
  // The last ACK of a closed connection creates nothing.
  up(1002 + invite.size(), "", kTcpAck, 5024);
  EXPECT_EQ(reassembler_.stats().flows, 1u);
  EXPECT_EQ(reassembler_.stats().segments_without_flow, 0u);
}

TEST_F(TcpStreamReassemblerTest, OutOfOrderSegmentsWaitForTheHoleToFill) {
  handshake(0, 0);
  up(11, "world", kTcpAck, 1, 2000);
  EXPECT_TRUE(visitor_.chunks.empty());
  up(1, "hello, ", kTcpAck, 1, 3000);
  EXPECT_EQ(visitor_.stream(1, kUp), "hello, ");
  up(8, "big", kTcpAck, 1, 4000);
  EXPECT_EQ(visitor_.stream(1, kUp), "hello, bigworld");
  ASSERT_EQ(visitor_.chunks.size(), 3u);
  EXPECT_EQ(visitor_.chunks[2].bytes, "world");
  EXPECT_EQ(visitor_.chunks[2].timestamp_ns, 4000u);  // available once the hole was filled
  EXPECT_EQ(visitor_.chunks[2].stream_offset, 10u);
  EXPECT_EQ(reassembler_.stats().out_of_order_segments, 1u);
  EXPECT_EQ(reassembler_.stats().gaps, 0u);
}

TEST_F(TcpStreamReassemblerTest, RetransmissionsAreDeliveredOnce) {
  handshake(100, 200);
  up(101, "REGISTER");
  up(101, "REGISTER");
  up(109, " sip:x");
  up(101, "REGISTER sip:x");  // covers both, nothing new
  EXPECT_EQ(visitor_.stream(1, kUp), "REGISTER sip:x");
  EXPECT_EQ(reassembler_.stats().retransmitted_segments, 2u);
}

TEST_F(TcpStreamReassemblerTest, OverlapsKeepTheFirstCopyOfEveryByte) {
  handshake(0, 0);
  up(1, "0123456789");
  up(6, "56789ABCDE");  // [5,15): only ABCDE is new
  EXPECT_EQ(visitor_.stream(1, kUp), "0123456789ABCDE");
  EXPECT_EQ(reassembler_.stats().overlapping_segments, 1u);

  // Buffered overlaps too: [20,25) arrives first, then [18,28) with other bytes.
  up(21, "vwxyz");
  up(19, "IJKLMNOPQR");
  up(16, "FGH");
  EXPECT_EQ(visitor_.stream(1, kUp), "0123456789ABCDEFGHIJvwxyzPQR");
}

TEST_F(TcpStreamReassemblerTest, SequenceNumbersWrapAround) {
  const uint32_t isn = 0xFFFFFFF0u;
  handshake(isn, 7);
  up(isn + 1, "aaaaaaaaaa");   // 0xFFFFFFF1..0xFFFFFFFA
  up(isn + 21, "cccccccccc");  // wraps: 0x00000005.., out of order
  up(isn + 11, "bbbbbbbbbb");  // 0xFFFFFFFB..0x00000004
  EXPECT_EQ(visitor_.stream(1, kUp), "aaaaaaaaaabbbbbbbbbbcccccccccc");
  EXPECT_EQ(reassembler_.stats().gaps, 0u);
  EXPECT_EQ(visitor_.chunks.back().stream_offset, 20u);
}

TEST_F(TcpStreamReassemblerTest, MidStreamStartIsFlaggedAsAGap) {
  down(777, "tail of a message\r\n\r\nSIP/2.0 200 OK\r\n");
  up(555, "ACK sip:x SIP/2.0\r\n", kTcpAck, 777 + 37);
  ASSERT_EQ(visitor_.chunks.size(), 2u);
  EXPECT_TRUE(visitor_.chunks[0].gap_before);
  EXPECT_TRUE(visitor_.chunks[1].gap_before);
  // Without a SYN, the sender of the first segment is taken as the initiator.
  EXPECT_EQ(visitor_.chunks[0].direction, kUp);
  EXPECT_EQ(visitor_.chunks[0].src, kServer);
  EXPECT_EQ(reassembler_.stats().flows_started_midstream, 1u);
  reassembler_.finish();
  ASSERT_EQ(visitor_.flows.size(), 1u);
  EXPECT_FALSE(visitor_.flows[0].handshake_seen);
  EXPECT_EQ(visitor_.flows[0].end, TcpFlowEnd::kEndOfCapture);
  EXPECT_EQ(visitor_.flows[0].gaps[0], 0u);  // the unknown start is not a counted gap
}

TEST_F(TcpStreamReassemblerTest, SynAckSeenFirstNamesItsReceiverAsInitiator) {
  down(9000, "", kTcpSyn | kTcpAck, 101);
  up(101, "OPTIONS", kTcpAck, 9001);
  ASSERT_EQ(visitor_.chunks.size(), 1u);
  EXPECT_EQ(visitor_.chunks[0].direction, kUp);
  EXPECT_EQ(visitor_.chunks[0].src, kClient);
  EXPECT_TRUE(visitor_.chunks[0].gap_before);  // the client's SYN was not seen
}

TEST_F(TcpStreamReassemblerTest, APeerAckBeyondAHoleProvesTheBytesLost) {
  handshake(0, 0);
  up(1, "first.");
  up(13, "third.");  // [6,12) "second" was lost from the capture
  EXPECT_EQ(visitor_.stream(1, kUp), "first.");
  down(1, "", kTcpAck, 19);  // the server received everything up to 18
  EXPECT_EQ(visitor_.stream(1, kUp), "first.<gap>third.");
  EXPECT_TRUE(visitor_.chunks.back().gap_before);
  EXPECT_EQ(visitor_.chunks.back().stream_offset, 12u);
  EXPECT_EQ(reassembler_.stats().gaps, 1u);
  EXPECT_EQ(reassembler_.stats().gap_bytes, 6u);
  up(19, "fourth");
  EXPECT_FALSE(visitor_.chunks.back().gap_before);
  // A late copy of the lost bytes changes nothing.
  up(7, "second");
  EXPECT_EQ(visitor_.stream(1, kUp), "first.<gap>third.fourth");
}

TEST_F(TcpStreamReassemblerTest, WithoutAcksAHoleIsSkippedAfterTheGapTimeout) {
  handshake(0, 0);
  up(1, "one");
  send(kClient, kServer, 7, 0, kTcpAck, "three", 10'000);
  send(kClient, kServer, 12, 0, kTcpAck, "four", 10'000 + options_.gap_timeout_ns / 2);
  EXPECT_EQ(visitor_.stream(1, kUp), "one");
  send(kClient, kServer, 16, 0, kTcpAck, "five", 20'000 + options_.gap_timeout_ns);
  EXPECT_EQ(visitor_.stream(1, kUp), "one<gap>threefourfive");
  EXPECT_EQ(reassembler_.stats().gap_bytes, 3u);
}

TEST_F(TcpStreamReassemblerTest, FinishFlushesBufferedBytesBehindHoles) {
  handshake(0, 0);
  up(1, "a");
  up(5, "e");
  up(3, "c");
  EXPECT_EQ(visitor_.stream(1, kUp), "a");
  reassembler_.finish();
  EXPECT_EQ(visitor_.stream(1, kUp), "a<gap>c<gap>e");
  ASSERT_EQ(visitor_.flows.size(), 1u);
  EXPECT_EQ(visitor_.flows[0].end, TcpFlowEnd::kEndOfCapture);
  EXPECT_EQ(visitor_.flows[0].gaps[0], 2u);
  EXPECT_EQ(reassembler_.open_flows(), 0u);
}

TEST_F(TcpStreamReassemblerTest, ResetEndsTheFlowAndANewSynStartsAnother) {
  handshake(0, 0);
  up(1, "abc");
  up(10, "xyz");
  down(1, "", kTcpRst | kTcpAck);
  ASSERT_EQ(visitor_.flows.size(), 1u);
  EXPECT_EQ(visitor_.flows[0].end, TcpFlowEnd::kReset);
  EXPECT_EQ(visitor_.stream(1, kUp), "abc<gap>xyz");
  handshake(5000, 6000);
  up(5001, "again");
  EXPECT_EQ(visitor_.stream(2, kUp), "again");
  EXPECT_FALSE(visitor_.chunks.back().gap_before);
  EXPECT_EQ(reassembler_.stats().flows, 2u);
}

TEST_F(TcpStreamReassemblerTest, ASynWithAnotherIsnReplacesAnOpenFlow) {
  handshake(0, 0);
  up(1, "old");
  handshake(70000, 80000);
  up(70001, "new");
  ASSERT_EQ(visitor_.flows.size(), 1u);
  EXPECT_EQ(visitor_.flows[0].end, TcpFlowEnd::kReplaced);
  EXPECT_EQ(visitor_.stream(1, kUp), "old");
  EXPECT_EQ(visitor_.stream(2, kUp), "new");
}

TEST_F(TcpStreamReassemblerTest, LateRetransmissionAfterCloseIsNotANewFlow) {
  handshake(0, 0);
  up(1, "data", kTcpAck | kTcpFin);
  down(1, "", kTcpAck | kTcpFin, 6);
  ASSERT_EQ(visitor_.flows.size(), 1u);
  up(1, "data");
  EXPECT_EQ(reassembler_.stats().flows, 1u);
  EXPECT_EQ(reassembler_.stats().retransmitted_segments, 1u);
}

TEST_F(TcpStreamReassemblerTest, BytesCutBySnaplenBecomeAnExactGap) {
  handshake(0, 0);
  up(1, "head");
  TcpSegment cut;
  cut.timestamp_ns = ++clock_;
  cut.src = kClient;
  cut.dst = kServer;
  cut.seq = 5;
  cut.flags = kTcpAck;
  cut.missing_length = 100;
  reassembler_.add(cut);
  up(105, "tail");
  EXPECT_EQ(visitor_.stream(1, kUp), "head<gap>tail");
  EXPECT_EQ(reassembler_.stats().gap_bytes, 100u);
  EXPECT_EQ(visitor_.chunks.back().stream_offset, 104u);
}

TEST_F(TcpStreamReassemblerTest, PureAcksForUnknownConnectionsAreCountedNotTracked) {
  up(1, "", kTcpAck, 1);
  down(1, "", kTcpRst);
  EXPECT_EQ(reassembler_.stats().segments_without_flow, 2u);
  EXPECT_EQ(reassembler_.open_flows(), 0u);
}

TEST(TcpStreamReassemblerLimits, FullBuffersForceTheHoleToBeSkipped) {
  RecordingVisitor visitor;
  TcpReassemblyOptions options;
  options.max_buffered_bytes_per_direction = 8;
  TcpStreamReassembler reassembler(visitor, options);
  auto seg = [&](uint32_t seq, const std::string& payload, uint8_t flags) {
    TcpSegment s;
    s.timestamp_ns = 1;
    s.src = kClient;
    s.dst = kServer;
    s.seq = seq;
    s.flags = flags;
    s.payload = testing::bytes_of(payload);
    reassembler.add(s);
  };
  seg(0, "", kTcpSyn);
  seg(1, "a", kTcpAck);
  seg(10, "12345", kTcpAck);
  seg(15, "6789", kTcpAck);  // 9 buffered bytes > 8
  EXPECT_EQ(visitor.stream(1, kUp), "a<gap>123456789");
}

TEST(TcpStreamReassemblerLimits, IdleFlowsEndAndTheTableStaysBounded) {
  RecordingVisitor visitor;
  TcpReassemblyOptions options;
  options.idle_timeout_ns = 10'000'000'000;
  options.max_flows = 3;
  TcpStreamReassembler reassembler(visitor, options);
  for (uint16_t port = 1; port <= 5; ++port) {
    TcpSegment s;
    s.timestamp_ns = port;
    s.src = Endpoint{kClient.ip, port};
    s.dst = kServer;
    s.seq = 1;
    s.flags = kTcpAck;
    const std::string payload = "x";
    s.payload = testing::bytes_of(payload);
    reassembler.add(s);
    EXPECT_LE(reassembler.open_flows(), 3u);
  }
  EXPECT_EQ(reassembler.stats().flows_evicted, 2u);
  ASSERT_EQ(visitor.flows.size(), 2u);
  EXPECT_EQ(visitor.flows[0].flow_id, 1u);  // the least recently active went first
  EXPECT_EQ(visitor.flows[0].end, TcpFlowEnd::kIdle);

  TcpSegment later;
  later.timestamp_ns = 30'000'000'000;
  later.src = kClient;
  later.dst = kServer;
  later.flags = kTcpAck;
  reassembler.add(later);  // the sweep ends the three idle flows
  EXPECT_EQ(visitor.flows.size(), 5u);
  EXPECT_EQ(reassembler.open_flows(), 0u);
}

}  // namespace
}  // namespace sipconf::harness
