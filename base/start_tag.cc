#include "base/start_tag.h"

namespace sipconf::base {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool ends_name(char c) { return is_blank(c) || c == '=' || c == '>' || c == '/'; }

}  // namespace

std::vector<AttributePosition> scan_start_tag(std::string_view text, std::size_t name_offset) {
  std::vector<AttributePosition> attributes;
  std::size_t at = name_offset;
  while (at < text.size() && !ends_name(text[at])) ++at;  // the element's name
  while (true) {
    while (at < text.size() && is_blank(text[at])) ++at;
    if (at >= text.size() || text[at] == '>' || text[at] == '/') return attributes;
    AttributePosition attribute;
    attribute.name_offset = at;
    while (at < text.size() && !ends_name(text[at])) ++at;
    attribute.name = text.substr(attribute.name_offset, at - attribute.name_offset);
    while (at < text.size() && is_blank(text[at])) ++at;
    if (at >= text.size() || text[at] != '=' || attribute.name.empty()) return attributes;
    ++at;
    while (at < text.size() && is_blank(text[at])) ++at;
    if (at >= text.size() || (text[at] != '"' && text[at] != '\'')) return attributes;
    const char quote = text[at++];
    attribute.value_offset = at;
    const std::size_t close = text.find(quote, at);
    if (close == std::string_view::npos) return attributes;
    attributes.push_back(attribute);
    at = close + 1;
  }
}

}  // namespace sipconf::base
