#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sipconf::base {

/// Where one attribute of a start tag sits in the text: byte offsets of its name and of its
/// value (the first character inside the quotes).
struct AttributePosition {
  std::string_view name;
  std::size_t name_offset = 0;
  std::size_t value_offset = 0;
};

/// The attributes of the start tag whose element name begins at `name_offset` of `text`, in
/// the order written. pugixml keeps offsets for nodes but none for attributes, and a complaint
/// about a value should point at the value. Expects a tag pugixml has accepted; stops quietly
/// at anything else (a `>` inside a quoted value is not the end of the tag).
std::vector<AttributePosition> scan_start_tag(std::string_view text, std::size_t name_offset);

}  // namespace sipconf::base
