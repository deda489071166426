#include "mediation/routing/pattern_index.h"

#include <algorithm>

namespace sipconf::mediation {

PatternIndex::PatternIndex() : nodes_(1) {}

std::uint32_t PatternIndex::child(std::uint32_t node, char c) const {
  for (const auto& [label, next] : nodes_[node].children) {
    if (label == c) return next;
  }
  return 0;
}

std::size_t PatternIndex::add(NumberPattern pattern) {
  const std::size_t index = patterns_.size();
  const std::string& prefix = pattern.prefix();
  if (prefix.empty()) {
    unprefixed_.push_back(index);
  } else {
    std::uint32_t node = 0;
    for (char c : prefix) {
      std::uint32_t next = child(node, c);
      if (next == 0) {
        next = static_cast<std::uint32_t>(nodes_.size());
        nodes_[node].children.emplace_back(c, next);
        nodes_.emplace_back();
      }
      node = next;
    }
    nodes_[node].patterns.push_back(index);
  }
  patterns_.push_back(std::move(pattern));
  return index;
}

void PatternIndex::candidates(std::string_view number, std::vector<std::size_t>& out) const {
  out.assign(unprefixed_.begin(), unprefixed_.end());
  std::uint32_t node = 0;
  for (char c : number) {
    node = child(node, c);
    if (node == 0) break;
    const std::vector<std::size_t>& here = nodes_[node].patterns;
    out.insert(out.end(), here.begin(), here.end());
  }
  std::sort(out.begin(), out.end());
}

}  // namespace sipconf::mediation
