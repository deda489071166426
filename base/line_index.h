#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sipconf::base {

/// 1-based line and column of a byte offset.
struct LinePosition {
  int line = 0;
  int column = 0;
};

/// Maps byte offsets of a text to line/column, because pugixml reports offsets and
/// people read lines.
class LineIndex {
 public:
  LineIndex() = default;
  /// Indexes `text`; the view must outlive the index.
  explicit LineIndex(std::string_view text);

  /// Position of `offset`; offsets past the end map to the end of the text.
  LinePosition position(std::size_t offset) const;
  /// The text of 1-based `line` without its line terminator (empty if out of range).
  std::string_view line_text(int line) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace sipconf::base
