#include "reports/model/run_validator.h"

#include <gtest/gtest.h>

#include "reports/model/report_error.h"
#include "reports/model/report_test_support.h"

namespace sipconf::reports {
namespace {

Run two_cases() {
  reports::Run run;
  run.results.resize(2);
  run.results[0].id = "suite/a";
  run.results[1].id = "suite/b";
  return run;
}

TEST(RunValidator, AcceptsTheFixtures) {
  for (const char* name : {"passing-run.json", "failing-run.json", "hostile-run.json"}) {
    std::string diagnostic;
    EXPECT_FALSE(validate_run(testing::load_fixture(name), diagnostic)) << name << diagnostic;
  }
}

// `sipconf run --html` refuses what `sipconf report` would refuse, with the same words.
TEST(RunValidator, SaysWhatTheLoaderSays) {
  std::string diagnostic;
  reports::Run run = two_cases();
  run.results[1].id = "suite/a";
  EXPECT_EQ(validate_run(run, diagnostic), ReportErrc::kInvalidField);
  EXPECT_EQ(diagnostic, "results[1].id: duplicate case id \"suite/a\" (first at results[0])");

  run = two_cases();
  run.results[0].messages.resize(2);
  run.results[0].subtests.push_back({});
  run.results[0].subtests[0].name = "x";
  run.results[0].subtests[0].message_index = 2;
  EXPECT_EQ(validate_run(run, diagnostic), ReportErrc::kInvalidField);
  EXPECT_EQ(diagnostic,
            "results[0].subtests[0].message_index: 2 is out of range (the case has 2 messages)");

  run = two_cases();
  run.results[1].expected = Status::kXfail;
  EXPECT_EQ(validate_run(run, diagnostic), ReportErrc::kInvalidField);
  EXPECT_EQ(diagnostic, "results[1].expected: must be PASS or FAIL");
}

}  // namespace
}  // namespace sipconf::reports
