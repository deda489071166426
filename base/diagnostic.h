#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace sipconf::base {

/// A place in a file, 1-based; line 0 means "the file as a whole".
struct SourceLocation {
  std::filesystem::path file;
  int line = 0;
  int column = 0;
};

/// One problem found in a file users write (or in a value given on a command line), for
/// people to fix.
struct Diagnostic {
  SourceLocation where;
  std::string message;

  /// `file:line: message` (or `file:line:col: message` when the column is known,
  /// `file: message` when no line applies, the message alone without a file): the form
  /// editors and CI logs link.
  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

/// Appends a diagnostic; a helper so call sites stay one line.
void report(Diagnostics& diags, SourceLocation where, std::string message);

}  // namespace sipconf::base
