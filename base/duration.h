#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "base/diagnostic.h"
#include "base/result.h"

/// THE duration syntax of every file users write (manifests, the mediation's configuration,
/// sipsim profiles and options): a non-negative decimal number and a unit, `500us`, `250ms`,
/// `1.5s`, `2min`, `1h`. `m` is minutes too, the mediation's documented spelling (it cannot be
/// read as milliseconds). A bare number is refused: "timeout=5" is ambiguous to a reader.
/// README.md, "Values in the files you write", documents it for users.
namespace sipconf::base {

/// What one field accepts beyond the common syntax.
struct DurationRules {
  /// The longest value the field takes.
  std::chrono::microseconds max = std::chrono::hours(24);
  /// The step the field counts in: a value must be a whole multiple of it (the mediation's
  /// timers count milliseconds, so `1500us` would silently lose half a millisecond).
  std::chrono::microseconds step = std::chrono::microseconds(1);
  /// The unit a bare number meant in this field before every duration took a unit (`ms` for
  /// sipsim's keys); the refusal of a bare number then names the spelling of that meaning.
  std::string_view former_bare_unit;
};

/// Reads `text` as a duration. A bad one fails (InputErrc) with a diagnostic at `where`,
/// `{subject}: {reason}` (the reason alone when `subject` is empty), whose reason quotes the
/// text and, where it can, names the spelling to write instead.
Result<std::chrono::microseconds> parse_duration(std::string_view text, std::string_view subject,
                                                 const SourceLocation& where, Diagnostics& diags,
                                                 const DurationRules& rules = {});

/// The spelling the writers put in files, so that a file reads back as it was written: the
/// largest unit that states the value exactly (`30s`, `2min`, `1500ms`, `1h`, `0s`).
std::string duration_spelling(std::chrono::microseconds duration);

/// Formats microseconds for people (progress lines, logs): `850 us`, `12.5 ms`, `3 s`.
std::string format_duration(std::chrono::microseconds duration);

}  // namespace sipconf::base
