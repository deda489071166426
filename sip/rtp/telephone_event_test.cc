#include "sip/rtp/telephone_event.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sip/base/byte_order.h"

namespace sipconf::sip {
namespace {

TEST(TelephoneEvent, WriteThenParse) {
  std::string payload;
  write_telephone_event({11, true, 10, 800}, payload);
  EXPECT_EQ(payload, std::string("\x0B\x8A\x03\x20", 4));
  const auto event = parse_telephone_event(byte_view(payload));
  ASSERT_TRUE(event);
  EXPECT_EQ(*event, (TelephoneEvent{11, true, 10, 800}));
  EXPECT_EQ(parse_telephone_event(byte_view("abc")).error(), RtpError::too_short);
}

TEST(TelephoneEvent, DecodesTheFirstBlock) {
  const std::vector<std::uint8_t> payload = {11, 0x8A, 0x03, 0x20};  // '#', end, volume 10, 800
  const auto e = parse_telephone_event(payload);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->event, 11);
  EXPECT_TRUE(e->end);
  EXPECT_EQ(e->volume, 10);
  EXPECT_EQ(e->duration, 800);
  EXPECT_EQ(telephone_event_name(e->event), "#");
  EXPECT_FALSE(parse_telephone_event(std::span(payload).first(3)));
  // A longer payload (RFC 4733 §2.5.1.5: redundant blocks) is read from its first block.
  const std::vector<std::uint8_t> two = {5, 0x0A, 0x00, 0xA0, 4, 0x8A, 0x01, 0x40};
  EXPECT_EQ(*parse_telephone_event(two), (TelephoneEvent{5, false, 10, 160}));
}

TEST(TelephoneEvent, VolumeKeepsSixBits) {
  std::string payload;
  write_telephone_event({1, false, 0xFF, 0}, payload);
  EXPECT_EQ(static_cast<unsigned char>(payload[1]), 0x3F);
}

TEST(TelephoneEvent, DtmfDigitsAndEventCodes) {
  EXPECT_EQ(dtmf_event_code('#'), 11);
  EXPECT_EQ(dtmf_event_code('d'), 15);
  EXPECT_EQ(dtmf_event_code('0'), 0);
  EXPECT_FALSE(dtmf_event_code('x'));
  EXPECT_EQ(dtmf_digit(10), '*');
  EXPECT_FALSE(dtmf_digit(16));
  for (char c : std::string("0123456789*#ABCD")) EXPECT_EQ(dtmf_digit(*dtmf_event_code(c)), c);
}

TEST(TelephoneEvent, NamesForPeople) {
  EXPECT_EQ(telephone_event_name(0), "0");
  EXPECT_EQ(telephone_event_name(10), "*");
  EXPECT_EQ(telephone_event_name(15), "D");
  EXPECT_EQ(telephone_event_name(16), "flash");
  EXPECT_EQ(telephone_event_name(17), "?");
}

}  // namespace
}  // namespace sipconf::sip
