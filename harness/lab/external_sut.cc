#include "harness/lab/external_sut.h"

#include <fmt/format.h>

#include <map>
#include <set>
#include <utility>

#include "base/text_pattern.h"
#include "base/xml_file.h"
#include "harness/lab/lab_error.h"

namespace sipconf::harness {
namespace {

using base::ElementReader;

class ExternalSession final : public SutSession {
 public:
  ExternalSession(std::vector<SutInterface> interfaces,
                  std::map<std::string, NetworkAddress> pinned)
      : interfaces_(std::move(interfaces)), pinned_(std::move(pinned)) {}

  std::vector<SutInterface> interfaces() const override { return interfaces_; }

  std::optional<NetworkAddress> pinned_address(const manifest::Endpoint& endpoint) const override {
    const auto it = pinned_.find(endpoint.name);
    if (it == pinned_.end()) return std::nullopt;
    return it->second;
  }

  std::error_code start(const std::map<std::string, NetworkAddress>&, ProcessLauncher&, LabClock&,
                        base::Diagnostics&) override {
    return {};
  }
  std::optional<ProcessExit> poll_died() override { return std::nullopt; }
  std::optional<ProcessExit> stop() override { return std::nullopt; }

 private:
  std::vector<SutInterface> interfaces_;
  std::map<std::string, NetworkAddress> pinned_;
};

}  // namespace

const DescribedInterface* SutDescription::find(const std::string& name) const {
  for (const DescribedInterface& interface : interfaces) {
    if (interface.name == name) return &interface;
  }
  return nullptr;
}

std::optional<SutDescription> load_sut_description(const std::filesystem::path& file,
                                                   const NetworkAddress& sut,
                                                   base::Diagnostics& diags) {
  base::XmlFile xml;
  if (xml.load(file, diags)) return std::nullopt;
  if (xml.expect_root("sut-description", "a SUT description", diags)) return std::nullopt;
  const pugi::xml_node root = xml.root();
  const std::size_t errors_before = diags.size();
  ElementReader reader(xml, root, diags, {"name", "version", "description"});
  SutDescription description;
  description.name = reader.required("name");
  description.version = reader.text("version").value_or("");
  description.description = reader.text("description").value_or("");
  static const base::TextPattern interface_name("^(internal|trunk:[A-Za-z0-9_.-]+)$");
  std::set<std::string> names;
  for (pugi::xml_node child : root.children()) {
    if (!base::is_element(child)) continue;
    if (std::string_view(child.name()) != "interface") {
      base::report_unknown_element(xml, child, "interface", diags);
      continue;
    }
    ElementReader element(xml, child, diags, {"name", "transport", "address", "port", "peer"});
    DescribedInterface interface;
    interface.where = element.where();
    interface.name = element.required("name");
    if (!interface.name.empty() && !interface_name.matches(interface.name)) {
      element.error(
          fmt::format("interface `{}` must be `internal` or `trunk:<name>`", interface.name));
    }
    if (!names.insert(interface.name).second) {
      element.error(fmt::format("interface `{}` is described twice", interface.name));
    }
    const std::string transport = element.required("transport");
    if (auto parsed = manifest::transport_from(transport)) {
      interface.transport = *parsed;
    } else if (!transport.empty()) {
      element.error(fmt::format("unknown transport `{}` (known: udp, tcp, tls)", transport));
    }
    interface.address.ip = element.text("address").value_or(sut.ip);
    const bool internal = interface.name == "internal";
    const std::optional<std::int64_t> port = element.integer("port", 1, 65535);
    if (port) {
      interface.address.port = static_cast<std::uint16_t>(*port);
    } else if (internal && !element.has("port")) {
      interface.address.port = sut.port;
    } else if (!element.has("port")) {
      element.error(fmt::format("interface `{}` needs a `port`", interface.name));
    }
    if (!NetworkAddress::parse(NetworkAddress{interface.address.ip, 1}.to_string())) {
      element.error(fmt::format("`{}` is not an IP address", interface.address.ip));
    }
    if (std::optional<std::string> peer = element.text("peer")) {
      interface.peer = NetworkAddress::parse(*peer);
      if (!interface.peer) element.error(fmt::format("peer `{}` is not ip:port", *peer));
    }
    description.interfaces.push_back(std::move(interface));
  }
  if (description.interfaces.empty()) reader.error("<sut-description> describes no <interface>");
  if (diags.size() != errors_before) return std::nullopt;
  return description;
}

ExternalSut::ExternalSut(NetworkAddress address, SutDescription description)
    : address_(std::move(address)), description_(std::move(description)) {}

reports::SutInfo ExternalSut::describe() const {
  return reports::SutInfo{"external", description_.name, description_.version, address_.to_string(),
                          description_.description};
}

sip::Result<std::unique_ptr<SutSession>> ExternalSut::open(const manifest::CaseManifest& manifest,
                                                           const std::vector<std::string>&,
                                                           const std::filesystem::path&,
                                                           base::Diagnostics& diags) {
  std::vector<SutInterface> interfaces;
  // Each interface the case uses, with the first endpoint that uses it.
  std::map<std::string, const manifest::Endpoint*> used;
  for (const manifest::Endpoint& endpoint : manifest.endpoints) {
    used.emplace(endpoint.interface, &endpoint);
  }
  for (const auto& [name, user] : used) {
    if (name.empty()) continue;
    const DescribedInterface* described = description_.find(name);
    if (described == nullptr) {
      base::report(
          diags, user->where,
          fmt::format("the SUT description has no interface `{}`, which the case uses", name));
      return make_error_code(LabErrc::kSutCannotServeCase);
    }
    interfaces.push_back({described->name, described->address, described->transport});
  }
  // The SUT sends each interface's calls to the peer address it was configured with,
  // so the endpoint that plays that peer must listen there.
  std::map<std::string, NetworkAddress> pinned;
  auto pin = [&](const std::string& endpoint, const std::string& interface) -> bool {
    if (endpoint.empty()) return true;
    const DescribedInterface* described = description_.find(interface);
    if (described == nullptr) return true;  // Not used by the case: nothing to pin.
    if (!described->peer) {
      base::report(diags, described->where,
                   fmt::format("the SUT description gives no `peer` for interface `{}`: the SUT "
                               "must be configured to send to {}, so say where",
                               interface, endpoint));
      return false;
    }
    pinned[endpoint] = *described->peer;
    return true;
  };
  for (const manifest::Trunk& trunk : manifest.sut.mediation.trunks) {
    if (!pin(trunk.peer, "trunk:" + trunk.name)) {
      return make_error_code(LabErrc::kSutCannotServeCase);
    }
  }
  if (!pin(manifest.sut.mediation.internal.peer, "internal")) {
    return make_error_code(LabErrc::kSutCannotServeCase);
  }
  return std::unique_ptr<SutSession>(
      std::make_unique<ExternalSession>(std::move(interfaces), std::move(pinned)));
}

}  // namespace sipconf::harness
