#pragma once

#include "base/result.h"

namespace sipconf::sip {

/// The message layer's parsers return base's Result: one outcome type from the files users
/// write down to the packets.
using base::Result;

}  // namespace sipconf::sip
