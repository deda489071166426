#pragma once

#include <cstddef>

namespace sipconf::mediation {

/// When to hand freed heap pages back to the system (malloc_trim). Transactions live 32 s
/// after a call is set up (64*T1), calls for minutes: after a burst, the freed transaction
/// memory lies in holes between live calls and glibc keeps it, so the resident size shows
/// the last burst rather than the calls held. A trim is due once the live transactions fall
/// to half their peak; then the peak starts again from there, so a steady load never trims.
class HeapTrimPolicy {
 public:
  /// Peaks below `min_peak` transactions free too little to be worth a trim.
  explicit HeapTrimPolicy(std::size_t min_peak = 1000) : min_peak_(min_peak) {}

  /// Records the live transaction count (sampled periodically); true when a trim is due.
  bool observe(std::size_t transactions);

 private:
  std::size_t min_peak_;
  std::size_t peak_ = 0;
};

}  // namespace sipconf::mediation
