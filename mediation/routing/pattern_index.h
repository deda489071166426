#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mediation/routing/number_pattern.h"

namespace sipconf::mediation {

/// Many number patterns, and which of them may match a number without running them all: a
/// pattern with a required prefix (`^\+1425...` needs `+1425`) is a candidate only for
/// numbers that start with it, found by binary search per distinct prefix length; the
/// others are candidates for every number. With a thousand routes or rules the B2BUA thus
/// runs a handful of regexes per call instead of a thousand (bench/routing_bench.cc).
class PatternIndex {
 public:
  /// Adds a compiled pattern; its index is the number of patterns added before it.
  std::size_t add(NumberPattern pattern);

  std::size_t size() const { return patterns_.size(); }
  const NumberPattern& pattern(std::size_t index) const { return patterns_[index]; }

  /// Indexes of the patterns that may match `number` (a superset of those that do), in
  /// ascending order, into `out` (cleared first).
  void candidates(std::string_view number, std::vector<std::size_t>& out) const;

 private:
  std::vector<NumberPattern> patterns_;
  std::vector<std::size_t> unprefixed_;  ///< candidates for every number
  /// (prefix, pattern index), sorted: the patterns of one prefix are one run.
  std::vector<std::pair<std::string, std::size_t>> prefixed_;
  std::vector<std::size_t> prefix_lengths_;  ///< distinct, ascending
};

}  // namespace sipconf::mediation
