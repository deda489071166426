#include "harness/analysis/rtp_stats.h"

#include <initializer_list>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

constexpr uint64_t kStatsMs = 1'000'000;

/// A G.711 packet: 20 ms of audio = 160 timestamp units at 8 kHz.
RtpPacketInfo audio(uint16_t seq, uint64_t arrival_ns, uint32_t ts) {
  RtpPacketInfo p;
  p.sequence = seq;
  p.arrival_ns = arrival_ns;
  p.rtp_timestamp = ts;
  p.payload_type = 8;
  p.clock_rate = 8000;
  p.datagram_bytes = 172;
  p.payload_bytes = 160;
  return p;
}

RtpStats feed_stats(std::initializer_list<uint16_t> sequences) {
  RtpStats stats;
  uint64_t t = 0;
  for (uint16_t s : sequences) {
    stats.add(audio(s, t, static_cast<uint32_t>(s) * 160));
    t += 20 * kStatsMs;
  }
  return stats;
}

TEST(RtpStats, CountsAnUnbrokenStream) {
  RtpStats stats;
  for (uint16_t i = 0; i < 100; ++i) stats.add(audio(1000 + i, i * 20 * kStatsMs, i * 160u));
  const RtpStreamStats& s = stats.stats();
  EXPECT_EQ(s.packets, 100u);
  EXPECT_EQ(s.bytes, 17200u);
  EXPECT_EQ(s.payload_bytes, 16000u);
  EXPECT_EQ(s.expected, 100);
  EXPECT_EQ(s.lost, 0);
  EXPECT_EQ(s.first_sequence, 1000);
  EXPECT_EQ(s.highest_extended_sequence, 1099u);
  EXPECT_EQ(s.last_arrival_ns, 99 * 20 * kStatsMs);
  EXPECT_DOUBLE_EQ(s.max_delta_ms, 20.0);
  EXPECT_DOUBLE_EQ(s.jitter_ms, 0.0);
  EXPECT_TRUE(s.payload_types.test(8));
  EXPECT_EQ(s.payload_types.count(), 1u);
}

TEST(RtpStats, CountsLossAndWrapsTheSequenceNumber) {
  const auto stats = feed_stats({65533, 65534, 65535, 0, 2, 3});  // 1 missing after the wrap
  EXPECT_EQ(stats.stats().expected, 7);
  EXPECT_EQ(stats.stats().lost, 1);
  EXPECT_EQ(stats.stats().highest_extended_sequence, 65536u + 3);
}

TEST(RtpStats, DuplicatesCountAsReceivedAsRfc3550Says) {
  const auto stats = feed_stats({10, 11, 11, 12, 11});
  EXPECT_EQ(stats.stats().duplicates, 2u);
  EXPECT_EQ(stats.stats().expected, 3);
  EXPECT_EQ(stats.stats().lost, -2);
  EXPECT_EQ(stats.stats().out_of_order, 0u);
}

TEST(RtpStats, LatePacketsAreReorderedNotLost) {
  const auto stats = feed_stats({1, 2, 4, 3, 5, 65535 + 0});
  // 65535 after 5 is 6 behind: a late packet from before the start, not a wrap.
  EXPECT_EQ(stats.stats().out_of_order, 2u);
  EXPECT_EQ(stats.stats().lost, -1);  // five expected, six received
  const auto across = feed_stats({65534, 65535, 1, 0, 2});
  EXPECT_EQ(across.stats().out_of_order, 1u);
  EXPECT_EQ(across.stats().lost, 0);
  EXPECT_EQ(across.stats().expected, 5);
}

TEST(RtpStats, ASustainedJumpIsASenderRestartAndASingleOneIsIgnored) {
  const auto restart = feed_stats({100, 101, 5000, 5001, 5002});
  EXPECT_EQ(restart.stats().sequence_restarts, 1u);
  EXPECT_EQ(restart.stats().expected, 5);
  EXPECT_EQ(restart.stats().lost, 0);
  const auto outlier = feed_stats({100, 101, 9000, 102, 103});
  EXPECT_EQ(outlier.stats().sequence_restarts, 0u);
  EXPECT_EQ(outlier.stats().expected, 4);
  EXPECT_EQ(outlier.stats().lost, 0);
  EXPECT_EQ(outlier.stats().packets, 5u);
}

