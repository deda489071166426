#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "sip/message/parse_error.h"

namespace sipconf::sip {

/// strict: the RFC 3261 grammar (plus what RFC 4475 says to accept); lenient: also repair
/// what a liberal element may repair, recording every deviation instead of failing.
enum class ParseMode : std::uint8_t { strict, lenient };

/// Collects the deviations found while parsing one piece of text and decides, per deviation,
/// whether parsing may go on. Typed parsers take a Diagnostics* (nullptr = strict, unrecorded).
class Diagnostics {
 public:
  explicit Diagnostics(ParseMode mode = ParseMode::strict, std::string_view origin = {})
      : mode_(mode), origin_(origin) {}

  ParseMode mode() const { return mode_; }
  /// The text offsets are measured against; deviations outside it get offset 0.
  void set_origin(std::string_view origin) { origin_ = origin; }
  std::string_view origin() const { return origin_; }

  /// Records a deviation found at `at` (a pointer into origin()). Returns true when parsing
  /// may continue: always for accepted ones, for tolerated ones only in lenient mode.
  bool report(ParseError code, Severity severity, const char* at, std::string_view detail = {});

  const std::vector<Violation>& violations() const { return violations_; }
  std::vector<Violation>&& take_violations() { return std::move(violations_); }
  /// True once anything was accepted or repaired: the value must be re-serialized from its
  /// parsed form, never forwarded as received.
  bool needs_rewrite() const { return needs_rewrite_; }
  /// True once a deviation stopped parsing in this mode.
  bool failed() const { return failed_; }

 private:
  ParseMode mode_;
  std::string_view origin_;
  std::vector<Violation> violations_;
  bool needs_rewrite_ = false;
  bool failed_ = false;
};

/// Forwards to `d` when non-null; with nullptr, accepted deviations continue and all others
/// stop parsing (strict, nothing recorded).
bool report(Diagnostics* d, ParseError code, Severity severity, const char* at,
            std::string_view detail = {});

}  // namespace sipconf::sip
