#include "base/xml_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <utility>

#include "base/quantity.h"
#include "base/text_pattern.h"

namespace sipconf::base {

bool XmlFile::load(const std::filesystem::path& path, Diagnostics& diags) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    report(diags, {path, 0, 0}, "cannot read file");
    return false;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parse(text.str(), path, diags);
}

bool XmlFile::parse(std::string text, const std::filesystem::path& display_path,
                    Diagnostics& diags) {
  path_ = display_path;
  text_ = std::move(text);
  lines_ = LineIndex(text_);
  // pugixml copies the buffer; node offsets stay relative to it, so they index text_.
  const pugi::xml_parse_result result = document_.load_buffer(
      text_.data(), text_.size(), pugi::parse_default | pugi::parse_comments, pugi::encoding_utf8);
  if (!result) {
    const LinePosition at = lines_.position(static_cast<std::size_t>(result.offset));
    report(diags, {path_, at.line, at.column},
           fmt::format("XML is not well-formed: {}", result.description()));
    return false;
  }
  if (!document_.document_element()) {
    report(diags, {path_, 0, 0}, "XML has no root element");
    return false;
  }
  return true;
}

SourceLocation XmlFile::where(pugi::xml_node node) const {
  const std::ptrdiff_t offset = node.offset_debug();
  if (offset < 0) return {path_, 0, 0};
  const LinePosition at = lines_.position(static_cast<std::size_t>(offset));
  return {path_, at.line, 0};
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
    if (std::find(known_attributes.begin(), known_attributes.end(), name) !=
        known_attributes.end()) {
      continue;
    }
    std::string allowed;
    for (std::string_view known : known_attributes) {
      allowed += allowed.empty() ? "" : ", ";
      allowed += known;
    }
    error(allowed.empty() ? fmt::format("<{}> takes no attributes, found `{}`", node.name(), name)
                          : fmt::format("unknown attribute `{}` on <{}> (allowed: {})", name,
                                        node.name(), allowed));
  }
}

void ElementReader::error(std::string message) const {
  report(diags_, where(), std::move(message));
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
    error(fmt::format("attribute `{}` of <{}> must not be empty", name, node_.name()));
  }
  return value.value_or("");
}

bool ElementReader::boolean(std::string_view name, bool fallback) const {
  return optional_boolean(name).value_or(fallback);
}

std::optional<bool> ElementReader::optional_boolean(std::string_view name) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  if (*value == "true") return true;
  if (*value == "false") return false;
  error(fmt::format("attribute `{}` of <{}> must be true or false, not `{}`", name, node_.name(),
                    *value));
  return std::nullopt;
}

std::optional<std::int64_t> ElementReader::integer(std::string_view name, std::int64_t min,
                                                   std::int64_t max) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  std::string why;
  std::optional<std::int64_t> parsed = parse_integer(*value, min, max, why);
  if (!parsed) error(fmt::format("attribute `{}` of <{}>: {}", name, node_.name(), why));
  return parsed;
}

std::optional<double> ElementReader::number(std::string_view name, double min, double max) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  std::string why;
  std::optional<double> parsed = parse_number(*value, min, max, why);
  if (!parsed) error(fmt::format("attribute `{}` of <{}>: {}", name, node_.name(), why));
  return parsed;
}

std::optional<std::chrono::microseconds> ElementReader::duration(std::string_view name) const {
  const std::optional<std::string> value = text(name);
  if (!value) return std::nullopt;
  std::string why;
  std::optional<std::chrono::microseconds> parsed = parse_duration(*value, why);
  if (!parsed) error(fmt::format("attribute `{}` of <{}>: {}", name, node_.name(), why));
  return parsed;
}

std::optional<std::string> ElementReader::regex(std::string_view name, bool required) const {
  std::optional<std::string> value = text(name, required);
  if (!value) return std::nullopt;
  const std::string why = regex_error(*value);
  if (!why.empty()) {
    error(fmt::format("attribute `{}` of <{}>: regex `{}` does not compile: {}", name, node_.name(),
                      *value, why));
    return std::nullopt;
  }
  return value;
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