TEST(RtpStats, JitterFollowsRfc3550) {
  RtpStats stats;
  stats.add(audio(1, 0, 0));
  stats.add(audio(2, 20 * kStatsMs, 160));
  EXPECT_DOUBLE_EQ(stats.stats().jitter_ms, 0.0);
  stats.add(audio(3, 45 * kStatsMs, 320));  // 5 ms late: |D| = 40 units, J = 40/16 = 2.5
  EXPECT_DOUBLE_EQ(stats.stats().jitter_ms, 2.5 / 8.0);
  stats.add(audio(4, 60 * kStatsMs, 480));  // 5 ms early: J = 2.5 + (40 - 2.5)/16
  EXPECT_DOUBLE_EQ(stats.stats().jitter_ms, 4.84375 / 8.0);
  EXPECT_DOUBLE_EQ(stats.stats().max_jitter_ms, 4.84375 / 8.0);
  EXPECT_DOUBLE_EQ(stats.stats().mean_jitter_ms, (0 + 2.5 + 4.84375) / 8.0 / 3.0);
  EXPECT_EQ(stats.stats().jitter_samples, 3u);
  EXPECT_EQ(stats.stats().clock_rate, 8000u);
  EXPECT_DOUBLE_EQ(stats.stats().max_delta_ms, 25.0);
}

TEST(RtpStats, UnknownClockRateMeansNoJitter) {
  RtpStats stats;
  for (uint16_t i = 0; i < 5; ++i) {
    RtpPacketInfo p = audio(i, i * 33 * kStatsMs, i * 100u);
    p.clock_rate = 0;
    stats.add(p);
  }
  EXPECT_EQ(stats.stats().jitter_samples, 0u);
  EXPECT_EQ(stats.stats().clock_rate, 0u);
  EXPECT_EQ(stats.stats().packets, 5u);
}

TEST(RtpStats, SilenceIsNotDelay) {
  RtpStats stats;
  stats.add(audio(1, 0, 0));
  stats.add(audio(2, 20 * kStatsMs, 160));
  RtpPacketInfo cn = audio(3, 40 * kStatsMs, 320);
  cn.payload_type = 13;
  cn.is_comfort_noise = true;
  stats.add(cn);
  RtpPacketInfo talk = audio(4, 900 * kStatsMs, 7200);  // after silence, not flagged
  stats.add(talk);
  RtpPacketInfo spurt = audio(5, 2000 * kStatsMs, 16000);
  spurt.marker = true;
  stats.add(spurt);
  stats.add(audio(6, 2070 * kStatsMs, 16160));  // a real 70 ms hole
  EXPECT_DOUBLE_EQ(stats.stats().max_delta_ms, 70.0);
  EXPECT_EQ(stats.stats().marker_packets, 1u);
  EXPECT_TRUE(stats.stats().payload_types.test(13));
}

TEST(RtpStats, TelephoneEventsAreCountedPerDigitAndKeptOutOfJitter) {
  RtpStats stats;
  stats.add(audio(1, 0, 0));
  stats.add(audio(2, 20 * kStatsMs, 160));
  auto event = [&](uint16_t seq, uint64_t t, uint8_t digit, uint32_t ts, uint16_t duration,
                   bool end) {
    RtpPacketInfo p = audio(seq, t * kStatsMs, ts);
    p.payload_type = 101;
    p.is_telephone_event = true;
    p.event = sip::TelephoneEvent{digit, end, 10, duration};
    stats.add(p);
  };
  event(3, 40, 5, 320, 160, false);
  event(4, 60, 5, 320, 320, false);
  event(5, 80, 5, 320, 480, true);
  event(6, 80, 5, 320, 480, true);  // the end is sent three times
  event(7, 80, 5, 320, 480, true);
  stats.add(audio(8, 140 * kStatsMs, 960));
  event(9, 160, 11, 1120, 160, false);
  const RtpStreamStats& s = stats.stats();
  EXPECT_EQ(s.telephone_event_packets, 6u);
  ASSERT_EQ(s.telephone_events.size(), 2u);
  const TelephoneEventRecord& five = s.telephone_events[0];
  EXPECT_EQ(five.event, 5);
  EXPECT_EQ(five.packets, 5u);
  EXPECT_TRUE(five.ended);
  EXPECT_EQ(five.duration, 480);
  EXPECT_EQ(five.first_arrival_ns, 40 * kStatsMs);
  EXPECT_EQ(five.end_arrival_ns, 80 * kStatsMs);
  EXPECT_EQ(s.telephone_events[1].event, 11);
  EXPECT_FALSE(s.telephone_events[1].ended);
  EXPECT_EQ(s.lost, 0);
  // Audio packet 8 arrives 140 ms after 0 with timestamp 960 (120 ms): with the event
  // packets left out, that is one |D| of 20 ms against packet 2.
  EXPECT_EQ(s.jitter_samples, 2u);
  EXPECT_DOUBLE_EQ(s.jitter_ms, (0 + (160 - 0) / 16.0) / 8.0);
}

}  // namespace
}  // namespace sipconf::harness
