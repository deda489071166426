#include <gtest/gtest.h>

#include "sip/message/uri.h"

namespace sipconf::sip {
namespace {

bool eq(std::string_view a, std::string_view b) {
  auto x = Uri::parse(a);
  auto y = Uri::parse(b);
  EXPECT_TRUE(x.ok() && y.ok()) << a << " / " << b;
  return x.ok() && y.ok() && equivalent(*x, *y) && equivalent(*y, *x);
}

// The examples of RFC 3261 §19.1.4.
TEST(UriCompare, Rfc3261EquivalentExamples) {
  EXPECT_TRUE(eq("sip:%61lice@atlanta.com;transport=TCP", "sip:alice@AtLanTa.CoM;Transport=tcp"));
  EXPECT_TRUE(eq("sip:carol@chicago.com", "sip:carol@chicago.com;newparam=5"));
  EXPECT_TRUE(eq("sip:carol@chicago.com", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(eq("sip:carol@chicago.com;newparam=5", "sip:carol@chicago.com;security=on"));
  EXPECT_TRUE(eq("sip:biloxi.com;transport=tcp;method=REGISTER?to=sip:bob%40biloxi.com",
                 "sip:biloxi.com;method=REGISTER;transport=tcp?to=sip:bob%40biloxi.com"));
  EXPECT_TRUE(eq("sip:alice@atlanta.com?subject=project%20x&priority=urgent",
                 "sip:alice@atlanta.com?priority=urgent&subject=project%20x"));
}

TEST(UriCompare, Rfc3261NonEquivalentExamples) {
  EXPECT_FALSE(eq("SIP:ALICE@AtLanTa.CoM;Transport=udp", "sip:alice@AtLanTa.CoM;Transport=UDP"));
  EXPECT_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:5060"));
  EXPECT_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com;transport=udp"));
  EXPECT_FALSE(eq("sip:bob@biloxi.com", "sip:bob@biloxi.com:6000;transport=tcp"));
  EXPECT_FALSE(eq("sip:carol@chicago.com", "sip:carol@chicago.com?Subject=next%20meeting"));
  EXPECT_FALSE(eq("sip:bob@phone21.boxesbybob.com", "sip:bob@192.0.2.4"));
}

TEST(UriCompare, SchemesAndOtherDifferences) {
  EXPECT_FALSE(eq("sip:a@b.com", "sips:a@b.com"));
  EXPECT_FALSE(eq("sip:a@b.com;newparam=5", "sip:a@b.com;newparam=6"));
  EXPECT_FALSE(eq("sip:a@b.com;maddr=1.2.3.4", "sip:a@b.com"));
  EXPECT_FALSE(eq("sip:a:pw@b.com", "sip:a@b.com"));
  EXPECT_TRUE(eq("tel:+1-201-555-0123", "tel:+12015550123"));
  EXPECT_TRUE(eq("urn:x%41", "URN:xA"));
  EXPECT_FALSE(eq("urn:x", "urn:y"));
  EXPECT_FALSE(eq("sip:null-%00-a@b.com", "sip:null-@b.com"));  // escnull: no truncation
}

}  // namespace
}  // namespace sipconf::sip
