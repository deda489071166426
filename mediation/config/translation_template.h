#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "sip/base/result.h"

namespace sipconf::mediation {

/// Why a rule's Translation is refused.
enum class TranslationErrc {
  kUnsupportedSubstitution = 1,  ///< `$0`, `${name}`, `$&`, `$'`, ... (.NET has them, we do not)
  kDanglingDollar,               ///< a `$` ends the text
};

const std::error_category& translation_category();

inline std::error_code make_error_code(TranslationErrc e) {
  return {static_cast<int>(e), translation_category()};
}

/// The Translation of a number translation rule (RT-02, RT-03), parsed once: literal text
/// and .NET substitutions, of which the subset `$1`..`$9` (that capture group of the
/// pattern's match) and `$$` (one `$`) is supported. Anything else after a `$` is refused at
/// load, so that a rule copied from Lync never means something else here silently.
class TranslationTemplate {
 public:
  /// Literal text, or a capture group when `group` is 1..9.
  struct Piece {
    std::string literal;
    int group = 0;

    bool operator==(const Piece&) const = default;
  };

  static sip::Result<TranslationTemplate> parse(std::string_view text);

  /// Appends the translation of one match: `group_text(n)` gives capture group n's text
  /// (empty when it did not take part); a group the pattern does not have (`$5` with two
  /// groups) stays the literal `$5`, as in .NET.
  template <class GroupText>
  void expand(std::size_t group_count, GroupText&& group_text, std::string& out) const {
    for (const Piece& p : pieces_) {
      if (p.group == 0) {
        out += p.literal;
      } else if (static_cast<std::size_t>(p.group) <= group_count) {
        out += group_text(static_cast<std::size_t>(p.group));
      } else {
        out += '$';
        out += static_cast<char>('0' + p.group);
      }
    }
  }

  const std::vector<Piece>& pieces() const { return pieces_; }
  /// The highest group it refers to (0: none).
  int highest_group() const;

 private:
  std::vector<Piece> pieces_;
};

}  // namespace sipconf::mediation

template <>
struct std::is_error_code_enum<sipconf::mediation::TranslationErrc> : std::true_type {};
