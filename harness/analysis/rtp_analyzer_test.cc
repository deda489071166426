#include "harness/analysis/rtp_analyzer.h"

#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sip/base/byte_order.h"

namespace sipconf::harness {
namespace {

constexpr uint64_t kMs = 1'000'000;
const Endpoint kAlice = *Endpoint::parse("10.0.0.1:4000");
const Endpoint kBob = *Endpoint::parse("10.0.0.2:6000");
const Endpoint kBobLeg2 = *Endpoint::parse("10.0.0.3:7000");
using Kind = RtpAnalyzer::Kind;

std::vector<uint8_t> rtp(uint8_t pt, uint16_t seq, uint32_t ts, uint32_t ssrc,
                         std::vector<uint8_t> payload = std::vector<uint8_t>(160, 0xD5)) {
  std::vector<uint8_t> p(12 + payload.size());
  p[0] = 0x80;
  p[1] = pt;
  sip::store_be16(&p[2], seq);
  sip::store_be32(&p[4], ts);
  sip::store_be32(&p[8], ssrc);
  std::copy(payload.begin(), payload.end(), p.begin() + 12);
  return p;
}

Kind feed(RtpAnalyzer& analyzer, const Endpoint& src, const Endpoint& dst, uint64_t ts,
          const std::vector<uint8_t>& bytes) {
  Datagram d;
  d.timestamp_ns = ts;
  d.src = src;
  d.dst = dst;
  d.payload = bytes;
  return analyzer.on_datagram(d);
}

/// Sends `count` 20 ms PCMA packets from src to dst.
void stream(RtpAnalyzer& analyzer, const Endpoint& src, const Endpoint& dst, uint32_t ssrc,
            int count, uint64_t start_ns = 0, uint16_t first_seq = 100) {
  for (int i = 0; i < count; ++i) {
    feed(analyzer, src, dst, start_ns + i * 20 * kMs,
         rtp(8, static_cast<uint16_t>(first_seq + i), i * 160u, ssrc));
  }
}

TEST(RtpAnalyzer, FindsRtpAfterProbationAndCountsTheProbationPackets) {
  RtpAnalyzer analyzer;
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 0, rtp(8, 1, 0, 0xAA)), Kind::kProbation);
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 20 * kMs, rtp(8, 2, 160, 0xAA)), Kind::kProbation);
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 40 * kMs, rtp(8, 3, 320, 0xAA)), Kind::kRtp);
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 60 * kMs, rtp(8, 5, 640, 0xAA)), Kind::kRtp);
  const auto streams = analyzer.streams();
  ASSERT_EQ(streams.size(), 1u);
  const RtpStream& s = *streams[0];
  EXPECT_EQ(s.key.src, kAlice);
  EXPECT_EQ(s.key.dst, kBob);
  EXPECT_EQ(s.key.ssrc, 0xAAu);
  EXPECT_FALSE(s.signalled);
  EXPECT_EQ(s.rtp.stats().packets, 4u);
  EXPECT_EQ(s.rtp.stats().lost, 1);
  EXPECT_EQ(s.rtp.stats().first_arrival_ns, 0u);
  EXPECT_EQ(s.payload_type_names(), "PCMA");
  EXPECT_EQ(analyzer.stats().rtp_packets, 4u);
}

TEST(RtpAnalyzer, IgnoresTrafficThatOnlyLooksLikeRtpByItsFirstByte) {
  RtpAnalyzer analyzer;
  // DNS-like: version bits 10, but the "sequence" never advances.
  for (int i = 0; i < 10; ++i) {
    EXPECT_NE(feed(analyzer, kAlice, kBob, i * kMs, rtp(1, 0x0100, 0, 0)), Kind::kRtp);
  }
  // Unassigned payload types.
  for (uint16_t i = 0; i < 10; ++i) {
    EXPECT_EQ(feed(analyzer, kAlice, kBob, i * kMs, rtp(50, i, i * 160u, 7)), Kind::kNotMedia);
  }
  const std::string sip = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 0, std::vector<uint8_t>(sip.begin(), sip.end())),
            Kind::kNotMedia);
  // An SSRC that keeps changing never settles.
  for (uint16_t i = 0; i < 10; ++i) {
    EXPECT_NE(feed(analyzer, kBob, kAlice, i * kMs, rtp(0, i, i * 160u, i)), Kind::kRtp);
  }
  EXPECT_TRUE(analyzer.streams().empty());
  EXPECT_GT(analyzer.stats().probation_discarded, 0u);
}

