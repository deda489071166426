#include "sip/sdp/sdp.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sip/sdp/sdp_testdata.h"

namespace sipconf::sip {
namespace {

using testing::read_sdp_testdata;

SessionDescription parse_sdp_ok(std::string_view text, SdpParseInfo* info = nullptr) {
  std::error_code ec;
  auto sdp = parse_sdp(text, ec, info);
  EXPECT_FALSE(ec) << ec.message();
  EXPECT_TRUE(sdp.has_value());
  return sdp.value_or(SessionDescription{});
}

struct Failure {
  std::error_code ec;
  std::size_t line = 0;
};

Failure parse_failure(std::string_view text, const SdpLimits& limits = {}) {
  std::error_code ec;
  SdpParseInfo info;
  auto sdp = parse_sdp(text, ec, &info, limits);
  EXPECT_FALSE(sdp.has_value());
  return {ec, info.error_line};
}

// The bodies of RFC 4475 that are canonical SDP must come back byte for byte.
class Rfc4475Canonical : public ::testing::TestWithParam<const char*> {};

TEST_P(Rfc4475Canonical, ParsesAndSerializesByteExact) {
  std::string body = read_sdp_testdata(std::string("rfc4475/") + GetParam() + ".sdp");
  ASSERT_FALSE(body.empty());
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(body, &info);
  EXPECT_FALSE(info.leniency.any());
  EXPECT_EQ(serialize_sdp(sdp), body);
  EXPECT_EQ(sdp.origin.username, "mhandley");
  EXPECT_EQ(sdp.origin.session_id, "29739");
  EXPECT_EQ(sdp.origin.session_version, "7272939");
  ASSERT_EQ(sdp.media.size(), 2u);
  EXPECT_EQ(sdp.media[0].media, "audio");
  EXPECT_EQ(sdp.media[0].port, 49217);
  EXPECT_EQ(sdp.media[0].proto, "RTP/AVP");
  EXPECT_EQ(sdp.media[0].formats, (std::vector<std::string>{"0", "12"}));
  EXPECT_EQ(sdp.media[1].media, "video");
  EXPECT_EQ(sdp.media[1].port, 3227);
  ASSERT_EQ(sdp.media[1].attributes.size(), 1u);
  EXPECT_EQ(sdp.media[1].attributes[0], (SdpAttribute{"rtpmap", "31 LPC"}));
  ASSERT_TRUE(sdp.connection.has_value());
  EXPECT_EQ(sdp.connection->addr_type, "IP4");
  EXPECT_EQ(sdp.connection->address.rfind("192.0.2.", 0), 0u);
}

INSTANTIATE_TEST_SUITE_P(Bodies, Rfc4475Canonical,
                         ::testing::Values("baddate", "badinv01", "bcast", "clerr", "esc01",
                                           "escruri", "insuf", "longreq", "ltgtruri", "lwsruri",
                                           "lwsstart", "ncl", "quotbal", "sdp01", "unreason",
                                           "wsinv"));

TEST(Sdp, Rfc4475LargeStartTime) {
  SessionDescription sdp = parse_sdp_ok(read_sdp_testdata("rfc4475/ltgtruri.sdp"));
  ASSERT_EQ(sdp.times.size(), 1u);
  EXPECT_EQ(sdp.times[0].start, 3149328700u);
  EXPECT_EQ(sdp.times[0].stop, 0u);
}

TEST(Sdp, Rfc4475Rfc2543BodyHasOneStream) {
  std::string body = read_sdp_testdata("rfc4475/inv2543.sdp");
  SessionDescription sdp = parse_sdp_ok(body);
  ASSERT_EQ(sdp.media.size(), 1u);
  EXPECT_EQ(sdp.media[0].formats, std::vector<std::string>{"0"});
  EXPECT_EQ(serialize_sdp(sdp), body);
}

TEST(Sdp, Rfc4475MissingSessionNameAndTimingIsLenient) {
  std::string body = read_sdp_testdata("rfc4475/mismatch02.sdp");
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(body, &info);
  EXPECT_TRUE(info.leniency.missing_session_name);
  EXPECT_TRUE(info.leniency.missing_timing);
  EXPECT_FALSE(sdp.session_name.has_value());
  EXPECT_TRUE(sdp.times.empty());
  EXPECT_EQ(sdp.media.size(), 2u);
  // Nothing is invented: the shape written is the shape read.
  EXPECT_EQ(serialize_sdp(sdp), body);
}

TEST(Sdp, Rfc4475TrailingBlankLineIsSkipped) {
  std::string body = read_sdp_testdata("rfc4475/multi01.sdp");
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(body, &info);
  EXPECT_TRUE(info.leniency.empty_lines);
  ASSERT_GE(body.size(), 2u);
  EXPECT_EQ(serialize_sdp(sdp), body.substr(0, body.size() - 2));
}

TEST(Sdp, Rfc4475SpaceBeforeEqualsIsBadLine) {
  Failure f = parse_failure(read_sdp_testdata("rfc4475/dblreq.sdp"));
  EXPECT_EQ(f.ec, SdpError::bad_line);
  EXPECT_EQ(f.line, 7u);
}

TEST(Sdp, Rfc4475LineWithoutEqualsIsBadLine) {
  Failure f = parse_failure(read_sdp_testdata("rfc4475/test.sdp"));
  EXPECT_EQ(f.ec, SdpError::bad_line);
  EXPECT_EQ(f.line, 2u);
}

// Real-world shapes in canonical order round-trip byte for byte, including Lync's trailing
// space after `typ host` and property attributes.
class RealWorldCanonical : public ::testing::TestWithParam<const char*> {};

TEST_P(RealWorldCanonical, RoundTripsByteExact) {
  std::string body = read_sdp_testdata(GetParam());
  ASSERT_FALSE(body.empty());
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(body, &info);
  EXPECT_FALSE(info.leniency.any());
  EXPECT_EQ(serialize_sdp(sdp), body);
}

INSTANTIATE_TEST_SUITE_P(Shapes, RealWorldCanonical,
                         ::testing::Values("lync-offer-srtp.sdp", "cisco-gateway-g729.sdp",
                                           "avaya-gateway-annexb.sdp", "hold-sendonly.sdp",
                                           "hold-rfc2543.sdp"));

TEST(Sdp, LyncOfferKeepsIceAndUnknownAttributesInOrder) {
  SessionDescription sdp = parse_sdp_ok(read_sdp_testdata("lync-offer-srtp.sdp"));
  ASSERT_EQ(sdp.media.size(), 1u);
  const SdpMedia& audio = sdp.media[0];
  EXPECT_EQ(audio.proto, "RTP/SAVP");
  ASSERT_EQ(sdp.bandwidths.size(), 1u);
  EXPECT_EQ(sdp.bandwidths[0], (SdpBandwidth{"CT", 99980}));
  ASSERT_GE(audio.attributes.size(), 8u);
  EXPECT_EQ(audio.attributes[0], (SdpAttribute{"x-ssrc-range", "2543869696-2543869696"}));
  EXPECT_EQ(audio.attributes[2], (SdpAttribute{"rtcp-rsize", std::nullopt}));
  EXPECT_EQ(audio.attributes[7],
            (SdpAttribute{"candidate", "1 1 UDP 2130706431 10.20.30.41 19852 typ host "}));
  EXPECT_EQ(attribute_values(audio.attributes, "candidate").size(), 6u);
  ASSERT_NE(find_attribute(audio.attributes, "ice-ufrag"), nullptr);
  EXPECT_EQ(find_attribute(audio.attributes, "ice-ufrag")->value, "Xb7q");
  EXPECT_EQ(find_attribute(audio.attributes, "no-such"), nullptr);
}

TEST(Sdp, BareLineFeedsAreAcceptedAndWrittenAsCrlf) {
  std::string body = read_sdp_testdata("pbx-bare-lf.sdp");
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(body, &info);
  EXPECT_TRUE(info.leniency.bare_lf);
  EXPECT_TRUE(info.leniency.empty_lines);
  ASSERT_EQ(sdp.media.size(), 1u);
  EXPECT_EQ(sdp.media[0].formats, (std::vector<std::string>{"8", "0", "101"}));
  std::string expected;
  for (char c : body.substr(0, body.size() - 1)) {
    if (c == '\n') expected += '\r';
    expected += c;
  }
  EXPECT_EQ(serialize_sdp(sdp), expected);
}

TEST(Sdp, MissingFinalLineEndingIsLenient) {
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0", &info);
  EXPECT_TRUE(info.leniency.missing_final_eol);
  EXPECT_EQ(serialize_sdp(sdp), "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n");
}

TEST(Sdp, ExtraWhitespaceInFieldsIsCollapsed) {
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(
      "v=0\r\no=-  1 1 IN\tIP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1 \r\nt=0 0\r\n"
      "m=audio  4000 RTP/AVP 0  8\r\n",
      &info);
  EXPECT_TRUE(info.leniency.extra_whitespace);
  EXPECT_EQ(sdp.origin.address.addr_type, "IP4");
  EXPECT_EQ(sdp.connection->address, "192.0.2.1");
  EXPECT_EQ(sdp.media[0].formats, (std::vector<std::string>{"0", "8"}));
  EXPECT_EQ(serialize_sdp(sdp),
            "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n"
            "m=audio 4000 RTP/AVP 0 8\r\n");
}

TEST(Sdp, SpacesInOriginUsernameAreKept) {
  SdpParseInfo info;
  SessionDescription sdp =
      parse_sdp_ok("v=0\r\no=Acme PBX 5 6 IN IP4 192.0.2.9\r\ns=-\r\nt=0 0\r\n", &info);
  EXPECT_TRUE(info.leniency.spaces_in_origin_username);
  EXPECT_EQ(sdp.origin.username, "Acme PBX");
  EXPECT_EQ(sdp.origin.session_id, "5");
  EXPECT_EQ(sdp.origin.address.address, "192.0.2.9");
}

TEST(Sdp, NonCanonicalOrderIsNormalized) {
  // a= before c= at session level, k= after a= in media, u= after c=.
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\na=recvonly\r\nc=IN IP4 192.0.2.1\r\n"
      "u=http://example.com/\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\na=ptime:20\r\nk=prompt\r\n",
      &info);
  EXPECT_TRUE(info.leniency.non_canonical_order);
  std::string canonical =
      "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nu=http://example.com/\r\nc=IN IP4 192.0.2.1\r\n"
      "t=0 0\r\na=recvonly\r\nm=audio 4000 RTP/AVP 0\r\nk=prompt\r\na=ptime:20\r\n";
  EXPECT_EQ(serialize_sdp(sdp), canonical);
  SdpParseInfo again;
  EXPECT_EQ(parse_sdp_ok(canonical, &again), sdp);
  EXPECT_FALSE(again.leniency.any());
}

TEST(Sdp, AllLineTypesRoundTrip) {
  std::string text =
      "v=0\r\no=jdoe 2890844526 2890842807 IN IP4 10.47.16.5\r\ns=SDP Seminar\r\n"
      "i=A Seminar on the session description protocol\r\n"
      "u=http://www.example.com/seminars/sdp.pdf\r\ne=j.doe@example.com (Jane Doe)\r\n"
      "p=+1 617 555-6011\r\nc=IN IP4 224.2.17.12/127\r\nb=AS:128\r\n"
      "t=2873397496 2873404696\r\nr=7d 1h 0 25h\r\nz=2882844526 -1h 2898848070 0\r\n"
      "k=clear:secret\r\nx=experimental\r\na=recvonly\r\n"
      "m=audio 49170 RTP/AVP 0\r\ni=main audio\r\nc=IN IP4 224.2.17.12/127\r\nb=TIAS:64000\r\n"
      "k=prompt\r\nm=video 51372/2 RTP/AVP 99\r\na=rtpmap:99 h263-1998/90000\r\n"
      "m=application 9 TCP/BFCP *\r\na=floorctrl:c-s\r\na=confid:\r\n";
  SdpParseInfo info;
  SessionDescription sdp = parse_sdp_ok(text, &info);
  EXPECT_TRUE(info.leniency.unknown_line_types);
  EXPECT_FALSE(info.leniency.non_canonical_order);
  EXPECT_EQ(serialize_sdp(sdp), text);
  ASSERT_EQ(sdp.times.size(), 1u);
  EXPECT_EQ(sdp.times[0].repeats, std::vector<std::string>{"7d 1h 0 25h"});
  EXPECT_EQ(sdp.connection->address, "224.2.17.12/127");
  EXPECT_EQ(sdp.media[0].other_lines, (std::vector<SdpLine>{{'i', "main audio"}, {'k', "prompt"}}));
  EXPECT_EQ(sdp.media[0].bandwidths, (std::vector<SdpBandwidth>{{"TIAS", 64000}}));
  EXPECT_EQ(sdp.media[1].port, 51372);
  EXPECT_EQ(sdp.media[1].port_count, 2u);
  EXPECT_EQ(sdp.media[2].formats, std::vector<std::string>{"*"});
  // An empty value ("a=confid:") differs from a property attribute ("a=confid").
  EXPECT_EQ(sdp.media[2].attributes[1], (SdpAttribute{"confid", ""}));
}

TEST(Sdp, BuildsADescriptionFromScratch) {
  SessionDescription sdp;
  sdp.origin.address.address = "127.0.0.20";
  sdp.connection = SdpConnection{"IN", "IP4", "127.0.0.20"};
  SdpMedia& audio = sdp.media.emplace_back();
  audio.port = 30000;
  audio.formats = {"0", "101"};
  audio.attributes = {{"rtpmap", "101 telephone-event/8000"}, {"sendrecv", std::nullopt}};
  EXPECT_EQ(serialize_sdp(sdp),
            "v=0\r\no=- 0 0 IN IP4 127.0.0.20\r\ns=-\r\nc=IN IP4 127.0.0.20\r\nt=0 0\r\n"
            "m=audio 30000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n");
}

TEST(Sdp, RemoveAttributesCountsAndKeepsOthersInOrder) {
  std::vector<SdpAttribute> attrs{
      {"candidate", "1"}, {"ptime", "20"}, {"candidate", "2"}, {"ice-ufrag", "x"}};
  EXPECT_EQ(remove_attributes(attrs, "candidate"), 2u);
  EXPECT_EQ(attrs, (std::vector<SdpAttribute>{{"ptime", "20"}, {"ice-ufrag", "x"}}));
  EXPECT_EQ(remove_attributes(attrs, "candidate"), 0u);
}

struct ErrorCase {
  const char* name;
  std::string text;
  SdpError error;
  std::size_t line;
};

class SdpErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(SdpErrors, ReportsCodeAndLine) {
  Failure f = parse_failure(GetParam().text);
  EXPECT_EQ(f.ec, GetParam().error) << f.ec.message();
  EXPECT_EQ(f.line, GetParam().line);
  EXPECT_EQ(f.ec.category().name(), std::string("sipconf.sdp"));
  EXPECT_FALSE(f.ec.message().empty());
}

const std::string kHead = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";

INSTANTIATE_TEST_SUITE_P(
    Cases, SdpErrors,
    ::testing::Values(
        ErrorCase{"empty", "", SdpError::empty, 0},
        ErrorCase{"blank_only", "\r\n\r\n", SdpError::missing_version, 0},
        ErrorCase{"no_version", "o=- 1 1 IN IP4 192.0.2.1\r\n", SdpError::missing_version, 1},
        ErrorCase{"version_one", "v=1\r\n", SdpError::bad_version, 1},
        ErrorCase{"no_origin", "v=0\r\ns=-\r\n", SdpError::missing_origin, 0},
        ErrorCase{"short_origin", "v=0\r\no=- 1 1 IN IP4\r\n", SdpError::bad_origin, 2},
        ErrorCase{"two_versions", kHead + "v=0\r\n", SdpError::duplicate_line, 5},
        ErrorCase{"two_origins", kHead + "o=- 1 1 IN IP4 192.0.2.1\r\n", SdpError::duplicate_line,
                  5},
        ErrorCase{"two_names", kHead + "s=x\r\n", SdpError::duplicate_line, 5},
        ErrorCase{"two_session_c", kHead + "c=IN IP4 1.2.3.4\r\nc=IN IP4 1.2.3.4\r\n",
                  SdpError::duplicate_line, 6},
        ErrorCase{"short_c", kHead + "c=IN IP4\r\n", SdpError::bad_connection, 5},
        ErrorCase{"bad_b", kHead + "b=AS\r\n", SdpError::bad_bandwidth, 5},
        ErrorCase{"bad_b_value", kHead + "b=AS:x\r\n", SdpError::bad_bandwidth, 5},
        ErrorCase{"bad_t", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0\r\n",
                  SdpError::bad_timing, 4},
        ErrorCase{"negative_t", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=-1 0\r\n",
                  SdpError::bad_timing, 4},
        ErrorCase{"r_before_t", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nr=1d 1h 0\r\n",
                  SdpError::misplaced_line, 4},
        ErrorCase{"short_m", kHead + "m=audio 4000\r\n", SdpError::bad_media, 5},
        ErrorCase{"port_range", kHead + "m=audio 65536 RTP/AVP 0\r\n", SdpError::bad_port, 5},
        ErrorCase{"port_text", kHead + "m=audio x RTP/AVP 0\r\n", SdpError::bad_port, 5},
        ErrorCase{"port_count_zero", kHead + "m=audio 4000/0 RTP/AVP 0\r\n", SdpError::bad_port, 5},
        ErrorCase{"t_in_media", kHead + "m=audio 4000 RTP/AVP 0\r\nt=0 0\r\n",
                  SdpError::misplaced_line, 6},
        ErrorCase{"empty_attribute", kHead + "a=:x\r\n", SdpError::bad_attribute, 5},
        ErrorCase{"not_a_letter", kHead + "1=x\r\n", SdpError::bad_line, 5},
        ErrorCase{"no_equals", kHead + "a\r\n", SdpError::bad_line, 5}),
    [](const ::testing::TestParamInfo<ErrorCase>& p) { return std::string(p.param.name); });

TEST(Sdp, LimitsBoundUntrustedInput) {
  SdpLimits limits;
  limits.max_bytes = 64;
  std::string big = kHead + "a=" + std::string(100, 'x') + "\r\n";
  EXPECT_EQ(parse_failure(big, limits).ec, SdpError::too_large);
  limits = {};
  limits.max_lines = 6;
  std::string many = kHead + "a=a\r\na=b\r\na=c\r\n";
  Failure f = parse_failure(many, limits);
  EXPECT_EQ(f.ec, SdpError::too_large);
  EXPECT_EQ(f.line, 7u);
}

TEST(Sdp, ErrorOnLaterLineIgnoresEarlierLeniency) {
  std::error_code ec;
  SdpParseInfo info;
  auto sdp = parse_sdp("v=0\no=- 1 1 IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 0\nbogus\n", ec, &info);
  EXPECT_FALSE(sdp);
  EXPECT_EQ(ec, SdpError::bad_line);
  EXPECT_EQ(info.error_line, 4u);
  EXPECT_TRUE(info.leniency.bare_lf);
}

}  // namespace
}  // namespace sipconf::sip
