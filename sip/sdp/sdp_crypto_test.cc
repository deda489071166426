#include "sip/sdp/sdp_crypto.h"

#include <gtest/gtest.h>

#include "sip/sdp/sdp_testdata.h"

namespace sipconf::sip {
namespace {

TEST(SdpCrypto, ParsesRfc4568ExampleWithAllParts) {
  std::error_code ec;
  const char* value =
      "1 AES_CM_128_HMAC_SHA1_80 "
      "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4;"
      "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP";
  auto crypto = parse_crypto(value, ec);
  ASSERT_TRUE(crypto) << ec.message();
  EXPECT_EQ(crypto->tag, 1u);
  EXPECT_EQ(crypto->suite, "AES_CM_128_HMAC_SHA1_80");
  ASSERT_EQ(crypto->keys.size(), 2u);
  EXPECT_EQ(crypto->keys[0],
            (SdpCryptoKey{"inline", "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", "2^20", "1:4"}));
  EXPECT_EQ(crypto->keys[1].mki, "2:4");
  EXPECT_EQ(crypto->session_params, std::vector<std::string>{"FEC_ORDER=FEC_SRTP"});
  EXPECT_EQ(format_crypto(*crypto), value);
}

TEST(SdpCrypto, LifetimeAndMkiAreOptional) {
  std::error_code ec;
  auto only_key = parse_crypto("2 AES_CM_128_HMAC_SHA1_32 inline:a2V5a2V5", ec);
  ASSERT_TRUE(only_key);
  EXPECT_EQ(only_key->keys[0], (SdpCryptoKey{"inline", "a2V5a2V5", "", ""}));
  auto mki_only = parse_crypto("2 AES_CM_128_HMAC_SHA1_32 inline:a2V5a2V5|7:2", ec);
  ASSERT_TRUE(mki_only);
  EXPECT_EQ(mki_only->keys[0].lifetime, "");
  EXPECT_EQ(mki_only->keys[0].mki, "7:2");
  EXPECT_EQ(format_crypto(*mki_only), "2 AES_CM_128_HMAC_SHA1_32 inline:a2V5a2V5|7:2");
}

TEST(SdpCrypto, RejectsMalformedValues) {
  for (const char* bad :
       {"", "1 AES_CM_128_HMAC_SHA1_80", "x AES_CM_128_HMAC_SHA1_80 inline:abc",
        "1234567890 AES_CM_128_HMAC_SHA1_80 inline:abc",
        "1 AES_CM_128_HMAC_SHA1_80 inline:", "1 AES_CM_128_HMAC_SHA1_80 inline:|2^31",
        "1 AES_CM_128_HMAC_SHA1_80 abc", "1 AES_CM_128_HMAC_SHA1_80 inline:abc|1:1|2^31",
        "1 AES_CM_128_HMAC_SHA1_80 inline:abc||1:1", "1 AES_CM_128_HMAC_SHA1_80 inline:abc;"}) {
    std::error_code ec;
    EXPECT_FALSE(parse_crypto(bad, ec)) << bad;
    EXPECT_EQ(ec, SdpError::bad_crypto) << bad;
  }
}

TEST(SdpCrypto, LyncOfferHasTwoCryptoLinesAndACryptoscale) {
  std::error_code ec;
  auto sdp = parse_sdp(testing::read_sdp_testdata("lync-offer-srtp.sdp"), ec);
  ASSERT_TRUE(sdp);
  SdpMedia& audio = sdp->media[0];
  std::size_t malformed = 99;
  auto lines = crypto_attributes(audio, &malformed);
  EXPECT_EQ(malformed, 0u);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].tag, 2u);
  EXPECT_EQ(lines[0].keys[0].lifetime, "2^31");
  EXPECT_EQ(lines[0].keys[0].mki, "1:1");
  EXPECT_EQ(lines[1].tag, 3u);
  EXPECT_EQ(lines[1].keys[0].mki, "");
  EXPECT_EQ(lines[0].keys[0].key_salt.size(), 40u);

  // Toward a TCP trunk no key may leave (SEC-04): cryptoscale carries one too.
  EXPECT_EQ(remove_crypto(audio), 3u);
  std::string out = serialize_sdp(*sdp);
  EXPECT_EQ(out.find("crypto"), std::string::npos);
  EXPECT_EQ(out.find("inline:"), std::string::npos);
}

TEST(SdpCrypto, AddPutsNewLineAfterExistingCryptoOrAtEnd) {
  SdpMedia m;
  m.attributes = {{"rtpmap", "0 PCMU/8000"}, {"ptime", "20"}};
  SdpCrypto c{1, "AES_CM_128_HMAC_SHA1_80", {{"inline", "a2V5", "2^31", ""}}, {}};
  add_crypto(m, c);
  ASSERT_EQ(m.attributes.size(), 3u);
  EXPECT_EQ(m.attributes[2],
            (SdpAttribute{"crypto", "1 AES_CM_128_HMAC_SHA1_80 inline:a2V5|2^31"}));

  m.attributes.insert(m.attributes.begin(), {"crypto", "9 AES_CM_128_HMAC_SHA1_32 inline:b2xk"});
  c.tag = 2;
  add_crypto(m, c);
  ASSERT_EQ(m.attributes.size(), 5u);
  EXPECT_EQ(m.attributes[4].value, "2 AES_CM_128_HMAC_SHA1_80 inline:a2V5|2^31");
  EXPECT_EQ(crypto_attributes(m).size(), 3u);
}

TEST(SdpCrypto, MalformedLinesAreCountedNotReturned) {
  SdpMedia m;
  m.attributes = {{"crypto", "garbage"}, {"crypto", "1 AES_CM_128_HMAC_SHA1_80 inline:a2V5"}};
  std::size_t malformed = 0;
  auto lines = crypto_attributes(m, &malformed);
  EXPECT_EQ(malformed, 1u);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0].keys[0].key_salt, "a2V5");
}

}  // namespace
}  // namespace sipconf::sip
