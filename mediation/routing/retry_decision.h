#pragma once

namespace sipconf::mediation {

/// HF-03: whether a failed attempt on one trunk moves the call on to the next candidate
/// (next trunk of the route, then the next route or usage). `status` is the trunk's final
/// response after response code translation (TC-14), or what the transaction layer reports
/// for an attempt without one: 408 for Timer B, 503 for a transport failure. Any 5xx and 408
/// move on; every other 4xx (486 busy, 404 ...) and every 6xx is the callee's answer and is
/// relayed.
constexpr bool moves_to_next_trunk(int status) { return status == 408 || status / 100 == 5; }

}  // namespace sipconf::mediation
