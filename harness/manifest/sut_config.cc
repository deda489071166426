#include "harness/manifest/sut_config.h"

namespace sipconf::manifest {

std::string_view to_string(SutKind kind) { return kind == SutKind::none ? "none" : "mediation"; }

std::optional<SutKind> sut_kind_from(std::string_view text) {
  if (text == "none") return SutKind::none;
  if (text == "mediation") return SutKind::mediation;
  return std::nullopt;
}

const Trunk* MediationConfig::find_trunk(std::string_view name) const {
  for (const Trunk& trunk : trunks) {
    if (trunk.name == name) return &trunk;
  }
  return nullptr;
}

}  // namespace sipconf::manifest
