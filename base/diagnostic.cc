#include "base/diagnostic.h"

#include <fmt/format.h>

#include <utility>

namespace sipconf::base {

std::string Diagnostic::to_string() const {
  const std::string file = where.file.string();
  if (file.empty() && where.line <= 0) return message;  // a value read from nowhere in a file
  if (where.line <= 0) return fmt::format("{}: {}", file, message);
  if (where.column <= 0) return fmt::format("{}:{}: {}", file, where.line, message);
  return fmt::format("{}:{}:{}: {}", file, where.line, where.column, message);
}

void report(Diagnostics& diags, SourceLocation where, std::string message) {
  diags.push_back(Diagnostic{std::move(where), std::move(message)});
}

}  // namespace sipconf::base
