#include "base/text_pattern.h"

#include <regex>

namespace sipconf::base {

struct TextPattern::Compiled {
  std::regex regex;
};

namespace {

std::vector<std::string> groups_of(const std::cmatch& match) {
  std::vector<std::string> groups;
  for (std::size_t i = 1; i < match.size(); ++i) groups.push_back(match[i].str());
  return groups;
}

}  // namespace

TextPattern::TextPattern(std::shared_ptr<const Compiled> compiled)
    : compiled_(std::move(compiled)) {}

TextPattern::TextPattern(std::string_view pattern)
    : compiled_(std::make_shared<const Compiled>(
          Compiled{std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript)})) {}

std::optional<TextPattern> TextPattern::compile(std::string_view pattern, std::string& error) {
  try {
    return TextPattern(std::make_shared<const Compiled>(
        Compiled{std::regex(pattern.begin(), pattern.end(), std::regex::ECMAScript)}));
  } catch (const std::regex_error& e) {
    error = e.what();
    return std::nullopt;
  }
}

bool TextPattern::matches(std::string_view text) const {
  return std::regex_match(text.begin(), text.end(), compiled_->regex);
}

bool TextPattern::search(std::string_view text) const {
  return std::regex_search(text.begin(), text.end(), compiled_->regex);
}

std::optional<std::vector<std::string>> TextPattern::match_groups(std::string_view text) const {
  std::cmatch match;
  if (!std::regex_match(text.data(), text.data() + text.size(), match, compiled_->regex)) {
    return std::nullopt;
  }
  return groups_of(match);
}

std::optional<std::vector<std::string>> TextPattern::search_groups(std::string_view text) const {
  std::cmatch match;
  if (!std::regex_search(text.data(), text.data() + text.size(), match, compiled_->regex)) {
    return std::nullopt;
  }
  return groups_of(match);
}

}  // namespace sipconf::base
