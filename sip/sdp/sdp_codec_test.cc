#include "sip/sdp/sdp_codec.h"

#include <gtest/gtest.h>

#include <array>

#include "sip/sdp/sdp_testdata.h"

namespace sipconf::sip {
namespace {

using testing::read_sdp_testdata;

SessionDescription load(std::string_view name) {
  std::error_code ec;
  auto sdp = parse_sdp(read_sdp_testdata(name), ec);
  EXPECT_FALSE(ec) << name << ": " << ec.message();
  return sdp.value_or(SessionDescription{});
}

std::vector<std::string> encodings(const SdpMedia& media) {
  std::vector<std::string> out;
  for (const SdpCodec& c : codecs(media)) out.push_back(c.encoding);
  return out;
}

TEST(SdpRtpMap, ParsesEncodingClockAndChannels) {
  std::error_code ec;
  auto map = parse_rtpmap("117 G722/8000/2", ec);
  ASSERT_TRUE(map) << ec.message();
  EXPECT_EQ(*map, (SdpRtpMap{117, "G722", 8000, 2u}));
  EXPECT_EQ(format_rtpmap(*map), "117 G722/8000/2");
  map = parse_rtpmap("101 telephone-event/8000", ec);
  ASSERT_TRUE(map);
  EXPECT_FALSE(map->channels.has_value());
  EXPECT_EQ(format_rtpmap(*map), "101 telephone-event/8000");
}

TEST(SdpRtpMap, AcceptsMissingClockRateAsZero) {
  std::error_code ec;
  auto map = parse_rtpmap("31 LPC", ec);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->encoding, "LPC");
  EXPECT_EQ(map->clock_rate, 0u);
  EXPECT_EQ(format_rtpmap(*map), "31 LPC");
}

TEST(SdpRtpMap, RejectsMalformedValues) {
  for (const char* bad : {"", "8", "128 PCMA/8000", "x PCMA/8000", "8 /8000", "8 PCMA/", "8 PCMA/0",
                          "8 PCMA/8000/", "8 PCMA/8000/0", "-1 PCMA/8000"}) {
    std::error_code ec;
    EXPECT_FALSE(parse_rtpmap(bad, ec)) << bad;
    EXPECT_EQ(ec, SdpError::bad_rtpmap) << bad;
  }
}

TEST(SdpCodec, StaticPayloadTypesAreKnownWithoutRtpmap) {
  EXPECT_EQ(static_payload_type(0), (SdpRtpMap{0, "PCMU", 8000, std::nullopt}));
  EXPECT_EQ(static_payload_type(8), (SdpRtpMap{8, "PCMA", 8000, std::nullopt}));
  EXPECT_EQ(static_payload_type(9), (SdpRtpMap{9, "G722", 8000, std::nullopt}));
  EXPECT_EQ(static_payload_type(13), (SdpRtpMap{13, "CN", 8000, std::nullopt}));
  EXPECT_EQ(static_payload_type(18), (SdpRtpMap{18, "G729", 8000, std::nullopt}));
  EXPECT_EQ(static_payload_type(10), (SdpRtpMap{10, "L16", 44100, 2u}));
  EXPECT_FALSE(static_payload_type(2).has_value());
  EXPECT_FALSE(static_payload_type(101).has_value());
}

TEST(SdpCodec, Rfc4475BodyUsesStaticTableAndRtpmap) {
  SessionDescription sdp = load("rfc4475/sdp01.sdp");
  auto audio = codecs(sdp.media[0]);
  ASSERT_EQ(audio.size(), 2u);
  EXPECT_EQ(audio[0], (SdpCodec{0, "PCMU", 8000, 1, "", false}));
  EXPECT_EQ(audio[1], (SdpCodec{12, "QCELP", 8000, 1, "", false}));
  // The rtpmap wins over the static H261 assignment of 31, even without a clock rate.
  auto video = codecs(sdp.media[1]);
  ASSERT_EQ(video.size(), 1u);
  EXPECT_EQ(video[0], (SdpCodec{31, "LPC", 0, 1, "", true}));
}

TEST(SdpCodec, LyncOfferListsRtAudioAndWideband) {
  SessionDescription sdp = load("lync-offer-srtp.sdp");
  const SdpMedia& audio = sdp.media[0];
  EXPECT_EQ(encodings(audio),
            (std::vector<std::string>{"G722", "SILK", "x-msrta", "G722", "G7221", "SIREN", "PCMU",
                                      "SILK", "PCMA", "AAL2-G726-32", "x-msrta", "RED", "CN", "CN",
                                      "telephone-event"}));
  auto rtaudio = find_codec(audio, "X-MSRTA");
  ASSERT_TRUE(rtaudio);
  EXPECT_EQ(*rtaudio, (SdpCodec{114, "x-msrta", 16000, 1, "bitrate=29000", true}));
  auto stereo = codecs(audio)[0];
  EXPECT_EQ(stereo.payload_type, 117);
  EXPECT_EQ(stereo.channels, 2u);
  EXPECT_EQ(fmtp_parameters(audio, 104), "useinbandfec=1; usedtx=0");
  EXPECT_EQ(fmtp_parameters(audio, 0), std::nullopt);
  EXPECT_EQ(ptime(sdp, audio), 20u);
  EXPECT_EQ(maxptime(sdp, audio), 200u);
}

TEST(SdpCodec, GatewayG729AnnexB) {
  SessionDescription cisco = load("cisco-gateway-g729.sdp");
  auto g729 = find_codec(cisco.media[0], "g729");
  ASSERT_TRUE(g729);
  EXPECT_EQ(g729->fmtp, "annexb=no");
  auto cn = find_codec(cisco.media[0], "CN");
  ASSERT_TRUE(cn);
  EXPECT_EQ(cn->payload_type, 19);

  SessionDescription avaya = load("avaya-gateway-annexb.sdp");
  g729 = find_codec(avaya.media[0], "G729");
  ASSERT_TRUE(g729);
  EXPECT_EQ(g729->fmtp, "annexb=yes");
  EXPECT_EQ(find_codec(avaya.media[0], "telephone-event")->payload_type, 127);
  // PCMU and PCMA come from the static table: there is no rtpmap for them.
  EXPECT_EQ(encodings(avaya.media[0]),
            (std::vector<std::string>{"G729", "PCMU", "PCMA", "telephone-event"}));
  EXPECT_EQ(maxptime(avaya, avaya.media[0]), 40u);
}

TEST(SdpCodec, KeepOnlyG711ForTrunksDropsAttributesOfRemovedTypes) {
  SessionDescription sdp = load("lync-offer-srtp.sdp");
  SdpMedia& audio = sdp.media[0];
  constexpr std::array<std::string_view, 4> kTrunk{"PCMU", "PCMA", "telephone-event", "CN"};
  EXPECT_EQ(keep_codecs(audio, kTrunk), 10u);
  EXPECT_EQ(audio.formats, (std::vector<std::string>{"0", "8", "13", "118", "101"}));
  auto rtpmaps = attribute_values(audio.attributes, "rtpmap");
  EXPECT_EQ(rtpmaps, (std::vector<std::string_view>{"0 PCMU/8000", "8 PCMA/8000", "13 CN/8000",
                                                    "118 CN/16000", "101 telephone-event/8000"}));
  EXPECT_EQ(attribute_values(audio.attributes, "fmtp"), std::vector<std::string_view>{"101 0-16"});
  // The wildcard rtcp-fb and the non-codec attributes stay.
  EXPECT_EQ(attribute_values(audio.attributes, "rtcp-fb").size(), 1u);
  EXPECT_NE(find_attribute(audio.attributes, "x-ssrc-range"), nullptr);
  EXPECT_EQ(attribute_values(audio.attributes, "crypto").size(), 2u);
}

TEST(SdpCodec, RemoveG729FromGatewayOffer) {
  SessionDescription sdp = load("cisco-gateway-g729.sdp");
  constexpr std::array<std::string_view, 1> kDrop{"G729"};
  EXPECT_EQ(remove_codecs(sdp.media[0], kDrop), 1u);
  EXPECT_EQ(remove_codecs(sdp.media[0], kDrop), 0u);
  std::string out = serialize_sdp(sdp);
  EXPECT_EQ(out.find("G729"), std::string::npos);
  EXPECT_EQ(out.find("annexb"), std::string::npos);
  EXPECT_NE(out.find("m=audio 16434 RTP/AVP 0 8 101 19\r\n"), std::string::npos);
}

TEST(SdpCodec, RemoveByPredicateSkipsNonRtpFormats) {
  SdpMedia fax;
  fax.media = "image";
  fax.proto = "udptl";
  fax.formats = {"t38"};
  EXPECT_TRUE(codecs(fax).empty());
  EXPECT_EQ(remove_codecs_if(fax, [](const SdpCodec&) { return true; }), 0u);
  EXPECT_EQ(fax.formats, std::vector<std::string>{"t38"});
}

TEST(SdpCodec, DynamicTypeWithoutRtpmapHasNoEncoding) {
  SdpMedia m;
  m.formats = {"96"};
  auto list = codecs(m);
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0], (SdpCodec{96, "", 0, 1, "", false}));
}

TEST(SdpCodec, SessionLevelPtimeAppliesWhenMediaHasNone) {
  std::error_code ec;
  auto sdp = parse_sdp(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\na=ptime:30\r\n"
      "m=audio 4000 RTP/AVP 0\r\nm=audio 4002 RTP/AVP 8\r\na=ptime:20.0\r\n",
      ec);
  ASSERT_TRUE(sdp);
  EXPECT_EQ(ptime(*sdp, sdp->media[0]), 30u);
  EXPECT_EQ(ptime(*sdp, sdp->media[1]), 20u);
  EXPECT_EQ(maxptime(*sdp, sdp->media[1]), std::nullopt);
}

}  // namespace
}  // namespace sipconf::sip
