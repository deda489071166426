#include "simulators/rtp_sender.h"

#include <gtest/gtest.h>

#include "simulators/g711.h"
#include "sip/base/byte_order.h"
#include "sip/rtp/rtp_packet.h"
#include "sip/rtp/telephone_event.h"

namespace sipconf::simulators {
namespace {

RtpSenderConfig config() {
  RtpSenderConfig c;
  c.payload_type = 0;
  c.ptime_ms = 20;
  c.telephone_event = 101;
  c.ssrc = 0x11223344;
  c.first_sequence = 65534;
  c.first_timestamp = 4294967000u;
  return c;
}

TEST(RtpSenderTest, SequenceAndTimestampAdvanceExactlyAndWrap) {
  RtpSender sender(config(), std::make_shared<ToneTable>(G711Law::ulaw, 1000));
  std::vector<sip::RtpHeader> headers;
  for (int i = 0; i < 4; ++i) {
    std::string packet;
    sender.next_packet(packet);
    const auto view = sip::parse_rtp(sip::byte_view(packet));
    ASSERT_TRUE(view);
    EXPECT_EQ(view->payload.size(), 160u);
    headers.push_back(view->header);
  }
  EXPECT_TRUE(headers[0].marker);
  EXPECT_FALSE(headers[1].marker);
  EXPECT_EQ(headers[0].sequence, 65534);
  EXPECT_EQ(headers[2].sequence, 0);
  EXPECT_EQ(headers[1].timestamp, 4294967160u);
  EXPECT_EQ(headers[2].timestamp, 24u);  // wrapped
  for (const sip::RtpHeader& h : headers) EXPECT_EQ(h.ssrc, 0x11223344u);
  EXPECT_EQ(sender.report().packets, 4u);
  EXPECT_EQ(sender.report().octets, 640u);
}

TEST(RtpSenderTest, ToneIsAG711Sine) {
  ToneTable tone(G711Law::alaw, 1000);  // 8 samples per period at 8 kHz
  std::string samples;
  tone.append(0, 16, samples);
  EXPECT_EQ(alaw_to_linear(static_cast<std::uint8_t>(samples[0])), 8);  // sin(0), A-law's +0
  EXPECT_NEAR(alaw_to_linear(static_cast<std::uint8_t>(samples[2])), 7000, 300);   // sin(pi/2)
  EXPECT_NEAR(alaw_to_linear(static_cast<std::uint8_t>(samples[6])), -7000, 300);  // sin(3pi/2)
  EXPECT_EQ(samples.substr(0, 8), samples.substr(8, 8));
  std::string wrapped;
  tone.append(7996, 8, wrapped);
  EXPECT_EQ(wrapped.substr(4), samples.substr(0, 4)) << "the second wraps around";
}

TEST(RtpSenderTest, DtmfDigitIsAnEventWithGrowingDurationAndThreeEnds) {
  RtpSender sender(config(), nullptr);
  ASSERT_TRUE(sender.queue_dtmf("5", 100));
  std::vector<std::pair<sip::RtpHeader, sip::TelephoneEvent>> events;
  std::uint32_t audio_timestamp_after = 0;
  for (int i = 0; i < 12; ++i) {
    std::string packet;
    sender.next_packet(packet);
    const auto view = sip::parse_rtp(sip::byte_view(packet));
    ASSERT_TRUE(view);
    if (view->header.payload_type == 101) {
      events.emplace_back(view->header, *sip::parse_telephone_event(view->payload));
    } else if (!events.empty() && audio_timestamp_after == 0) {
      audio_timestamp_after = view->header.timestamp;
      EXPECT_TRUE(view->header.marker) << "audio after an event starts a talkspurt";
    }
  }
  // 100 ms in 20 ms updates: durations 160..640, then 800 with the end bit three times.
  ASSERT_EQ(events.size(), 7u);
  EXPECT_TRUE(events[0].first.marker);
  for (std::size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].first.timestamp, events[0].first.timestamp) << "one event, one timestamp";
    EXPECT_EQ(events[i].second.event, 5);
    EXPECT_EQ(events[i].second.end, i >= 4) << i;
    EXPECT_EQ(events[i].second.duration, std::min<std::size_t>(160 * (i + 1), 800)) << i;
  }
  EXPECT_EQ(events[1].first.sequence, static_cast<std::uint16_t>(events[0].first.sequence + 1));
  EXPECT_EQ(sender.report().dtmf_events, 1u);
  EXPECT_EQ(sender.report().dtmf_packets, 7u);
  EXPECT_EQ(audio_timestamp_after, events[0].first.timestamp + 160 * 7)
      << "the media clock ran on during the event's seven packet times";
}

TEST(RtpSenderTest, NoEventPayloadTypeMeansNoDtmf) {
  RtpSenderConfig c = config();
  c.telephone_event = 0;
  RtpSender sender(c, nullptr);
  EXPECT_FALSE(sender.queue_dtmf("1", 100));
  EXPECT_FALSE(sender.dtmf_pending());
}

}  // namespace
}  // namespace sipconf::simulators
