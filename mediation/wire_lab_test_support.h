#pragma once

// The lab of the wire tests: a mediation process between a Front End and one gateway, each
// on its own random loopback address with free ports, SIPp playing the parties.

#include <string>

#include "mediation/process_test_support.h"

namespace sipconf::mediation::testing {

struct WireLab {
  std::string mediation, fe, gw;
  std::uint16_t internal_port = 0, trunk_port = 0, metrics_port = 0, fe_port = 0, gw_port = 0;
  std::string gw_transport = "udp";  ///< "udp" or "tcp"
  fs::path dir;

  explicit WireLab(const std::string& name, std::string gateway_transport = "udp")
      : gw_transport(std::move(gateway_transport)), dir(scratch_dir(name)) {
    const auto addresses = loopback_addresses(3);
    mediation = addresses[0];
    fe = addresses[1];
    gw = addresses[2];
    internal_port = free_port(mediation);
    trunk_port = free_port(mediation);
    metrics_port = free_port(mediation);
    while (metrics_port == trunk_port || metrics_port == internal_port) {
      metrics_port = free_port(mediation);
    }
    while (trunk_port == internal_port) trunk_port = free_port(mediation);
    fe_port = free_port(fe);
    gw_port = free_port(gw);
  }

  /// The mediation's configuration: internal side over TCP (the lab switch of decision 6.2),
  /// one trunk to the gateway, every number routed to it, short timers so that transactions
  /// end within seconds.
  std::string config(const std::string& extra = {},
                     const std::string& route_pattern = "^\\+?[0-9]+$") const {
    return "<mediation>\n"
           "  <internal listen-address=\"" +
           mediation + "\" listen-port=\"" + std::to_string(internal_port) +
           "\" transport=\"tcp\" peer-address=\"" + fe + "\" peer-port=\"" +
           std::to_string(fe_port) +
           "\"/>\n"
           "  <trunk name=\"gw\" peer=\"" +
           gw + "\" peer-port=\"" + std::to_string(gw_port) + "\" transport=\"" + gw_transport +
           "\" listen-address=\"" + mediation + "\" listen-port=\"" + std::to_string(trunk_port) +
           "\"/>\n"
           "  <pstn-usage name=\"Local\">\n"
           "    <route name=\"all\" pattern=\"" +
           route_pattern +
           "\"><trunk name=\"gw\"/></route>\n"
           "  </pstn-usage>\n"
           "  <metrics address=\"" +
           mediation + "\" port=\"" + std::to_string(metrics_port) +
           "\"/>\n"
           "  <log level=\"debug\" format=\"json\"/>\n"
           "  <timers t1=\"100ms\" t2=\"400ms\" t4=\"500ms\" timer-d=\"1s\"/>\n" +
           extra + "</mediation>\n";
  }

  SippParty fe_party() const { return {fe, fe_port, "t1"}; }
  SippParty gw_party() const { return {gw, gw_port, gw_transport == "tcp" ? "t1" : "u1"}; }
  std::string internal_remote() const { return mediation + ":" + std::to_string(internal_port); }
  std::string trunk_remote() const { return mediation + ":" + std::to_string(trunk_port); }
};

}  // namespace sipconf::mediation::testing
