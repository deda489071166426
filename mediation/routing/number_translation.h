#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "mediation/config/trunk_settings.h"
#include "mediation/routing/pattern_index.h"

namespace sipconf::mediation {

/// An ordered list of translation rules (OutboundTranslationRulesList or
/// OutboundCallingNumberTranslationRulesList), compiled once: walked top-down, the first
/// rule whose pattern matches translates the number (.NET Regex.Replace with the rule's
/// Translation), the others are not tried.
class TranslationRules {
 public:
  TranslationRules() = default;
  /// Rules whose pattern or translation does not compile (the loader refuses them first)
  /// are left out.
  explicit TranslationRules(const std::vector<TranslationRule>& rules);

  /// The first matching rule's translation of `number`; nullopt when no rule matches.
  std::optional<std::string> apply(std::string_view number) const;
  std::size_t size() const { return patterns_.size(); }

 private:
  PatternIndex patterns_;
  std::vector<TranslationTemplate> translations_;  ///< by pattern index
};

/// The numbers a call carries on its leg toward one trunk, after route selection (decision
/// 9): the called number (Request-URI and To) through the trunk's outbound translation rules
/// (RT-02), the calling number (From, and P-Asserted-Identity when forwarded) through its
/// calling number rules (RT-03), then, with RemovePlusFromUri, without a leading `+` (RT-04,
/// decision 8). A number no rule matches is kept as it is.
class TrunkNumbering {
 public:
  TrunkNumbering() = default;
  explicit TrunkNumbering(const TrunkSettings& settings);

  std::string called(std::string_view number) const;
  std::string calling(std::string_view number) const;
  /// Neither rules nor RemovePlusFromUri: numbers cross unchanged.
  bool keeps_numbers() const {
    return called_.size() == 0 && calling_.size() == 0 && !remove_plus_;
  }

 private:
  std::string finish(std::optional<std::string> translated, std::string_view number) const;

  TranslationRules called_;
  TranslationRules calling_;
  bool remove_plus_ = false;
};

}  // namespace sipconf::mediation
