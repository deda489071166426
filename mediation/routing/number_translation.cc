#include "mediation/routing/number_translation.h"

namespace sipconf::mediation {

TranslationRules::TranslationRules(const std::vector<TranslationRule>& rules) {
  for (const TranslationRule& rule : rules) {
    auto pattern = NumberPattern::compile(rule.pattern);
    auto translation = TranslationTemplate::parse(rule.translation);
    if (!pattern || !translation) continue;
    patterns_.add(std::move(pattern).value());
    translations_.push_back(std::move(translation).value());
  }
}

std::optional<std::string> TranslationRules::apply(std::string_view number) const {
  if (patterns_.size() == 0) return std::nullopt;
  std::vector<std::size_t> candidates;
  patterns_.candidates(number, candidates);
  for (std::size_t i : candidates) {
    if (auto translated = patterns_.pattern(i).replace(number, translations_[i])) {
      return translated;
    }
  }
  return std::nullopt;
}

TrunkNumbering::TrunkNumbering(const TrunkSettings& settings)
    : called_(settings.outbound_translation_rules),
      calling_(settings.outbound_calling_number_translation_rules),
      remove_plus_(settings.remove_plus_from_uri) {}

std::string TrunkNumbering::called(std::string_view number) const {
  return finish(called_.apply(number), number);
}

std::string TrunkNumbering::calling(std::string_view number) const {
  return finish(calling_.apply(number), number);
}

std::string TrunkNumbering::finish(std::optional<std::string> translated,
                                   std::string_view number) const {
  std::string out = translated ? std::move(*translated) : std::string(number);
  if (remove_plus_ && !out.empty() && out.front() == '+') out.erase(0, 1);
  return out;
}

}  // namespace sipconf::mediation
