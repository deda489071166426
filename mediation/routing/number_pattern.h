#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mediation/config/translation_template.h"
#include "mediation/routing/digit_pattern.h"
#include "sip/base/result.h"

namespace sipconf::mediation {

/// The literal text every match of `pattern` must start the number with: the characters
/// after a leading `^` up to the first construct that is not a plain (or escaped
/// punctuation) character, or that a quantifier makes optional or repeatable; a group taken
/// once with a single branch is read through. Empty when the pattern is not anchored, or
/// has a top-level `|`, since a match may then start anywhere or with anything.
/// `^\+1425\d{7}$` gives `+1425`, `^\+(1\d{10})$` gives `+1`; `^\+?1` gives nothing.
std::string required_prefix(std::string_view pattern);

/// A number pattern of the configuration (a voice route's, a translation rule's): an
/// ECMAScript regex searched anywhere in the number, as .NET's Regex.IsMatch does (Lync's
/// patterns carry their own `^...$`), compiled once. <regex> is used in this unit only, and
/// only for patterns DigitPattern does not cover.
class NumberPattern {
 public:
  /// RoutingErrc::kPatternDoesNotCompile when it is not a valid ECMAScript regex.
  static sip::Result<NumberPattern> compile(std::string_view pattern);

  /// Some part of `number` matches.
  bool search(std::string_view number) const;
  /// .NET's Regex.Replace: every match replaced by `translation` expanded with that match's
  /// groups, the text between matches kept; nullopt when nothing matches.
  std::optional<std::string> replace(std::string_view number,
                                     const TranslationTemplate& translation) const;

  const std::string& text() const { return text_; }
  /// required_prefix() of the pattern, computed once.
  const std::string& prefix() const { return prefix_; }
  /// Starts with `^` and has no top-level `|`: a match can start only at the number's start.
  bool anchored() const { return anchored_; }
  std::size_t group_count() const;

 private:
  struct Compiled;
  NumberPattern(std::string text, std::shared_ptr<const Compiled> compiled);

  std::string text_;
  std::string prefix_;
  bool anchored_ = false;
  /// The same pattern matched without <regex>, when it has DigitPattern's shape.
  std::optional<DigitPattern> digits_;
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace sipconf::mediation
