#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include <pugixml.hpp>

#include "base/diagnostic.h"
#include "base/duration.h"
#include "base/line_index.h"

namespace sipconf::base {

/// THE strict XML reader of the files users write (case manifests, the mediation's
/// configuration, sipsim profiles, SIPp scenarios): pugixml for the syntax, and the places of
/// nodes and attributes, so every complaint names `file:line` and, for an attribute, the column.
class XmlFile {
 public:
  XmlFile() = default;
  XmlFile(const XmlFile&) = delete;
  XmlFile& operator=(const XmlFile&) = delete;

  /// Reads and parses `path`. An unreadable file, an XML syntax error (with line and column),
  /// a file without a root element or with a second one fails (InputErrc) with a diagnostic.
  std::error_code load(const std::filesystem::path& path, Diagnostics& diags);
  /// Parses `text` as if it were the file `display_path` (for tests, stdin, text in memory).
  std::error_code parse(std::string text, const std::filesystem::path& display_path,
                        Diagnostics& diags);
  /// Checks that the root element is <`name`>; otherwise reports "the root element is <x>;
  /// `what` starts with <name>" and fails (InputErrc::kWrongStructure).
  std::error_code expect_root(std::string_view name, std::string_view what,
                              Diagnostics& diags) const;

  const pugi::xml_document& document() const { return document_; }
  pugi::xml_node root() const { return document_.document_element(); }
  const std::filesystem::path& path() const { return path_; }
  const LineIndex& lines() const { return lines_; }
  const std::string& text() const { return text_; }

  /// Where `node` starts, as a line of this file.
  SourceLocation where(pugi::xml_node node) const;
  /// Where the attribute `name` of `node` is written (the `occurrence`-th one, for a name
  /// given twice): line and column of its name; the element's line when it is not found.
  SourceLocation where_attribute(pugi::xml_node node, std::string_view name,
                                 std::size_t occurrence = 0) const;
  /// Where the value of attribute `name` of `node` starts, inside its quotes.
  SourceLocation where_value(pugi::xml_node node, std::string_view name) const;

 private:
  SourceLocation at_offset(std::size_t offset) const;

  std::filesystem::path path_;
  std::string text_;
  LineIndex lines_;
  pugi::xml_document document_;
};

/// Reads the attributes of one element against the list of attributes it may carry:
/// unknown and repeated attributes are reported at construction, never silently ignored;
/// typed getters report a bad value where the value is written.
class ElementReader {
 public:
  ElementReader(const XmlFile& file, pugi::xml_node node, Diagnostics& diags,
                std::initializer_list<std::string_view> known_attributes);
  /// For an element whose attributes come from a table.
  ElementReader(const XmlFile& file, pugi::xml_node node, Diagnostics& diags,
                std::span<const std::string_view> known_attributes);

  pugi::xml_node node() const { return node_; }
  SourceLocation where() const { return file_.where(node_); }
  /// Where the value of attribute `name` is written (the element's line when it is absent).
  SourceLocation where(std::string_view name) const { return file_.where_value(node_, name); }
  /// Reports a problem of the element as a whole.
  void error(std::string message) const;
  /// Reports a problem of one attribute's value, where the value is written.
  void error(std::string_view name, std::string message) const;
  bool has(std::string_view name) const;

  /// The attribute's text, or nullopt (reported when `required`).
  std::optional<std::string> text(std::string_view name, bool required = false) const;
  /// A non-empty attribute required to be present.
  std::string required(std::string_view name) const;
  /// `true`/`false` in any case (base/boolean.h); `fallback` when absent.
  bool boolean(std::string_view name, bool fallback) const;
  std::optional<bool> optional_boolean(std::string_view name) const;
  std::optional<std::int64_t> integer(std::string_view name, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<double> number(std::string_view name, double min, double max) const;
  /// A duration in THE syntax of base/duration.h.
  std::optional<std::chrono::microseconds> duration(std::string_view name,
                                                    const DurationRules& rules = {}) const;
  /// A regex attribute that must compile (ECMAScript, as the judge and the mediation use).
  std::optional<std::string> regex(std::string_view name, bool required = false) const;

  /// Reports child elements not named in `allowed` (each with the list of what is allowed)
  /// and text between the children.
  void allow_children(std::span<const std::string_view> allowed) const;
  void allow_children(std::initializer_list<std::string_view> allowed) const {
    allow_children(std::span<const std::string_view>(allowed.begin(), allowed.size()));
  }
  /// The one child element called `name`, or an empty node; a second one is reported.
  pugi::xml_node single_child(std::string_view name) const;

 private:
  /// "attribute `name` of <element>", the subject of a complaint about a value.
  std::string subject(std::string_view name) const;

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
