#include "mediation/heap_trim_policy.h"

#include <algorithm>

namespace sipconf::mediation {

bool HeapTrimPolicy::observe(std::size_t transactions) {
  peak_ = std::max(peak_, transactions);
  if (peak_ < min_peak_ || transactions > peak_ / 2) return false;
  peak_ = transactions;
  return true;
}

}  // namespace sipconf::mediation
