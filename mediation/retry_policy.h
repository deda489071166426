#pragma once

#include "mediation/config/config.h"
#include "sip/message/message.h"

namespace sipconf::mediation {

/// Decides whether a failed attempt on one trunk moves the call on to the next trunk of its
/// route candidates (RouteCandidates). Failover on 5xx (HF-03), the fast failover timer
/// (TC-11) and response code translation (TC-14) plug in here; the B2BUA asks before it
/// relays a final failure, and only while nothing of the attempt (no 18x) reached the caller.
class RetryPolicy {
 public:
  virtual ~RetryPolicy() = default;
  /// `status` is the attempt's final response, or 408/503 for a timeout/transport failure
  /// (`response` is then nullptr).
  virtual bool retry(const TrunkConfig& trunk, int status, const sip::Message* response) const = 0;
};

/// Every final response is relayed as it is.
class NeverRetry final : public RetryPolicy {
 public:
  bool retry(const TrunkConfig&, int, const sip::Message*) const override { return false; }
};

}  // namespace sipconf::mediation
