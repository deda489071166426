#include "base/xml_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <sstream>
#include <utility>

#include "base/boolean.h"
#include "base/input_error.h"
#include "base/quantity.h"
#include "base/start_tag.h"
#include "base/text_pattern.h"

namespace sipconf::base {

std::error_code XmlFile::load(const std::filesystem::path& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report(diags, {path, 0, 0},
           fmt::format("cannot read the file: {}", std::generic_category().message(errno)));
    return InputErrc::kUnreadable;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path, diags);
}

std::error_code XmlFile::parse(std::string text, const std::filesystem::path& display_path,
                               Diagnostics& diags) {
  path_ = display_path;
  text_ = std::move(text);
  lines_ = LineIndex(text_);
  // pugixml copies the buffer; node offsets stay relative to it, so they index text_.
  const pugi::xml_parse_result result = document_.load_buffer(
      text_.data(), text_.size(), pugi::parse_default | pugi::parse_comments, pugi::encoding_utf8);
  if (!result) {
    report(diags, at_offset(static_cast<std::size_t>(std::max<std::ptrdiff_t>(result.offset, 0))),
           fmt::format("XML is not well-formed: {}", result.description()));
    return InputErrc::kNotWellFormed;
  }
  const pugi::xml_node root = document_.document_element();
  if (!root) {
    report(diags, {path_, 0, 0}, "XML has no root element");
    return InputErrc::kWrongStructure;
  }
  for (pugi::xml_node next = root.next_sibling(); next; next = next.next_sibling()) {
    if (!is_element(next)) continue;
    report(diags, where(next),
           fmt::format("a second root element <{}> (the file holds one, <{}>)", next.name(),
                       root.name()));
    return InputErrc::kWrongStructure;
  }
  return {};
}

std::error_code XmlFile::expect_root(std::string_view name, std::string_view what,
                                     Diagnostics& diags) const {
  if (root().name() == name) return {};
  report(diags, where(root()),
         fmt::format("the root element is <{}>; {} starts with <{}>", root().name(), what, name));
  return InputErrc::kWrongStructure;
}

SourceLocation XmlFile::at_offset(std::size_t offset) const {
  const LinePosition at = lines_.position(offset);
  return {path_, at.line, at.column};
}

SourceLocation XmlFile::where(pugi::xml_node node) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return {path_, 0, 0};
  return {path_, lines_.position(static_cast<std::size_t>(offset)).line, 0};
}

SourceLocation XmlFile::where_attribute(pugi::xml_node node, std::string_view name,
                                        std::size_t occurrence) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0 || node.type() != pugi::node_element) return where(node);
  for (const AttributePosition& attribute :
       scan_start_tag(text_, static_cast<std::size_t>(offset))) {
    if (attribute.name != name) continue;
    if (occurrence-- == 0) return at_offset(attribute.name_offset);
  }
  return where(node);
}

SourceLocation XmlFile::where_value(pugi::xml_node node, std::string_view name) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0 || node.type() != pugi::node_element) return where(node);
  for (const AttributePosition& attribute :
       scan_start_tag(text_, static_cast<std::size_t>(offset))) {
    if (attribute.name == name) return at_offset(attribute.value_offset);
  }
  return where(node);
}

ElementReader::ElementReader(const XmlFile& file, pugi::xml_node node, Diagnostics& diags,
                             std::initializer_list<std::string_view> known_attributes)
    : ElementReader(
          file, node, diags,
          std::span<const std::string_view>(known_attributes.begin(), known_attributes.size())) {}

ElementReader::ElementReader(const XmlFile& file, pugi::xml_node node, Diagnostics& diags,
                             std::span<const std::string_view> known_attributes)
    : file_(file), node_(node), diags_(diags) {
  for (pugi::xml_attribute attribute : node.attributes()) {
    const std::string_view name = attribute.name();
    std::size_t earlier = 0;
    for (pugi::xml_attribute before = node.first_attribute(); before != attribute;
         before = before.next_attribute()) {
      if (name == before.name()) ++earlier;
    }
    if (earlier > 0) {
      report(diags_, file_.where_attribute(node_, name, earlier),
             fmt::format("attribute `{}` appears twice on <{}>", name, node.name()));
      continue;
    }
    if (std::find(known_attributes.begin(), known_attributes.end(), name) !=
        known_attributes.end()) {
      continue;
    }
    std::string allowed;
    for (std::string_view known : known_attributes) {
      allowed += allowed.empty() ? "" : ", ";
      allowed += known;
    }
    report(diags_, file_.where_attribute(node_, name),
           allowed.empty() ? fmt::format("<{}> takes no attributes, found `{}`", node.name(), name)
                           : fmt::format("unknown attribute `{}` on <{}> (allowed: {})", name,
                                         node.name(), allowed));
  }
}

