#include "mediation/peer_directory.h"

#include <gtest/gtest.h>

#include "mediation/config/config_loader.h"

namespace sipconf::mediation {
namespace {

class PeerDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConfigLoadOptions options;
    options.check_files = false;
    ConfigLoad r = parse_config(R"(<mediation>
  <internal listen-address="127.0.0.1" listen-port="5070" transport="tcp" peer-address="127.0.0.2"/>
  <trunk name="gw1" peer="127.0.0.3" transport="udp" listen-port="5068"/>
  <trunk name="gw2" peer="127.0.0.4" listen-port="5068"/>
  <trunk name="gw3" peer="127.0.0.5" listen-port="5068"/>
  <trunk name="gw4" peer="127.0.0.5" listen-port="5078"/>
</mediation>)",
                                "peers.xml", ".", options);
    ASSERT_TRUE(r.ok()) << r.error.to_string();
    directory = PeerDirectory(*r.config);
  }

  std::optional<Peer> from(const std::string& ip, std::uint16_t local_port, sip::Transport t,
                           std::string local_ip = "127.0.0.1") {
    sip::Arrival a;
    a.remote = {ip, 40000, t};
    a.local = {local_port == 0 ? "" : local_ip, local_port, t};
    return directory.classify(a);
  }

  PeerDirectory directory;
};

TEST_F(PeerDirectoryTest, KnowsEachPeerOnItsOwnListener) {
  EXPECT_EQ(from("127.0.0.2", 5070, sip::Transport::tcp), (Peer{Side::internal, 0}));
  EXPECT_EQ(from("127.0.0.3", 5068, sip::Transport::udp), (Peer{Side::trunk, 0}));
  EXPECT_EQ(from("127.0.0.4", 5068, sip::Transport::tcp), (Peer{Side::trunk, 1}));
  // One peer behind two trunks: the listener it came in on tells which (M:N trunks).
  EXPECT_EQ(from("127.0.0.5", 5068, sip::Transport::tcp), (Peer{Side::trunk, 2}));
  EXPECT_EQ(from("127.0.0.5", 5078, sip::Transport::tcp), (Peer{Side::trunk, 3}));
}

TEST_F(PeerDirectoryTest, EverythingElseIsUntrusted) {
  EXPECT_FALSE(from("127.0.0.9", 5068, sip::Transport::udp));
  EXPECT_FALSE(from("127.0.0.3", 5070, sip::Transport::tcp)) << "a gateway on the internal port";
  EXPECT_FALSE(from("127.0.0.2", 5068, sip::Transport::tcp)) << "the Front End on a trunk port";
  EXPECT_FALSE(from("127.0.0.3", 5068, sip::Transport::tcp)) << "gw1 speaks UDP";
  EXPECT_FALSE(from("127.0.0.4", 5078, sip::Transport::tcp)) << "gw2 is not on that listener";
}

TEST_F(PeerDirectoryTest, ConnectionsWeOpenedAreKnownByThePeerAddress) {
  EXPECT_EQ(from("127.0.0.2", 0, sip::Transport::tcp), (Peer{Side::internal, 0}));
  EXPECT_EQ(from("127.0.0.4", 0, sip::Transport::tcp), (Peer{Side::trunk, 1}));
  EXPECT_FALSE(from("127.0.0.8", 0, sip::Transport::tcp));
}

}  // namespace
}  // namespace sipconf::mediation