TEST(RtpAnalyzer, StreamsAreKeyedBySsrcAndFiveTuple) {
  RtpAnalyzer analyzer;
  stream(analyzer, kAlice, kBob, 0x11, 5);
  stream(analyzer, kAlice, kBob, 0x22, 4, 200 * kMs);
  stream(analyzer, kAlice, kBobLeg2, 0x11, 3, 400 * kMs);  // relayed on another leg
  const auto streams = analyzer.streams();
  ASSERT_EQ(streams.size(), 3u);
  EXPECT_EQ(streams[0]->rtp.stats().packets, 5u);
  EXPECT_EQ(streams[1]->key.ssrc, 0x22u);
  EXPECT_EQ(streams[1]->rtp.stats().packets, 4u);
  EXPECT_EQ(streams[2]->key.dst, kBobLeg2);
  EXPECT_EQ(streams[2]->rtp.stats().packets, 3u);
}

TEST(RtpAnalyzer, ExpectedMediaSkipsProbationAndNamesDynamicPayloadTypes) {
  RtpAnalyzer analyzer;
  analyzer.expect_media(
      ExpectedMedia{kBob, {{111, "opus", 48000}, {101, "telephone-event", 8000}}});
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 0, rtp(111, 1, 0, 0x5)), Kind::kRtp);
  // 20 ms of opus is 960 units at 48 kHz; arriving 1 ms late gives |D| = 48 units.
  feed(analyzer, kAlice, kBob, 21 * kMs, rtp(111, 2, 960, 0x5));
  feed(analyzer, kAlice, kBob, 30 * kMs, rtp(101, 3, 1920, 0x5, {1, 0x8A, 0, 160}));
  const auto streams = analyzer.streams();
  ASSERT_EQ(streams.size(), 1u);
  const RtpStream& s = *streams[0];
  EXPECT_TRUE(s.signalled);
  EXPECT_EQ(s.payload_type_names(), "telephone-event, opus");
  EXPECT_EQ(s.rtp.stats().clock_rate, 48000u);
  EXPECT_DOUBLE_EQ(s.rtp.stats().jitter_ms, 48.0 / 16.0 / 48.0);
  EXPECT_EQ(s.rtp.stats().telephone_event_packets, 1u);
  // The reverse direction is known from the same SDP endpoint.
  EXPECT_EQ(feed(analyzer, kBob, kAlice, 40 * kMs, rtp(111, 9, 0, 0x6)), Kind::kRtp);
}

TEST(RtpAnalyzer, GuessesTelephoneEventsOnUndescribedDynamicTypes) {
  RtpAnalyzer analyzer;
  stream(analyzer, kAlice, kBob, 0x77, 3);
  feed(analyzer, kAlice, kBob, 60 * kMs, rtp(96, 103, 480, 0x77, {7, 0x0A, 0, 160}));
  feed(analyzer, kAlice, kBob, 80 * kMs, rtp(96, 104, 480, 0x77, {7, 0x8A, 1, 64}));
  feed(analyzer, kAlice, kBob, 100 * kMs, rtp(97, 105, 480, 0x77, {200, 0, 0, 1, 2, 3}));
  const RtpStream& s = *analyzer.streams().at(0);
  EXPECT_EQ(s.rtp.stats().telephone_event_packets, 2u);
  ASSERT_EQ(s.rtp.stats().telephone_events.size(), 1u);
  EXPECT_EQ(s.rtp.stats().telephone_events[0].event, 7);
  EXPECT_EQ(s.rtp.stats().telephone_events[0].duration, 320);
  EXPECT_EQ(s.payload_type_names(), "PCMA, telephone-event, telephone-event");
}

std::vector<uint8_t> sender_report(uint32_t ssrc, uint32_t packets, uint32_t about,
                                   uint8_t fraction_lost) {
  std::vector<uint8_t> p(52, 0);
  p[0] = 0x81;
  p[1] = 200;
  sip::store_be16(&p[2], 12);
  sip::store_be32(&p[4], ssrc);
  sip::store_be32(&p[20], packets);
  sip::store_be32(&p[24], packets * 160);
  sip::store_be32(&p[28], about);
  p[32] = fraction_lost;
  return p;
}

