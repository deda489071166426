#include "simulators/sdp_session.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "simulators/sipsim_error.h"

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
  base::Diagnostics diags;
  auto sdp = parse_body_sdp(text, diags);
  EXPECT_TRUE(sdp) << refusal_text(sdp.error(), diags);
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
  base::Diagnostics diags;
  const auto answer = session.answer(offer, sip::SdpDirection::sendrecv, diags);
  ASSERT_TRUE(answer) << refusal_text(answer.error(), diags);
  EXPECT_THAT(answer->body, HasSubstr("m=audio 40000 RTP/AVP 8 96\r\n"));
  EXPECT_THAT(answer->body, Not(HasSubstr(" 13")));
  const RemoteMedia& remote = answer->remote;
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
  base::Diagnostics diags;
  const auto first = session.answer(offer("sendrecv"), sip::SdpDirection::sendrecv, diags);
  const auto same = session.answer(offer("sendrecv"), sip::SdpDirection::sendrecv, diags);
  ASSERT_TRUE(first && same);
  EXPECT_EQ(first->body, same->body) << "unchanged description, unchanged version";
  const auto held = session.answer(offer("sendonly"), sip::SdpDirection::sendrecv, diags);
  ASSERT_TRUE(held);
  EXPECT_THAT(held->body, HasSubstr("a=recvonly"));
  EXPECT_TRUE(held->remote.hold);
  EXPECT_NE(parse_session_sdp(held->body).origin.session_version,
            parse_session_sdp(first->body).origin.session_version);
  EXPECT_FALSE(we_send(session.direction(), held->remote.direction));
  EXPECT_TRUE(diags.empty());
}

TEST(SdpSessionTest, UnacceptableOffersSayWhy) {
  SdpSession session(7, local({"PCMU"}));
  base::Diagnostics diags;
  const auto no_codec = session.answer(
      parse_session_sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
                        "m=audio 5004 RTP/AVP 8 18\r\n"),
      sip::SdpDirection::sendrecv, diags);
  EXPECT_EQ(no_codec.error(), SipsimErrc::kNoCommonCodec);
  EXPECT_EQ(refusal_text(no_codec.error(), diags), "SDP: no G.711 codec in common");
  diags.clear();
  const auto secure = session.answer(
      parse_session_sdp("v=0\r\no=- 1 1 IN IP4 h\r\ns=-\r\nc=IN IP4 10.0.0.9\r\nt=0 0\r\n"
                        "m=audio 5004 RTP/SAVP 0\r\n"),
      sip::SdpDirection::sendrecv, diags);
  EXPECT_EQ(secure.error(), SipsimErrc::kNotPlainRtp);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].message, "audio stream uses RTP/SAVP (sipsim sends plain RTP/AVP)");
  diags.clear();
  EXPECT_FALSE(parse_body_sdp("v=0\r\nhello\r\n", diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.line, 2) << "the line at fault";
  EXPECT_EQ(diags[0].to_string().rfind("SDP:2: ", 0), 0u) << diags[0].to_string();
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