void ElementReader::error(std::string message) const {
  report(diags_, where(), std::move(message));
}

void ElementReader::error(std::string_view name, std::string message) const {
  report(diags_, where(name), std::move(message));
}

std::string ElementReader::subject(std::string_view name) const {
  return fmt::format("attribute `{}` of <{}>", name, node_.name());
}

bool ElementReader::has(std::string_view name) const {
  return static_cast<bool>(node_.attribute(std::string(name).c_str()));
}

std::optional<std::string> ElementReader::text(std::string_view name, bool required) const {
  const pugi::xml_attribute attribute = node_.attribute(std::string(name).c_str());
  if (!attribute) {
    if (required) error(fmt::format("<{}> needs the attribute `{}`", node_.name(), name));
    return std::nullopt;
  }
  return std::string(attribute.value());
}

std::string ElementReader::required(std::string_view name) const {
  std::optional<std::string> value = text(name, true);
  if (value && value->empty()) {
    error(name, fmt::format("attribute `{}` of <{}> must not be empty", name, node_.name()));
  }
  return value.value_or("");
}

bool ElementReader::boolean(std::string_view name, bool fallback) const {
  return optional_boolean(name).value_or(fallback);
}

std::optional<bool> ElementReader::optional_boolean(std::string_view name) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  Result<bool> parsed = parse_boolean(*value, subject(name), where(name), diags_);
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::optional<std::int64_t> ElementReader::integer(std::string_view name, std::int64_t min,
                                                   std::int64_t max) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  std::string why;
  std::optional<std::int64_t> parsed = parse_integer(*value, min, max, why);
  if (!parsed) error(name, fmt::format("{}: {}", subject(name), why));
  return parsed;
}

std::optional<double> ElementReader::number(std::string_view name, double min, double max) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  std::string why;
  std::optional<double> parsed = parse_number(*value, min, max, why);
  if (!parsed) error(name, fmt::format("{}: {}", subject(name), why));
  return parsed;
}

std::optional<std::chrono::microseconds> ElementReader::duration(std::string_view name,
                                                                 const DurationRules& rules) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  Result<std::chrono::microseconds> parsed =
      parse_duration(*value, subject(name), where(name), diags_, rules);
  if (!parsed) return std::nullopt;
  return *parsed;
}

std::optional<std::string> ElementReader::regex(std::string_view name, bool required) const {
  std::optional<std::string> value = text(name, required);
  if (!value) return std::nullopt;
  const std::string why = regex_error(*value);
  if (!why.empty()) {
    error(name, fmt::format("{}: regex `{}` does not compile: {}", subject(name), *value, why));
    return std::nullopt;
  }
  return value;
}

void ElementReader::allow_children(std::span<const std::string_view> allowed) const {
  std::string list;
  for (std::string_view name : allowed) {
    list += list.empty() ? "" : ", ";
    list += name;
  }
  for (pugi::xml_node child : node_.children()) {
    if (!is_element(child)) continue;
    if (std::find(allowed.begin(), allowed.end(), child.name()) == allowed.end()) {
      if (list.empty()) {
        report(diags_, file_.where(child),
               fmt::format("<{}> holds no elements, found <{}>", node_.name(), child.name()));
      } else {
        report_unknown_element(file_, child, list, diags_);
      }
    }
  }
  reject_text(file_, node_, diags_);
}

pugi::xml_node ElementReader::single_child(std::string_view name) const {
  const std::string key(name);
  const pugi::xml_node first = node_.child(key.c_str());
  if (const pugi::xml_node second = first.next_sibling(key.c_str())) {
    report(diags_, file_.where(second),
           fmt::format("<{}> may appear only once in <{}>", name, node_.name()));
  }
  return first;
}

bool is_element(pugi::xml_node node) { return node.type() == pugi::node_element; }

void reject_text(const XmlFile& file, pugi::xml_node node, Diagnostics& diags) {
  for (pugi::xml_node child : node.children()) {
    if (child.type() != pugi::node_pcdata && child.type() != pugi::node_cdata) continue;
    const std::string_view text = child.value();
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) continue;
    report(diags, file.where(node), fmt::format("<{}> holds elements, not text", node.name()));
    return;
  }
}

void report_unknown_element(const XmlFile& file, pugi::xml_node child, std::string_view allowed,
                            Diagnostics& diags) {
  report(diags, file.where(child),
         fmt::format("unknown element <{}> inside <{}> (allowed: {})", child.name(),
                     child.parent().name(), allowed));
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

std::string regex_error(const std::string& pattern) {
  std::string error;
  if (!TextPattern::compile(pattern, error)) return error.empty() ? "invalid" : error;
  return {};
}

}  // namespace sipconf::base
