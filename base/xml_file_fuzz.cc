// libFuzzer target: the strict XML reader reads files users write, and a file can hold
// anything. Reading must never crash, every diagnostic must point inside the text (a line
// that exists, a column within it), and rendering it with its caret must work.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/boolean.h"
#include "base/diagnostic_renderer.h"
#include "base/duration.h"
#include "base/xml_file.h"

namespace {

using namespace sipconf::base;

void check(bool ok) {
  if (!ok) std::abort();
}

void check_points_inside(const XmlFile& file, const Diagnostic& d) {
  if (d.where.line <= 0) return;
  const LinePosition end = file.lines().position(file.text().size());
  check(d.where.line <= end.line);
  if (d.where.column > 0) {
    // Within the line, at its end, or on the CR that line_text() leaves out.
    const std::size_t width = file.lines().line_text(d.where.line).size();
    check(static_cast<std::size_t>(d.where.column) <= width + 2);
  }
}

void read_element(const XmlFile& file, pugi::xml_node node, Diagnostics& diags, int depth) {
  if (depth > 64) return;
  // No attribute is known: each is reported, and so located in its start tag.
  const ElementReader reader(file, node, diags, {});
  for (pugi::xml_attribute attribute : node.attributes()) {
    // Where the reader says an attribute is written, its name is written.
    const SourceLocation at = file.where_attribute(node, attribute.name());
    if (at.column > 0) {
      const std::string_view line = file.lines().line_text(at.line);
      const auto column = static_cast<std::size_t>(at.column - 1);
      check(column <= line.size() && line.substr(column).starts_with(attribute.name()));
    }
    const std::string_view value = attribute.value();
    (void)parse_duration(value, attribute.name(), reader.where(attribute.name()), diags);
    (void)parse_boolean(value, attribute.name(), reader.where(attribute.name()), diags);
  }
  reader.allow_children({"a", "b"});
  (void)reader.single_child("a");
  for (pugi::xml_node child : node.children()) {
    if (is_element(child)) read_element(file, child, diags, depth + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  XmlFile file;
  Diagnostics diags;
  if (!file.parse(text, "fuzz.xml", diags)) {
    (void)file.expect_root("a", "a fuzzed file", diags);
    read_element(file, file.root(), diags, 0);
  }
  check(!diags.empty() || file.root());
  DiagnosticRenderer renderer;
  renderer.add_source("fuzz.xml", text);
  for (const Diagnostic& d : diags) {
    check_points_inside(file, d);
    check(!renderer.render(d).empty());
  }
  return 0;
}
