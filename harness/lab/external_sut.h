#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "harness/lab/network_address.h"
#include "harness/lab/sut.h"

namespace sipconf::harness {

/// One interface of an external SUT, from its description file.
struct DescribedInterface {
  std::string name;  ///< `internal` or `trunk:<name>`
  NetworkAddress address;
  manifest::Transport transport = manifest::Transport::tcp;
  /// Where the SUT sends calls out of this interface: the endpoint playing the peer
  /// (a gateway for a trunk, the Front End for `internal`) must listen exactly here.
  std::optional<NetworkAddress> peer;
  base::SourceLocation where;
};

/// What a user writes to point the suites at their own IP-PBX, gateway or SBC
/// (`--sut HOST:PORT --sut-description FILE`):
///
///   <sut-description name="Acme SBC" version="5.1" description="lab unit 2">
///     <interface name="internal" transport="tcp" peer="127.0.0.3:5061"/>
///     <interface name="trunk:gw1" transport="udp" port="5068" peer="127.0.0.4:5066"/>
///   </sut-description>
///
/// `address` defaults to HOST and, for `internal`, `port` defaults to PORT.
struct SutDescription {
  std::string name;
  std::string version;
  std::string description;
  std::vector<DescribedInterface> interfaces;

  const DescribedInterface* find(const std::string& name) const;
};

/// Parses a description file; problems are `file:line: message` diagnostics.
std::optional<SutDescription> load_sut_description(const std::filesystem::path& file,
                                                   const NetworkAddress& sut,
                                                   base::Diagnostics& diags);

/// A SUT the user runs: the harness does not start or stop it, it only points the
/// case's endpoints at its interfaces and puts the trunk peers where it sends calls.
class ExternalSut final : public SystemUnderTest {
 public:
  ExternalSut(NetworkAddress address, SutDescription description);

  reports::SutInfo describe() const override;
  std::size_t addresses_needed() const override { return 0; }
  bool parallel_cases() const override { return false; }
  sip::Result<std::unique_ptr<SutSession>> open(const manifest::CaseManifest& manifest,
                                                const std::vector<std::string>& addresses,
                                                const std::filesystem::path& directory,
                                                base::Diagnostics& diags) override;

 private:
  NetworkAddress address_;
  SutDescription description_;
};

}  // namespace sipconf::harness
