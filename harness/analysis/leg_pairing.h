#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "harness/analysis/dialog_index.h"
#include "harness/capture/ip_endpoint.h"

namespace sipconf::harness {

/// The two legs of one call through a middle element (a B2BUA such as the Mediation
/// Server, an SBC, or a proxy): it received the call on `inbound` and placed it on
/// `outbound`.
struct LegLink {
  std::size_t inbound = 0;
  std::size_t outbound = 0;
  /// Why the legs were paired: `sut`, `same Call-ID`, `correlated identifiers`,
  /// `same element`, `called number`, `calling number`, joined by `, `.
  std::string evidence;
};

struct LegPairingOptions {
  /// Addresses of the middle element when known (the harness's SUT): then only legs
  /// that meet there are paired, exactly. Empty: the middle elements are inferred.
  std::vector<IpAddress> middle;
  /// Longest time between the INVITE in and the INVITE out.
  uint64_t window_ns = 10'000'000'000;
};

/// Pairs the legs of calls that crossed a middle element. Each INVITE leg that some
/// element placed is matched with the leg on which that element received a call shortly
/// before, scoring the evidence: the same Call-ID (a proxy), identifiers of the first leg
/// inside the second's Call-ID or From tag, the receiving and the sending element at one
/// IP address, the same called or calling number (trailing digits, as translation rules
/// change prefixes); ties go to the oldest unpaired inbound leg, so calls are paired
/// first in, first out. A second call from the same caller is never a relay. With
/// `middle` known, a pair needs the call to enter and leave through it; otherwise it
/// needs the same Call-ID, correlated identifiers, the same element carrying a number
/// over, or the called number within two seconds.
std::vector<LegLink> pair_legs(const std::vector<CallLeg>& legs, const LegPairingOptions& options);

/// A call end to end: the leg it began on, then the legs it was relayed on (breadth-first
/// through the links).
struct CallChain {
  std::vector<std::size_t> legs;
  std::size_t origin() const { return legs.front(); }
};

/// Groups INVITE legs into calls along the links; every INVITE leg is in exactly one call.
std::vector<CallChain> chain_calls(const std::vector<CallLeg>& legs,
                                   const std::vector<LegLink>& links);

/// Digits of a number as dialled (`+1 (425) 555-0100` -> `14255550100`).
std::string digits_of(std::string_view number);

}  // namespace sipconf::harness
