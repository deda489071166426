#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "mediation/routing/number_pattern.h"

namespace sipconf::mediation {

/// Many number patterns, and which of them may match a number without running them all: a
/// pattern with a required prefix (`^\+1425...` needs `+1425`) is a candidate only for
/// numbers that start with it, found by walking the number's characters down a trie of the
/// prefixes; the others are candidates for every number. With a thousand routes or rules
/// the B2BUA thus runs a handful of regexes per call instead of a thousand
/// (bench/routing_bench.cc).
class PatternIndex {
 public:
  PatternIndex();

  /// Adds a compiled pattern; its index is the number of patterns added before it.
  std::size_t add(NumberPattern pattern);

  std::size_t size() const { return patterns_.size(); }
  const NumberPattern& pattern(std::size_t index) const { return patterns_[index]; }

  /// Indexes of the patterns that may match `number` (a superset of those that do), in
  /// ascending order, into `out` (cleared first).
  void candidates(std::string_view number, std::vector<std::size_t>& out) const;

 private:
  /// A trie node: the patterns whose prefix ends here, and the next character's nodes.
  struct Node {
    std::vector<std::pair<char, std::uint32_t>> children;
    std::vector<std::size_t> patterns;
  };
  /// The child of `node` for `c`, or 0 (the root is never a child).
  std::uint32_t child(std::uint32_t node, char c) const;

  std::vector<NumberPattern> patterns_;
  std::vector<std::size_t> unprefixed_;  ///< candidates for every number
  std::vector<Node> nodes_;              ///< nodes_[0] is the root (the empty prefix)
};

}  // namespace sipconf::mediation
