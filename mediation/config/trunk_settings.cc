#include "mediation/config/trunk_settings.h"

namespace sipconf::mediation {

std::string_view to_string(SrtpMode mode) {
  switch (mode) {
    case SrtpMode::required:
      return "Required";
    case SrtpMode::optional:
      return "Optional";
    case SrtpMode::not_supported:
      return "NotSupported";
  }
  return "Required";
}

}  // namespace sipconf::mediation
