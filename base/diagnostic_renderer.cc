#include "base/diagnostic_renderer.h"

#include <fstream>
#include <sstream>
#include <utility>

namespace sipconf::base {
namespace {

constexpr std::string_view kIndent = "    ";

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

/// Blanks up to the 1-based byte `column` of `line`, keeping its tabs so the caret lands under
/// the column however wide a terminal draws them; a multi-byte character takes one cell.
std::string caret_line(std::string_view line, int column) {
  std::string pad;
  const std::size_t before = std::min(line.size(), static_cast<std::size_t>(column - 1));
  for (std::size_t i = 0; i < before; ++i) {
    if (is_utf8_continuation(line[i])) continue;
    pad += line[i] == '\t' ? '\t' : ' ';
  }
  return pad + "^";
}

}  // namespace

std::string render_diagnostic(const Diagnostic& diagnostic, std::string_view source_line) {
  std::string out = diagnostic.to_string() + "\n";
  if (diagnostic.where.line <= 0) return out;
  if (source_line.find_first_not_of(" \t") == std::string_view::npos) return out;
  out.append(kIndent).append(source_line).append("\n");
  if (diagnostic.where.column > 0) {
    out.append(kIndent).append(caret_line(source_line, diagnostic.where.column)).append("\n");
  }
  return out;
}

void DiagnosticRenderer::add_source(const std::filesystem::path& file, std::string text) {
  auto source = std::make_unique<Source>();
  source->text = std::move(text);
  source->lines = LineIndex(source->text);
  sources_[file] = std::move(source);
}

const DiagnosticRenderer::Source& DiagnosticRenderer::source(const std::filesystem::path& file) {
  auto it = sources_.find(file);
  if (it == sources_.end()) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    add_source(file, text.str());
    it = sources_.find(file);
  }
  return *it->second;
}

std::string DiagnosticRenderer::render(const Diagnostic& diagnostic) {
  if (diagnostic.where.line <= 0 || diagnostic.where.file.empty()) {
    return diagnostic.to_string() + "\n";
  }
  return render_diagnostic(diagnostic,
                           source(diagnostic.where.file).lines.line_text(diagnostic.where.line));
}

std::string DiagnosticRenderer::render(const Diagnostics& diagnostics) {
  std::string out;
  for (const Diagnostic& diagnostic : diagnostics) out += render(diagnostic);
  return out;
}

}  // namespace sipconf::base
