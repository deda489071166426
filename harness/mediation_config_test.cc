#include "harness/mediation_config.h"

#include <gtest/gtest.h>
#include <pugixml.hpp>

namespace sipconf::harness {
namespace {

TEST(MediationConfig, WritesInterfacesTrunksAndRoutesWithTheChosenAddresses) {
  scenarios::MediationConfig config;
  config.internal.transport = scenarios::Transport::tcp;
  config.internal.peer = "fe";
  config.voice_policy_usages = {"Local"};
  scenarios::Trunk trunk;
  trunk.name = "gw1";
  trunk.peer = "gw";
  trunk.transport = scenarios::Transport::udp;
  trunk.parameters.remove_plus_from_uri = true;
  trunk.parameters.srtp_mode = scenarios::SrtpMode::not_supported;
  trunk.outbound_translation = {{"^\\+(1\\d{10})$", "$1", {}}};
  trunk.response_code_translation = {{486, 34, 503, {}}};
  config.trunks = {trunk};
  scenarios::VoiceRoute route;
  route.name = "us";
  route.usage = "Local";
  route.pattern = "^\\+1";
  route.trunks = {"gw1"};
  config.routes = {route};
  MediationPlacement placement;
  placement.address = "127.0.0.12";
  placement.internal_port = 21000;
  placement.trunk_ports = {{"gw1", 21002}};
  placement.media_port_start = 22000;
  placement.media_port_count = 64;
  placement.endpoints = {{"fe", {"127.0.0.13", 21010}}, {"gw", {"127.0.0.14", 21020}}};

  pugi::xml_document document;
  ASSERT_TRUE(document.load_string(render_mediation_config(config, placement).c_str()));
  const pugi::xml_node root = document.child("mediation");
  EXPECT_STREQ(root.attribute("media-bypass").value(), "false");
  const pugi::xml_node internal = root.child("internal");
  EXPECT_STREQ(internal.attribute("address").value(), "127.0.0.12");
  EXPECT_EQ(internal.attribute("port").as_int(), 21000);
  EXPECT_STREQ(internal.attribute("transport").value(), "tcp");
  EXPECT_STREQ(internal.child("peer").attribute("address").value(), "127.0.0.13");
  EXPECT_EQ(internal.child("peer").attribute("port").as_int(), 21010);
  EXPECT_EQ(root.child("media").attribute("port-count").as_int(), 64);
  const pugi::xml_node t = root.child("trunk");
  EXPECT_STREQ(t.attribute("name").value(), "gw1");
  EXPECT_EQ(t.attribute("port").as_int(), 21002);
  EXPECT_STREQ(t.attribute("transport").value(), "udp");
  EXPECT_STREQ(t.attribute("peer-name").value(), "gw");
  EXPECT_STREQ(t.attribute("peer-address").value(), "127.0.0.14");
  EXPECT_EQ(t.attribute("peer-port").as_int(), 21020);
  EXPECT_STREQ(t.attribute("srtp-mode").value(), "not-supported");
  EXPECT_STREQ(t.attribute("remove-plus-from-uri").value(), "true");
  EXPECT_STREQ(t.attribute("enable-refer-support").value(), "true");
  EXPECT_EQ(t.attribute("max-early-dialogs").as_int(), 20);
  EXPECT_STREQ(t.child("outbound-translation").attribute("pattern").value(), "^\\+(1\\d{10})$");
  EXPECT_EQ(t.child("response-code-translation").attribute("translated").as_int(), 503);
  EXPECT_EQ(t.child("options-health").attribute("miss-threshold").as_int(), 5);
  EXPECT_STREQ(root.child("voice-policy").child("usage").attribute("name").value(), "Local");
  EXPECT_STREQ(root.child("route").child("trunk").attribute("ref").value(), "gw1");
}

}  // namespace
}  // namespace sipconf::harness
