#include "simulators/rtp_stream.h"

#include <gtest/gtest.h>

#include "simulators/agent_test_support.h"
#include "simulators/media_engine.h"
#include "sip/base/timer_fake.h"

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;

/// Flips every payload byte: stands in for SRTP to prove the hook is applied both ways.
class XorTransform final : public PacketTransform {
 public:
  bool protect(std::string& packet) override {
    ++protected_packets;
    for (std::size_t i = 12; i < packet.size(); ++i)
      packet[i] = static_cast<char>(packet[i] ^ 0x5A);
    return true;
  }
  bool unprotect(std::string& packet) override {
    ++unprotected_packets;
    if (reject) return false;
    for (std::size_t i = 12; i < packet.size(); ++i)
      packet[i] = static_cast<char>(packet[i] ^ 0x5A);
    return true;
  }
  int protected_packets = 0;
  int unprotected_packets = 0;
  bool reject = false;
};

class RtpStreamTest : public ::testing::Test {
 protected:
  StreamTarget target_of(const RtpStream& stream) {
    StreamTarget t;
    t.address = stream.local_address();
    t.port = stream.local_port();
    t.payload_type = 8;
    t.law = G711Law::alaw;
    t.codec = "PCMA";
    t.telephone_event = 101;
    return t;
  }

  sip::FakeTimerService timers;
  testing::FakeRtpNetwork network{timers};
  MediaEngine engine{timers, network, {20, 440}, 3};
};

TEST_F(RtpStreamTest, OnePacketPerPacketTimeWhileSending) {
  std::error_code ec;
  auto a = engine.open_stream("127.0.0.1", ec);
  auto b = engine.open_stream("127.0.0.2", ec);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->local_port() % 2, 0);
  a->set_target(target_of(*b));
  b->set_target(target_of(*a));
  b->set_reference(timers.now());
  a->set_sending(true);
  timers.advance(milliseconds(1000));
  a->set_sending(false);
  timers.advance(milliseconds(1000));
  EXPECT_EQ(a->report().sent.packets, 50u);
  EXPECT_EQ(b->report().received.packets, 50u);
  EXPECT_EQ(b->report().received.lost, 0);
  EXPECT_EQ(*b->report().received.first_packet, std::chrono::microseconds(20000));
  EXPECT_EQ(b->report().received.payload_types, std::set<int>{8});
  EXPECT_EQ(b->report().sent.packets, 0u) << "b never sent";
  EXPECT_EQ(engine.active_streams(), 0u) << "the clock stops with the last sender";
}

TEST_F(RtpStreamTest, TransformHookSeesEveryPacketBothWays) {
  std::error_code ec;
  auto a = engine.open_stream("127.0.0.1", ec);
  auto b = engine.open_stream("127.0.0.2", ec);
  auto transform = std::make_shared<XorTransform>();
  a->set_transform(transform);
  b->set_transform(transform);
  a->set_target(target_of(*b));
  b->set_target(target_of(*a));
  a->set_sending(true);
  timers.advance(milliseconds(200));
  EXPECT_EQ(transform->protected_packets, 10);
  EXPECT_EQ(transform->unprotected_packets, 10);
  EXPECT_EQ(b->report().received.packets, 10u) << "decoded back into valid RTP";
  transform->reject = true;
  timers.advance(milliseconds(100));
  EXPECT_EQ(b->report().received.packets, 10u);
  EXPECT_EQ(b->report().received.unprotect_failures, 5u);
}

TEST_F(RtpStreamTest, DtmfNeedsATargetWithEvents) {
  std::error_code ec;
  auto a = engine.open_stream("127.0.0.1", ec);
  auto b = engine.open_stream("127.0.0.2", ec);
  EXPECT_FALSE(a->send_dtmf("1", 100)) << "no target yet";
  a->set_target(target_of(*b));
  b->set_target(target_of(*a));
  ASSERT_TRUE(a->send_dtmf("7*", 60));
  a->set_sending(true);
  timers.advance(milliseconds(1000));
  EXPECT_EQ(b->report().received.dtmf_digits, "7*");
  EXPECT_EQ(a->report().sent.dtmf_events, 2u);
}

TEST_F(RtpStreamTest, ANewCodecStartsANewSourceAndKeepsTheTotals) {
  std::error_code ec;
  auto a = engine.open_stream("127.0.0.1", ec);
  auto b = engine.open_stream("127.0.0.2", ec);
  StreamTarget t = target_of(*b);
  a->set_target(t);
  a->set_sending(true);
  timers.advance(milliseconds(100));
  const std::uint32_t first_ssrc = a->report().sent.ssrc;
  t.payload_type = 0;
  t.law = G711Law::ulaw;
  a->set_target(t);
  timers.advance(milliseconds(100));
  EXPECT_NE(a->report().sent.ssrc, first_ssrc);
  EXPECT_EQ(a->report().sent.packets, 10u);
  EXPECT_EQ(b->report().received.ssrc_changes, 1u);
  EXPECT_EQ(b->report().received.payload_types, (std::set<int>{0, 8}));
}

}  // namespace
}  // namespace sipconf::simulators
