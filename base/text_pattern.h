#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipconf::base {

/// An ECMAScript regular expression (std::regex), the dialect manifests, the judge and
/// the mediation share. <regex> is compiled in one translation unit only: GCC 12 warns
/// falsely (-Wmaybe-uninitialized inside libstdc++'s regex automaton) under ASan, and
/// keeping it behind this class keeps that out of every other file.
class TextPattern {
 public:
  /// Compiles `pattern`; nullopt with `error` set when it does not compile.
  static std::optional<TextPattern> compile(std::string_view pattern, std::string& error);
  /// For patterns written in the source, known to compile.
  explicit TextPattern(std::string_view pattern);

  /// The whole text matches.
  bool matches(std::string_view text) const;
  /// Some part of the text matches.
  bool search(std::string_view text) const;
  /// The capture groups of a whole match (group 1 first); nullopt without a match.
  std::optional<std::vector<std::string>> match_groups(std::string_view text) const;
  /// The capture groups of the first match found anywhere in the text.
  std::optional<std::vector<std::string>> search_groups(std::string_view text) const;

 private:
  struct Compiled;
  explicit TextPattern(std::shared_ptr<const Compiled> compiled);
  std::shared_ptr<const Compiled> compiled_;
};

}  // namespace sipconf::base
