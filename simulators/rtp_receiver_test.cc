#include "simulators/rtp_receiver.h"

#include <gtest/gtest.h>

#include "sip/base/byte_order.h"
#include "sip/rtp/rtp_packet.h"
#include "sip/rtp/telephone_event.h"

namespace sipconf::simulators {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

class RtpReceiverTest : public ::testing::Test {
 protected:
  void arrive(std::uint16_t seq, std::uint32_t ts, milliseconds at, std::uint8_t pt = 0,
              std::uint32_t ssrc = 7, std::string payload = std::string(160, 'x')) {
    std::string packet;
    sip::write_rtp({false, pt, seq, ts, ssrc}, sip::byte_view(payload), packet);
    receiver.on_datagram(packet, origin + at);
  }

  sip::SteadyTime origin = sip::SteadyTime{} + std::chrono::hours(1);
  RtpReceiver receiver{8000, 101};
};

TEST_F(RtpReceiverTest, SteadyStreamHasNoLossNoJitter) {
  receiver.set_reference(origin);
  for (int i = 0; i < 50; ++i)
    arrive(static_cast<std::uint16_t>(100 + i), 1000 + 160 * i, milliseconds(30 + 20 * i));
  const RtpReceiveReport& r = receiver.report();
  EXPECT_EQ(r.packets, 50u);
  EXPECT_EQ(r.octets, 8000u);
  EXPECT_EQ(r.expected, 50);
  EXPECT_EQ(r.lost, 0);
  EXPECT_DOUBLE_EQ(r.jitter_ms, 0.0);
  EXPECT_EQ(r.first_packet, microseconds(30000));
  EXPECT_EQ(*r.ssrc, 7u);
}

TEST_F(RtpReceiverTest, GapsCountAsLossAcrossTheSequenceWrap) {
  std::uint16_t seq = 65530;
  for (int i = 0; i < 20; ++i, ++seq) {
    if (i == 3 || i == 8 || i == 9) continue;  // three lost, one of them right at the wrap
    arrive(seq, 160 * i, milliseconds(20 * i));
  }
  EXPECT_EQ(receiver.report().expected, 20);
  EXPECT_EQ(receiver.report().lost, 3);
  EXPECT_EQ(receiver.report().packets, 17u);
}

TEST_F(RtpReceiverTest, DuplicatesAndLatePacketsDoNotHideLoss) {
  arrive(1, 0, milliseconds(0));
  arrive(2, 160, milliseconds(20));
  arrive(2, 160, milliseconds(21));  // duplicate
  arrive(4, 480, milliseconds(60));
  arrive(3, 320, milliseconds(61));  // late, fills the gap
  arrive(6, 800, milliseconds(100));
  const RtpReceiveReport& r = receiver.report();
  EXPECT_EQ(r.duplicates, 1u);
  EXPECT_EQ(r.late, 1u);
  EXPECT_EQ(r.expected, 6);
  EXPECT_EQ(r.lost, 1) << "only 5 is missing";
}

TEST_F(RtpReceiverTest, JitterFollowsRfc3550) {
  // Transit alternates by 8 ms (64 timestamp units): J converges toward 64 units = 8 ms.
  for (int i = 0; i < 400; ++i)
    arrive(static_cast<std::uint16_t>(i), 160 * i, milliseconds(20 * i + (i % 2) * 8));
  EXPECT_NEAR(receiver.report().jitter_ms, 8.0, 0.5);
  EXPECT_GE(receiver.report().max_jitter_ms, receiver.report().jitter_ms);
}

TEST_F(RtpReceiverTest, TelephoneEventsBecomeDigits) {
  auto event = [&](std::uint16_t seq, std::uint32_t ts, std::uint8_t code, bool end) {
    std::string payload;
    sip::write_telephone_event({code, end, 10, 160}, payload);
    arrive(seq, ts, milliseconds(seq * 20), 101, 7, payload);
  };
  event(1, 1000, 1, false);
  event(2, 1000, 1, true);
  event(3, 1000, 1, true);  // end repeated: same event
  event(4, 2000, 11, false);
  event(5, 2000, 11, true);
  EXPECT_EQ(receiver.report().dtmf_digits, "1#");
  EXPECT_EQ(receiver.report().lost, 0);
}

TEST_F(RtpReceiverTest, ANewSourceIsAccountedSeparately) {
  for (int i = 0; i < 10; ++i) arrive(static_cast<std::uint16_t>(i), 160 * i, milliseconds(20 * i));
  for (int i = 0; i < 10; ++i) {
    if (i == 5) continue;
    arrive(static_cast<std::uint16_t>(30000 + i), 160 * i, milliseconds(200 + 20 * i), 0, 8);
  }
  EXPECT_EQ(receiver.report().ssrc_changes, 1u);
  EXPECT_EQ(receiver.report().expected, 20);
  EXPECT_EQ(receiver.report().lost, 1);
}

TEST_F(RtpReceiverTest, GarbageIsCountedNotAccounted) {
  receiver.on_datagram("not rtp", origin);
  EXPECT_EQ(receiver.report().malformed, 1u);
  EXPECT_EQ(receiver.report().packets, 0u);
}

}  // namespace
}  // namespace sipconf::simulators
