#include "harness/lab/run_plan.h"

#include <gtest/gtest.h>

#include "harness/lab/lab_error.h"

namespace sipconf::harness {
namespace {

manifest::LoadedCase make_case(const std::string& id, std::vector<std::string> behaviours) {
  manifest::LoadedCase loaded;
  loaded.id = id;
  manifest::CaseManifest manifest;
  manifest.id = id;
  for (std::string& behaviour : behaviours) manifest.behaviours.push_back({behaviour, {}});
  loaded.manifest = manifest;
  return loaded;
}

manifest::CaseSet sample() {
  manifest::CaseSet set;
  set.cases = {make_case("starter/basic-out", {"RT-01", "RT-09"}),
               make_case("starter/translate", {"RT-02"}),
               make_case("failover/fast", {"TC-11", "RFC3261-17.1.1"})};
  manifest::LoadedCase broken;
  broken.id = "starter/broken";
  set.cases.push_back(broken);
  return set;
}

std::vector<std::string> ids(const std::vector<PlannedCase>& plan) {
  std::vector<std::string> out;
  for (const PlannedCase& planned : plan) {
    out.push_back(planned.loaded->id + "#" + std::to_string(planned.repetition));
  }
  return out;
}

TEST(RunPlan, SelectsEverythingByDefault) {
  base::Diagnostics diags;
  const manifest::CaseSet set = sample();
  const auto plan = plan_run(set, {}, diags);
  ASSERT_TRUE(plan);
  EXPECT_EQ(ids(*plan), (std::vector<std::string>{"starter/basic-out#1", "starter/translate#1",
                                                  "failover/fast#1", "starter/broken#1"}));
}

TEST(RunPlan, FiltersByIdRegexAndBehaviour) {
  base::Diagnostics diags;
  const manifest::CaseSet set = sample();
  EXPECT_EQ(ids(*plan_run(set, {"^starter/b", {}, 1}, diags)),
            (std::vector<std::string>{"starter/basic-out#1", "starter/broken#1"}));
  EXPECT_EQ(ids(*plan_run(set, {"", {"RT-02"}, 1}, diags)),
            (std::vector<std::string>{"starter/translate#1"}));
  EXPECT_EQ(ids(*plan_run(set, {"", {"RT"}, 1}, diags)),
            (std::vector<std::string>{"starter/basic-out#1", "starter/translate#1"}));
  EXPECT_EQ(ids(*plan_run(set, {"", {"RFC3261"}, 1}, diags)),
            (std::vector<std::string>{"failover/fast#1"}));
  EXPECT_EQ(ids(*plan_run(set, {"starter", {"TC-11"}, 1}, diags)), std::vector<std::string>{});
}

TEST(RunPlan, RepeatsTheWholeSelection) {
  base::Diagnostics diags;
  const manifest::CaseSet set = sample();
  EXPECT_EQ(ids(*plan_run(set, {"translate|fast", {}, 2}, diags)),
            (std::vector<std::string>{"starter/translate#1", "failover/fast#1",
                                      "starter/translate#2", "failover/fast#2"}));
}

TEST(RunPlan, BadOptionsAreDiagnostics) {
  base::Diagnostics diags;
  const manifest::CaseSet set = sample();
  EXPECT_EQ(plan_run(set, {"(unclosed", {}, 1}, diags).error(), LabErrc::kBadRunOption);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string().rfind("--filter: `(unclosed` is not a valid regex: ", 0), 0u);
  diags.clear();
  EXPECT_EQ(plan_run(set, {"", {}, 0}, diags).error(), LabErrc::kBadRunOption);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].to_string(), "--repeat: must be at least 1");
}

TEST(RunPlan, BehaviourSelection) {
  EXPECT_TRUE(behaviour_selected("RT-02", "RT-02"));
  EXPECT_TRUE(behaviour_selected("RT-02", "RT"));
  EXPECT_FALSE(behaviour_selected("RT-02", "RT-0"));
  EXPECT_TRUE(behaviour_selected("RFC3261-17.1.1", "RFC3261-17"));
  EXPECT_FALSE(behaviour_selected("RFC32611", "RFC3261"));
}

}  // namespace
}  // namespace sipconf::harness
