#include "base/duration.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/input_error.h"

namespace sipconf::base {
namespace {

using std::chrono::microseconds;

/// The duration `text` reads as, or the message that refuses it.
std::string read_duration_text(std::string_view text, const DurationRules& rules = {}) {
  Diagnostics diags;
  const Result<microseconds> parsed = parse_duration(text, {}, {}, diags, rules);
  if (parsed) return std::to_string(parsed->count()) + "us";
  EXPECT_EQ(diags.size(), 1u);
  return diags.empty() ? parsed.error().message() : diags.front().message;
}

TEST(Duration, EveryUnitReads) {
  EXPECT_EQ(read_duration_text("500us"), "500us");
  EXPECT_EQ(read_duration_text("250ms"), "250000us");
  EXPECT_EQ(read_duration_text("3s"), "3000000us");
  EXPECT_EQ(read_duration_text("2min"), "120000000us");
  EXPECT_EQ(read_duration_text("1h"), "3600000000us");
  EXPECT_EQ(read_duration_text("0s"), "0us");
}

// The mediation's configuration documented `10m` for ten minutes: it stays minutes everywhere,
// since it cannot be taken for milliseconds.
TEST(Duration, MIsMinutesToo) { EXPECT_EQ(read_duration_text("10m"), "600000000us"); }

TEST(Duration, DecimalsAreExact) {
  EXPECT_EQ(read_duration_text("1.5s"), "1500000us");
  EXPECT_EQ(read_duration_text("0.1s"), "100000us");
  EXPECT_EQ(read_duration_text("0.25min"), "15000000us");
  EXPECT_EQ(read_duration_text("1.000s"), "1000000us");
  EXPECT_EQ(read_duration_text("0.001ms"), "1us");
  EXPECT_EQ(read_duration_text("1.5us"), "`1.5us` is finer than a microsecond, the finest step");
}

TEST(Duration, ABareNumberIsRefusedWithTheSpellingToWrite) {
  EXPECT_EQ(read_duration_text("5"),
            "`5` has no unit: write it with one of us, ms, s, min or h, e.g. 5s or 5ms");
  DurationRules sipsim;
  sipsim.former_bare_unit = "ms";
  EXPECT_EQ(read_duration_text("5", sipsim),
            "`5` has no unit (a bare number no longer means ms): write 5ms");
}

TEST(Duration, UnitsOfHabitAreRefusedWithTheUnitToWrite) {
  EXPECT_EQ(read_duration_text("5sec"), "`5sec`: write 5s");
  EXPECT_EQ(read_duration_text("5 s"), "`5 s`: write 5s");
  EXPECT_EQ(read_duration_text("2minutes"), "`2minutes`: write 2min");
  EXPECT_EQ(read_duration_text("3MS"), "`3MS`: write 3ms");
  EXPECT_EQ(read_duration_text("1hr"), "`1hr`: write 1h");
  EXPECT_EQ(read_duration_text("5d"), "`5d`: unknown unit `d` (use us, ms, s, min or h)");
}

TEST(Duration, MalformedNegativeAndTooLongAreRefused) {
  EXPECT_EQ(read_duration_text("ms"), "`ms` is not a duration (write e.g. 500ms, 3s, 2min)");
  EXPECT_EQ(read_duration_text(""), "`` is not a duration (write e.g. 500ms, 3s, 2min)");
  EXPECT_EQ(read_duration_text(".5s"), "`.5s` is not a duration (write e.g. 500ms, 3s, 2min)");
  EXPECT_EQ(read_duration_text("5.s"), "`5.s` is not a duration (write e.g. 500ms, 3s, 2min)");
  EXPECT_EQ(read_duration_text("1e3ms"), "`1e3ms`: unknown unit `e3ms` (use us, ms, s, min or h)");
  EXPECT_EQ(read_duration_text("-1s"), "`-1s` is negative");
  EXPECT_EQ(read_duration_text("25h"), "`25h` is longer than 24h");
  EXPECT_EQ(read_duration_text("99999999999999999999999h"),
            "`99999999999999999999999h` is longer than 24h");
}

TEST(Duration, AFieldMayCountInCoarserSteps) {
  DurationRules milliseconds;
  milliseconds.step = std::chrono::milliseconds(1);
  EXPECT_EQ(read_duration_text("1.5ms", milliseconds),
            "`1.5ms` is not a whole number of 1ms, the step this counts in");
  EXPECT_EQ(read_duration_text("2000us", milliseconds), "2000us");
}

TEST(Duration, RefusalsCarryTheKindTheSubjectAndThePlace) {
  Diagnostics diags;
  const Result<microseconds> parsed =
      parse_duration("5", "attribute `timeout` of <case>", {"case.xml", 3, 18}, diags);
  EXPECT_EQ(parsed.error(), InputErrc::kMissingUnit);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(),
            "case.xml:3:18: attribute `timeout` of <case>: `5` has no unit: write it with one "
            "of us, ms, s, min or h, e.g. 5s or 5ms");
  EXPECT_EQ(parse_duration("5x", {}, {}, diags).error(), InputErrc::kUnknownUnit);
  EXPECT_EQ(parse_duration("x", {}, {}, diags).error(), InputErrc::kMalformed);
  EXPECT_EQ(parse_duration("48h", {}, {}, diags).error(), InputErrc::kOutOfRange);
}

TEST(Duration, TheCanonicalSpellingIsTheLargestExactUnit) {
  EXPECT_EQ(duration_spelling(std::chrono::seconds(30)), "30s");
  EXPECT_EQ(duration_spelling(std::chrono::milliseconds(30000)), "30s");
  EXPECT_EQ(duration_spelling(std::chrono::milliseconds(1500)), "1500ms");
  EXPECT_EQ(duration_spelling(std::chrono::minutes(10)), "10min");
  EXPECT_EQ(duration_spelling(std::chrono::minutes(120)), "2h");
  EXPECT_EQ(duration_spelling(microseconds(250)), "250us");
  EXPECT_EQ(duration_spelling(microseconds(0)), "0s");
}

TEST(Duration, EveryCanonicalSpellingReadsBack) {
  for (const std::int64_t us : {0LL, 1LL, 999LL, 1000LL, 1500LL, 60'000'000LL, 90'000'000LL,
                                3'600'000'000LL, 86'399'999'999LL}) {
    const std::string text = duration_spelling(microseconds(us));
    EXPECT_EQ(read_duration_text(text), std::to_string(us) + "us") << text;
  }
}

TEST(Duration, FormatsDurationsForPeople) {
  EXPECT_EQ(format_duration(microseconds(850)), "850 us");
  EXPECT_EQ(format_duration(microseconds(12500)), "12.5 ms");
  EXPECT_EQ(format_duration(microseconds(3000000)), "3 s");
}

}  // namespace
}  // namespace sipconf::base
