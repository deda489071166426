#include "sip/dialog/dialog_next_hop.h"

#include <gtest/gtest.h>

#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

Endpoint hop(std::string_view uri) {
  auto e = next_hop_endpoint(*Uri::parse(uri));
  EXPECT_TRUE(e) << uri;
  return e ? *e : Endpoint{};
}

TEST(NextHopEndpoint, IpLiteralsWithTransportAndDefaultPorts) {
  EXPECT_EQ(hop("sip:gw@127.0.0.90"), (Endpoint{"127.0.0.90", 5060, Transport::udp}));
  EXPECT_EQ(hop("sip:gw@127.0.0.90:5068;transport=tcp"),
            (Endpoint{"127.0.0.90", 5068, Transport::tcp}));
  EXPECT_EQ(hop("sips:gw@127.0.0.90"), (Endpoint{"127.0.0.90", 5061, Transport::tls}));
  EXPECT_EQ(hop("sips:gw@127.0.0.90;transport=tcp"),
            (Endpoint{"127.0.0.90", 5061, Transport::tls}));
  EXPECT_EQ(hop("sip:[::1]:5070;lr"), (Endpoint{"::1", 5070, Transport::udp}));
  EXPECT_EQ(hop("sip:gw@example.com:5062;maddr=127.0.0.91"),
            (Endpoint{"127.0.0.91", 5062, Transport::udp}));
}

TEST(NextHopEndpoint, NamesAndOddSchemesAreErrors) {
  EXPECT_EQ(next_hop_endpoint(*Uri::parse("sip:gw@example.com")).error(),
            make_error_code(TransportError::invalid_address));
  EXPECT_FALSE(next_hop_endpoint(*Uri::parse("tel:+14255550100")));
  EXPECT_FALSE(next_hop_endpoint(*Uri::parse("sip:gw@127.0.0.90;transport=sctp")));
  EXPECT_FALSE(next_hop_endpoint(*Uri::parse("sips:gw@127.0.0.90;transport=udp")));
}

}  // namespace
}  // namespace sipconf::sip
