#include "mediation/config/translation_template.h"

#include <algorithm>

namespace sipconf::mediation {
namespace {

class TranslationCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "translation"; }

  std::string message(int value) const override {
    switch (static_cast<TranslationErrc>(value)) {
      case TranslationErrc::kUnsupportedSubstitution:
        return "a `$` must be followed by a group number 1-9 or by `$` (the supported "
               "substitutions are $1..$9 and $$)";
      case TranslationErrc::kDanglingDollar:
        return "the text ends with a `$` (write `$$` for a literal `$`)";
    }
    return "unknown translation error";
  }
};

}  // namespace

const std::error_category& translation_category() {
  static const TranslationCategory category;
  return category;
}

sip::Result<TranslationTemplate> TranslationTemplate::parse(std::string_view text) {
  TranslationTemplate out;
  std::string literal;
  auto flush = [&] {
    if (literal.empty()) return;
    out.pieces_.push_back(Piece{std::move(literal), 0});
    literal.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      literal += text[i];
      continue;
    }
    if (i + 1 == text.size()) return make_error_code(TranslationErrc::kDanglingDollar);
    const char next = text[++i];
    if (next == '$') {
      literal += '$';
    } else if (next >= '1' && next <= '9') {
      flush();
      out.pieces_.push_back(Piece{{}, next - '0'});
    } else {
      return make_error_code(TranslationErrc::kUnsupportedSubstitution);
    }
  }
  flush();
  return out;
}

int TranslationTemplate::highest_group() const {
  int highest = 0;
  for (const Piece& p : pieces_) highest = std::max(highest, p.group);
  return highest;
}

}  // namespace sipconf::mediation
