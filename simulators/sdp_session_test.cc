#include "simulators/sdp_session.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

LocalMedia local(std::vector<std::string> codecs = {"PCMU", "PCMA"}) {
  LocalMedia m;
  m.address = "127.0.0.5";
  m.port = 40000;
  m.codecs = std::move(codecs);
  m.telephone_event = 101;
  m.comfort_noise = true;
  return m;
}

sip::SessionDescription parse_session_sdp(const std::string& text) {
  std::string why;
  auto sdp = parse_body_sdp(text, why);
  EXPECT_TRUE(sdp) << why;
  return sdp.value_or(sip::SessionDescription{});
}

TEST(SdpSessionTest, OfferListsCodecsEventsAndCn) {
  SdpSession session(42, local());
  const std::string offer = session.offer(sip::SdpDirection::sendrecv);
  EXPECT_THAT(offer, HasSubstr("c=IN IP4 127.0.0.5\r\n"));
  EXPECT_THAT(offer, HasSubstr("m=audio 40000 RTP/AVP 0 8 101 13\r\n"));
  EXPECT_THAT(offer, HasSubstr("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n"));
  EXPECT_THAT(offer, HasSubstr("a=ptime:20\r\n"));
  EXPECT_THAT(offer, HasSubstr("a=sendrecv"));
}

TEST(SdpSessionTest, AnswerPicksTheOfferersFirstCommonCodec) {
  SdpSession session(42, local({"PCMU", "PCMA"}));
  const auto offer = parse_session_sdp(
      "v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
      "m=audio 5004 RTP/AVP 18 8 0 96\r\na=rtpmap:96 telephone-event/8000\r\n");
  RemoteMedia remote;
  std::string why;
  const auto answer = session.answer(offer, sip::SdpDirection::sendrecv, remote, why);
  ASSERT_TRUE(answer) << why;
  EXPECT_THAT(*answer, HasSubstr("m=audio 40000 RTP/AVP 8 96\r\n"));
  EXPECT_THAT(*answer, Not(HasSubstr(" 13")));
  EXPECT_EQ(remote.target.address, "10.0.0.9");
  EXPECT_EQ(remote.target.port, 5004);
  EXPECT_EQ(remote.target.codec, "PCMA");
  EXPECT_EQ(remote.target.telephone_event, 96);
}

TEST(SdpSessionTest, HoldOfferGetsRecvonlyAndVersionMovesOnlyOnChange) {
  SdpSession session(7, local());
  const auto offer = [](const char* direction) {
    return parse_session_sdp(
        std::string("v=0\r\no=- 1 1 IN IP4 10.0.0.9\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
                    "m=audio 5004 RTP/AVP 0\r\na=") +
        direction + "\r\n");
  };
  RemoteMedia remote;
  std::string why;
  const auto first = session.answer(offer("sendrecv"), sip::SdpDirection::sendrecv, remote, why);
  const auto same = session.answer(offer("sendrecv"), sip::SdpDirection::sendrecv, remote, why);
  EXPECT_EQ(*first, *same) << "unchanged description, unchanged version";
  const auto held = session.answer(offer("sendonly"), sip::SdpDirection::sendrecv, remote, why);
  EXPECT_THAT(*held, HasSubstr("a=recvonly"));
  EXPECT_TRUE(remote.hold);
  EXPECT_NE(parse_session_sdp(*held).origin.session_version,
            parse_session_sdp(*first).origin.session_version);
  EXPECT_FALSE(we_send(session.direction(), remote.direction));
}

TEST(SdpSessionTest, UnacceptableOffersSayWhy) {
  SdpSession session(7, local({"PCMU"}));
  RemoteMedia remote;
  std::string why;
  EXPECT_FALSE(session.answer(
      parse_session_sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
                        "m=audio 5004 RTP/AVP 8 18\r\n"),
      sip::SdpDirection::sendrecv, remote, why));
  EXPECT_EQ(why, "no G.711 codec in common");
  why.clear();
  EXPECT_FALSE(session.answer(
      parse_session_sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
                        "m=audio 5004 RTP/SAVP 0\r\n"),
      sip::SdpDirection::sendrecv, remote, why));
  EXPECT_EQ(why, "audio stream uses RTP/SAVP (sipsim sends plain RTP/AVP)");
  EXPECT_FALSE(parse_body_sdp("hello", why));
}

TEST(SdpSessionTest, DirectionsDecideWhoSends) {
  using sip::SdpDirection;
  EXPECT_TRUE(we_send(SdpDirection::sendrecv, SdpDirection::sendrecv));
  EXPECT_TRUE(we_send(SdpDirection::sendonly, SdpDirection::recvonly));
  EXPECT_FALSE(we_send(SdpDirection::recvonly, SdpDirection::sendrecv));
  EXPECT_FALSE(we_send(SdpDirection::sendrecv, SdpDirection::sendonly));
  EXPECT_FALSE(we_send(SdpDirection::inactive, SdpDirection::sendrecv));
}

}  // namespace
}  // namespace sipconf::simulators
