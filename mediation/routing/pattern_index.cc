#include "mediation/routing/pattern_index.h"

#include <algorithm>

namespace sipconf::mediation {

std::size_t PatternIndex::add(NumberPattern pattern) {
  const std::size_t index = patterns_.size();
  const std::string& prefix = pattern.prefix();
  if (prefix.empty()) {
    unprefixed_.push_back(index);
  } else {
    auto entry = std::make_pair(prefix, index);
    prefixed_.insert(std::upper_bound(prefixed_.begin(), prefixed_.end(), entry), entry);
    auto length = std::lower_bound(prefix_lengths_.begin(), prefix_lengths_.end(), prefix.size());
    if (length == prefix_lengths_.end() || *length != prefix.size()) {
      prefix_lengths_.insert(length, prefix.size());
    }
  }
  patterns_.push_back(std::move(pattern));
  return index;
}

void PatternIndex::candidates(std::string_view number, std::vector<std::size_t>& out) const {
  out.assign(unprefixed_.begin(), unprefixed_.end());
  const auto by_prefix = [](const std::pair<std::string, std::size_t>& entry,
                            std::string_view key) { return std::string_view(entry.first) < key; };
  for (std::size_t length : prefix_lengths_) {
    if (length > number.size()) break;
    const std::string_view head = number.substr(0, length);
    auto it = std::lower_bound(prefixed_.begin(), prefixed_.end(), head, by_prefix);
    for (; it != prefixed_.end() && it->first == head; ++it) out.push_back(it->second);
  }
  std::sort(out.begin(), out.end());
}

}  // namespace sipconf::mediation
