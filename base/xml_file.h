#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include <pugixml.hpp>

#include "base/diagnostic.h"
#include "base/line_index.h"

namespace sipconf::base {

/// An XML file parsed with pugixml that can say on which line a node sits, so every
/// complaint about a manifest names `file:line`.
class XmlFile {
 public:
  XmlFile() = default;
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;

  /// Reads and parses `path`. An unreadable file or an XML syntax error becomes a
  /// diagnostic (with line and column) and the result is false.
  bool load(const std::filesystem::path& path, Diagnostics& diags);
  /// Parses `text` as if it were the file `display_path` (for tests and stdin).
  bool parse(std::string text, const std::filesystem::path& display_path, Diagnostics& diags);

  const pugi::xml_document& document() const { return document_; }
  pugi::xml_node root() const { return document_.document_element(); }
  const std::filesystem::path& path() const { return path_; }
  /// Where `node` starts (its name), as a location in this file.
  SourceLocation where(pugi::xml_node node) const;
  const LineIndex& lines() const { return lines_; }
  const std::string& text() const { return text_; }

 private:
  std::filesystem::path path_;
  std::string text_;
  LineIndex lines_;
  pugi::xml_document document_;
};

/// Reads the attributes of one element against the list of attributes it may carry:
/// unknown attributes are reported at construction, never silently ignored; typed
/// getters report bad values at the element's line.
class ElementReader {
 public:
  ElementReader(const XmlFile& file, pugi::xml_node node, Diagnostics& diags,
                std::initializer_list<std::string_view> known_attributes);
  /// For an element whose attributes come from a table.
  ElementReader(const XmlFile& file, pugi::xml_node node, Diagnostics& diags,
                std::span<const std::string_view> known_attributes);

  pugi::xml_node node() const { return node_; }
  SourceLocation where() const { return file_.where(node_); }
  void error(std::string message) const;
  bool has(std::string_view name) const;

  /// The attribute's text, or nullopt (reported when `required`).
  std::optional<std::string> text(std::string_view name, bool required = false) const;
  /// A non-empty attribute required to be present.
  std::string required(std::string_view name) const;
  /// `true`/`false`; `fallback` when absent.
  bool boolean(std::string_view name, bool fallback) const;
  std::optional<bool> optional_boolean(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<double> number(std::string_view name, double min, double max) const;
  std::optional<std::chrono::microseconds> duration(std::string_view name) const;
  /// A regex attribute that must compile (ECMAScript, as the judge and the mediation use).
  std::optional<std::string> regex(std::string_view name, bool required = false) const;

 private:
  const XmlFile& file_;
  pugi::xml_node node_;
  Diagnostics& diags_;
};

/// True for element children (comments and processing instructions are skipped).
bool is_element(pugi::xml_node node);
/// Reports non-blank text directly inside an element that holds only elements.
void reject_text(const XmlFile& file, pugi::xml_node node, Diagnostics& diags);
/// Reports an unexpected child element, naming what is allowed there.
void report_unknown_element(const XmlFile& file, pugi::xml_node child, std::string_view allowed,
                            Diagnostics& diags);
/// Splits a comma- or space-separated list, dropping empty items.
std::vector<std::string> split_list(std::string_view text);
/// Empty when `pattern` compiles as an ECMAScript regex, else the reason.
std::string regex_error(const std::string& pattern);

}  // namespace sipconf::base