TEST(RtpAnalyzer, AttributesRtcpToTheStreamsItDescribes) {
  RtpAnalyzer analyzer;
  stream(analyzer, kAlice, kBob, 0xA1, 5);
  stream(analyzer, kBob, kAlice, 0xB2, 5);
  const Endpoint alice_rtcp{kAlice.ip, 4001};
  const Endpoint bob_rtcp{kBob.ip, 6001};
  EXPECT_EQ(feed(analyzer, alice_rtcp, bob_rtcp, 200 * kMs, sender_report(0xA1, 5, 0xB2, 0)),
            Kind::kRtcp);
  // rtcp-mux: on the RTP ports themselves.
  EXPECT_EQ(feed(analyzer, kBob, kAlice, 210 * kMs, sender_report(0xB2, 5, 0xA1, 64)), Kind::kRtcp);
  EXPECT_EQ(feed(analyzer, kBob, kAlice, 220 * kMs, sender_report(0xC3, 1, 0xC4, 0)), Kind::kRtcp);
  const auto streams = analyzer.streams();
  ASSERT_EQ(streams.size(), 2u);
  const RtpStream& a = *streams[0];
  EXPECT_EQ(a.rtcp.packets, 1u);
  EXPECT_EQ(a.rtcp.sender_reports, 1u);
  ASSERT_TRUE(a.rtcp.has_sender_info);
  EXPECT_EQ(a.rtcp.last_sender_info.packet_count, 5u);
  EXPECT_EQ(a.rtcp.last_sender_info.octet_count, 800u);
  ASSERT_TRUE(a.rtcp.has_report);  // Bob's report about Alice's stream
  EXPECT_EQ(a.rtcp.last_report.fraction_lost, 64);
  const RtpStream& b = *streams[1];
  EXPECT_EQ(b.rtcp.packets, 1u);
  EXPECT_EQ(b.rtcp.reports_received, 1u);
  EXPECT_EQ(analyzer.stats().rtcp_packets, 3u);
  EXPECT_EQ(analyzer.stats().rtcp_unmatched, 1u);
}

TEST(RtpAnalyzer, ASenderReportConfirmsAStreamStillOnProbation) {
  RtpAnalyzer analyzer;
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 0, rtp(0, 1, 0, 0xD1)), Kind::kProbation);
  const Endpoint alice_rtcp{kAlice.ip, 4001};
  feed(analyzer, alice_rtcp, Endpoint{kBob.ip, 6001}, kMs, sender_report(0xD1, 1, 0, 0));
  const auto streams = analyzer.streams();
  ASSERT_EQ(streams.size(), 1u);
  EXPECT_EQ(streams[0]->rtp.stats().packets, 1u);
  EXPECT_EQ(streams[0]->rtcp.sender_reports, 1u);
  EXPECT_EQ(feed(analyzer, kAlice, kBob, 20 * kMs, rtp(0, 2, 160, 0xD1)), Kind::kRtp);
}

TEST(RtpAnalyzer, SdpLearnedLaterNamesAStreamFoundEarlier) {
  RtpAnalyzer analyzer;
  stream(analyzer, kAlice, kBob, 0xE1, 3);
  feed(analyzer, kAlice, kBob, 100 * kMs, rtp(98, 200, 1000, 0xE1));
  EXPECT_EQ(analyzer.streams().at(0)->payload_type_names(), "PCMA, PT 98");
  analyzer.expect_media(ExpectedMedia{kBob, {{98, "iLBC", 8000}}});
  EXPECT_EQ(analyzer.streams().at(0)->payload_type_names(), "PCMA, iLBC");
  EXPECT_TRUE(analyzer.streams().at(0)->signalled);
}

TEST(RtpAnalyzer, StreamTableIsBounded) {
  RtpAnalyzerOptions options;
  options.max_streams = 2;
  RtpAnalyzer analyzer(options);
  for (uint32_t ssrc = 1; ssrc <= 4; ++ssrc) stream(analyzer, kAlice, kBob, ssrc, 3);
  EXPECT_EQ(analyzer.streams().size(), 2u);
  EXPECT_EQ(analyzer.stats().streams_dropped, 2u);
}

}  // namespace
}  // namespace sipconf::harness
