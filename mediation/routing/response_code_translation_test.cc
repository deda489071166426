#include "mediation/routing/response_code_translation.h"

#include <gtest/gtest.h>

namespace sipconf::mediation {
namespace {

/// A 486 with the given Reason lines, built rather than parsed: values the parser would
/// refuse must not trouble the reader either.
sip::Message response_with(std::initializer_list<const char*> reasons) {
  sip::Message m = sip::Message::response(486, "Busy Here");
  for (const char* value : reasons) m.append_header(sip::HeaderId::reason, value);
  return m;
}

TEST(IsupCause, ReadFromTheQ850Reason) {
  EXPECT_EQ(isup_cause(response_with({"Q.850;cause=34;text=\"No circuit\""})), 34);
  EXPECT_EQ(isup_cause(response_with({"SIP;cause=480, Q.850;cause=17"})), 17);
  EXPECT_EQ(isup_cause(response_with({"SIP;cause=480", "q.850;cause=21"})), 21);
}

TEST(IsupCause, NoneWithoutAUsableQ850Cause) {
  EXPECT_EQ(isup_cause(response_with({})), std::nullopt);
  EXPECT_EQ(isup_cause(response_with({"SIP;cause=486"})), std::nullopt);
  EXPECT_EQ(isup_cause(response_with({"Q.850;text=\"no cause\""})), std::nullopt);
  EXPECT_EQ(isup_cause(response_with({"Q.850;cause=abc"})), std::nullopt);
  EXPECT_EQ(isup_cause(response_with({";;;"})), std::nullopt);
  EXPECT_EQ(isup_cause(response_with({"Q.850;cause=99999999999999999999"})), std::nullopt);
}

TEST(ResponseCodeTranslation, CodeAndCauseMustBothMatch) {
  const std::vector<ResponseCodeTranslationRule> rules = {{"busy-34", 486, 34, 503}};
  EXPECT_EQ(translate_response_code(rules, 486, 34), 503);
  EXPECT_EQ(translate_response_code(rules, 486, 17), 486);
  EXPECT_EQ(translate_response_code(rules, 486, std::nullopt), 486);
  EXPECT_EQ(translate_response_code(rules, 480, 34), 480);
}

TEST(ResponseCodeTranslation, AnyCauseAndCauseOnlyRules) {
  const std::vector<ResponseCodeTranslationRule> rules = {{"434", 434, -1, 404},
                                                          {"cause-only", 0, 34, 503}};
  EXPECT_EQ(translate_response_code(rules, 434, std::nullopt), 404);
  EXPECT_EQ(translate_response_code(rules, 434, 34), 404) << "the first matching rule wins";
  EXPECT_EQ(translate_response_code(rules, 480, 34), 503);
  EXPECT_EQ(translate_response_code(rules, 600, 34), 503);
  EXPECT_EQ(translate_response_code(rules, 480, std::nullopt), 480);
}

TEST(ResponseCodeTranslation, PriorityOrderIsTheListOrder) {
  const std::vector<ResponseCodeTranslationRule> rules = {{"first", 0, 34, 486},
                                                          {"second", 503, 34, 404}};
  EXPECT_EQ(translate_response_code(rules, 503, 34), 486);
}

TEST(ResponseCodeTranslation, ARuleThatWouldMatchEverythingMatchesNothing) {
  const std::vector<ResponseCodeTranslationRule> rules = {{"all", 0, -1, 503}};
  EXPECT_EQ(translate_response_code(rules, 486, 34), 486);
  EXPECT_EQ(translate_response_code(rules, 486, std::nullopt), 486);
}

TEST(ResponseCodeTranslation, OnlyFailuresAreTranslated) {
  const std::vector<ResponseCodeTranslationRule> rules = {{"cause-only", 0, 16, 503}};
  EXPECT_EQ(translate_response_code(rules, 200, 16), 200);
  EXPECT_EQ(translate_response_code(rules, 183, 16), 183);
  EXPECT_EQ(translate_response_code({}, 486, 34), 486);
}

}  // namespace
}  // namespace sipconf::mediation
