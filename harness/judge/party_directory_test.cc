#include "harness/judge/party_directory.h"

#include <gtest/gtest.h>

#include "harness/testing/analysis_test_support.h"

namespace sipconf::harness {
namespace {

using testing::ep;

/// A Lync front end on the internal interface, a gateway on trunk gw1, the SUT's two
/// interfaces on one address.
PartyDirectory directory() {
  return PartyDirectory({
      {"fe", false, ep("127.0.0.3:5070"), "internal", ""},
      {"sut-internal", true, ep("127.0.0.2:5070"), "internal", ""},
      {"sut-gw1", true, ep("127.0.0.2:5068"), "trunk:gw1", ""},
      {"gw1", false, ep("127.0.0.4:5066"), "trunk:gw1", ""},
  });
}

TEST(PartyDirectory, ExactAddressesFirst) {
  const PartyDirectory d = directory();
  EXPECT_EQ(d.name_of(ep("127.0.0.2:5068"), ep("127.0.0.4:5066")), "sut-gw1");
  EXPECT_EQ(d.name_of(ep("127.0.0.3:5070"), ep("127.0.0.2:5070")), "fe");
}

TEST(PartyDirectory, EphemeralPortsByIpAndPeer) {
  const PartyDirectory d = directory();
  // The gateway's TCP connection from an ephemeral port.
  EXPECT_EQ(d.name_of(ep("127.0.0.4:40001"), ep("127.0.0.2:5068")), "gw1");
  // The SUT connecting out to the gateway from an ephemeral port: the interface that
  // talks to gw1.
  EXPECT_EQ(d.name_of(ep("127.0.0.2:40002"), ep("127.0.0.4:5066")), "sut-gw1");
  EXPECT_EQ(d.name_of(ep("127.0.0.2:40003"), ep("127.0.0.3:5070")), "sut-internal");
  EXPECT_EQ(d.name_of(ep("127.0.0.9:5060"), ep("127.0.0.2:5070")), "127.0.0.9:5060");
}

TEST(PartyDirectory, LegsAreNamedAfterTheNonSutParty) {
  const PartyDirectory d = directory();
  EXPECT_EQ(d.leg_between(d.by_name("sut-gw1"), d.by_name("gw1")), "gw1");
  EXPECT_EQ(d.leg_between(d.by_name("fe"), d.by_name("sut-internal")), "fe");
  EXPECT_EQ(d.sut_addresses().size(), 1u);
  EXPECT_EQ(d.find_host(ep("127.0.0.4:1").ip)->name, "gw1");
  EXPECT_TRUE(d.find_host(ep("127.0.0.2:1").ip)->sut);
}

TEST(PartyDirectory, WithoutASutTheCallerNamesTheLeg) {
  const PartyDirectory d({{"callee", false, ep("127.0.0.10:5060"), "", ""},
                          {"caller", false, ep("127.0.0.11:5060"), "", "callee"}});
  EXPECT_EQ(d.leg_between(d.by_name("callee"), d.by_name("caller")), "caller");
  EXPECT_EQ(d.leg_between(d.by_name("caller"), d.by_name("callee")), "caller");
  EXPECT_TRUE(d.sut_addresses().empty());
}

}  // namespace
}  // namespace sipconf::harness
