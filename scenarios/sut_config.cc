#include "scenarios/sut_config.h"

namespace sipconf::scenarios {

std::string_view to_string(SutKind kind) { return kind == SutKind::none ? "none" : "mediation"; }

std::string_view to_string(SrtpMode mode) {
  switch (mode) {
    case SrtpMode::required:
      return "required";
    case SrtpMode::optional:
      return "optional";
    case SrtpMode::not_supported:
      return "not-supported";
  }
  return "?";
}

std::optional<SutKind> sut_kind_from(std::string_view text) {
  if (text == "none") return SutKind::none;
  if (text == "mediation") return SutKind::mediation;
  return std::nullopt;
}

std::optional<SrtpMode> srtp_mode_from(std::string_view text) {
  if (text == "required") return SrtpMode::required;
  if (text == "optional") return SrtpMode::optional;
  if (text == "not-supported") return SrtpMode::not_supported;
  return std::nullopt;
}

const Trunk* MediationConfig::find_trunk(std::string_view name) const {
  for (const Trunk& trunk : trunks) {
    if (trunk.name == name) return &trunk;
  }
  return nullptr;
}

}  // namespace sipconf::scenarios
