#pragma once

#include "harness/judge/wire_selection.h"
#include "harness/manifest/expectation.h"
#include "reports/model/run_model.h"

namespace sipconf::harness {

/// Judges an `sdp` expectation: the facts of the first audio m= line of the selected
/// message's SDP (codecs in order, offered or not, c= address, direction, profile,
/// a=crypto); `connection="sut"` means the SUT's address on the message's leg.
reports::Subtest judge_sdp(const manifest::Expectation& expectation,
                           const manifest::SdpCheck& check, const WireSelection& wire);

/// Judges a `media` expectation: the RTP streams of a leg (optionally from one party)
/// must each meet the codec, packet, loss and jitter facts; with present="false" there
/// must be none (media bypass).
reports::Subtest judge_media(const manifest::Expectation& expectation,
                             const manifest::MediaCheck& check, const WireSelection& wire);

}  // namespace sipconf::harness
