#pragma once

#include <cstdint>

/// G.711 companding (ITU-T G.711, the segment tables as in its reference code). Written here
/// because it is a few lines of integer arithmetic and no packaged library offers it alone.
namespace sipconf::simulators {

std::uint8_t linear_to_ulaw(std::int16_t sample);
std::int16_t ulaw_to_linear(std::uint8_t code);
std::uint8_t linear_to_alaw(std::int16_t sample);
std::int16_t alaw_to_linear(std::uint8_t code);

}  // namespace sipconf::simulators
