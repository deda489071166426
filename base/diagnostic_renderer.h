#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/line_index.h"

namespace sipconf::base {

/// A diagnostic as compilers show it to a person: `file:line:col: message`, then the source
/// line, then a caret under the column. The first line is Diagnostic::to_string(), so tools
/// that read the first line of a report still find it.
std::string render_diagnostic(const Diagnostic& diagnostic, std::string_view source_line);

/// Renders diagnostics into files it reads once each, so that a report of many problems in
/// one file reads it once.
class DiagnosticRenderer {
 public:
  /// Lends the text of `file` (text that is not on disk, or already in memory).
  void add_source(const std::filesystem::path& file, std::string text);
  /// The diagnostic with its source line and caret; the one-line form when the file or the
  /// line cannot be read.
  std::string render(const Diagnostic& diagnostic);
  /// Every diagnostic of `diagnostics`, rendered, one after the other.
  std::string render(const Diagnostics& diagnostics);

 private:
  struct Source {
    std::string text;
    LineIndex lines;
  };
  const Source& source(const std::filesystem::path& file);

  std::map<std::filesystem::path, std::unique_ptr<Source>> sources_;
};

}  // namespace sipconf::base
