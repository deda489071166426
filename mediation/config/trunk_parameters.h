#pragma once

#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "mediation/config/trunk_settings.h"

/// The scalar Lync trunk parameters as ONE table: the loader reads them, the writer writes
/// them, case manifests name them and mediation/README.md lists them from these rows, so a
/// parameter is added, renamed or documented in one place.
namespace sipconf::mediation {

/// `true` or `false`.
struct BooleanParameter {
  bool TrunkParameters::*member;
};

/// A whole number within [min, max].
struct IntegerParameter {
  int TrunkParameters::*member;
  int min;
  int max;
};

/// Free text.
struct TextParameter {
  std::string TrunkParameters::*member;
};

/// One of the SRTPMode values of srtp_mode_names().
struct SrtpModeParameter {
  SrtpMode TrunkParameters::*member;
};

/// An SRTPMode value as the configuration file (Lync's spelling) and a case manifest
/// (kebab case) write it.
struct SrtpModeName {
  SrtpMode value;
  std::string_view name;
  std::string_view manifest_name;
};

/// One scalar Lync trunk parameter: an attribute of a trunk's <configuration>.
struct TrunkParameter {
  std::string_view name;  ///< as Lync and the configuration file write it
  /// The attribute of a case manifest's <trunk>, kebab case; empty: manifests do not set it.
  std::string_view manifest_name;
  std::string_view meaning;  ///< one line for the README
  std::variant<BooleanParameter, IntegerParameter, TextParameter, SrtpModeParameter> kind;
};

/// Every scalar trunk parameter, in the order of Set-CsTrunkConfiguration's help (spec
/// section 4), which the loader checks and the writer writes in.
std::span<const TrunkParameter> trunk_parameters();

/// Required, Optional, NotSupported.
std::span<const SrtpModeName> srtp_mode_names();

/// The parameter's value in `parameters` as the configuration file writes it.
std::string format_value(const TrunkParameter& parameter, const TrunkParameters& parameters);

/// Sets the parameter in `parameters` from its text in the configuration file; false with a
/// reason in `why` (a phrase that completes "... is not valid: ") when the text is not valid.
bool parse_value(const TrunkParameter& parameter, std::string_view text,
                 TrunkParameters& parameters, std::string& why);

/// The values the parameter takes, for people: "true or false", "1..1000", "text",
/// "Required, Optional or NotSupported".
std::string value_range(const TrunkParameter& parameter);

}  // namespace sipconf::mediation
