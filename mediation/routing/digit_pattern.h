#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace sipconf::mediation {

/// The common shape of Lync number patterns, matched without <regex>: literal characters,
/// digit runs (`\d` or `[0-9]`-style ranges, with `{n}`, `{n,m}`, `{n,}`, `*`, `+` or `?`) and
/// capturing groups taken once, between an optional `^` and an optional final `$`
/// (`^\+1(425\d{7})$`, `[0-9]{10}`). It follows ECMAScript's greedy backtracking exactly, so
/// NumberPattern uses it in place of std::regex, whose every search allocates and goes
/// through locale facets; any other pattern returns nullopt and keeps std::regex.
class DigitPattern {
 public:
  static std::optional<DigitPattern> parse(std::string_view pattern);

  /// Where a match of the whole pattern starts and ends, and each group's span.
  struct Match {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<std::size_t> group_begin;  ///< by group - 1
    std::vector<std::size_t> group_end;
  };
  /// The leftmost match (at the start only when anchored), greedy as ECMAScript is.
  bool search(std::string_view number, Match* match = nullptr) const;

  bool anchored() const { return anchored_; }
  std::size_t group_count() const { return groups_; }

 private:
  enum class Kind { literal, digits, open, close };
  struct Token {
    Kind kind = Kind::literal;
    char literal = 0;
    char low = '0';
    char high = '9';
    std::size_t min = 1;
    std::size_t max = 1;
    std::size_t group = 0;
  };
  bool match_from(std::string_view s, std::size_t token, std::size_t pos, Match& m) const;

  std::vector<Token> tokens_;
  std::size_t groups_ = 0;
  bool anchored_ = false;
  bool to_end_ = false;  ///< a final `$`
};

}  // namespace sipconf::mediation
