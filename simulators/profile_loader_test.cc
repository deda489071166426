#include "simulators/profile_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

TEST(ProfileLoaderTest, EveryBuiltInProfileLoadsAndNamesItself) {
  for (std::string_view name : builtin_profile_names()) {
    Behaviours b;
    ProfileInfo info;
    std::vector<std::string> errors;
    const auto file = resolve_profile(name, default_profile_dir());
    EXPECT_TRUE(apply_profile_file(file, true, b, info, errors))
        << ::testing::PrintToString(errors);
    EXPECT_EQ(info.name, name);
    EXPECT_FALSE(info.description.empty());
    EXPECT_EQ(check_behaviours(b), "") << name;
  }
}

TEST(ProfileLoaderTest, ProfilesDifferInTheirHabits) {
  auto load = [](std::string_view name) {
    Behaviours b;
    ProfileInfo info;
    std::vector<std::string> errors;
    apply_profile_file(resolve_profile(name, default_profile_dir()), true, b, info, errors);
    return b;
  };
  const Behaviours lync = load("lync");
  const Behaviours gateway = load("pstn-gateway");
  const Behaviours pbx = load("ip-pbx");
  const Behaviours itsp = load("itsp");
  EXPECT_FALSE(lync.strip_plus);
  EXPECT_TRUE(lync.user_phone);
  EXPECT_TRUE(gateway.strip_plus);
  EXPECT_EQ(gateway.ring, RingMode::progress);
  EXPECT_TRUE(gateway.pai_on_answer);
  EXPECT_EQ(pbx.ring, RingMode::ringing);
  EXPECT_EQ(pbx.call_history, CallHistory::diversion);
  EXPECT_EQ(itsp.call_history, CallHistory::history_info);
  EXPECT_EQ(itsp.refer, ReferPolicy::reject_501);
  EXPECT_TRUE(itsp.session_timer);
}

TEST(ProfileLoaderTest, OverridesApplyOnTop) {
  Behaviours b;
  ProfileInfo info{"pstn-gateway", ""};
  std::vector<std::string> errors;
  ASSERT_TRUE(apply_profile_text(
      "<profile>\n  <behaviour name=\"answer_after_ms\" value=\"5000\"/>\n</profile>\n",
      "override.xml", false, b, info, errors));
  EXPECT_EQ(b.answer_after, milliseconds(5000));
  EXPECT_EQ(info.name, "pstn-gateway") << "an override without name keeps the profile's";
}

TEST(ProfileLoaderTest, ProblemsAreReportedWithFileAndLine) {
  Behaviours b;
  b.final_status = 200;
  ProfileInfo info;
  std::vector<std::string> errors;
  EXPECT_FALSE(
      apply_profile_text("<profile name=\"x\">\n"
                         "  <behaviour name=\"final\" value=\"486\"/>\n"
                         "  <behaviour name=\"ring\" value=\"181\"/>\n"
                         "  <behavior name=\"ring\" value=\"180\"/>\n"
                         "  <behaviour name=\"final\" value=\"404\"/>\n"
                         "  <behaviour name=\"calls\"/>\n"
                         "</profile>\n",
                         "p.xml", true, b, info, errors));
  EXPECT_THAT(errors, ElementsAre("p.xml:3: ring: expected none|180|183, got `181`",
                                  "p.xml:4: unknown element <behavior> (a profile holds <behaviour "
                                  "name=... value=.../>)",
                                  "p.xml:5: behaviour `final` is set twice (first on line 2)",
                                  "p.xml:6: <behaviour> needs both name and value attributes"));
  EXPECT_EQ(b.final_status, 200) << "nothing is applied from a file with errors";
}

TEST(ProfileLoaderTest, XmlErrorsAndMissingFiles) {
  Behaviours b;
  ProfileInfo info;
  std::vector<std::string> errors;
  EXPECT_FALSE(apply_profile_text("<profile name=\"x\">\n<behaviour name=\"a\"\n", "bad.xml", true,
                                  b, info, errors));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("bad.xml:", 0), 0u);
  EXPECT_NE(errors[0].find("XML error"), std::string::npos);
  errors.clear();
  EXPECT_FALSE(apply_profile_text("<profiles/>", "root.xml", true, b, info, errors));
  EXPECT_THAT(errors,
              ElementsAre("root.xml:1: the root element is <profiles>, expected <profile>"));
  errors.clear();
  EXPECT_FALSE(apply_profile_file("/nonexistent/x.xml", true, b, info, errors));
  EXPECT_THAT(errors, ElementsAre("/nonexistent/x.xml: cannot read the file"));
}

TEST(ProfileLoaderTest, NamesAndPathsResolve) {
  EXPECT_EQ(resolve_profile("itsp", "/p"), std::filesystem::path("/p/itsp.xml"));
  EXPECT_EQ(resolve_profile("my.xml", "/p"), std::filesystem::path("my.xml"));
  EXPECT_EQ(resolve_profile("dir/x", "/p"), std::filesystem::path("dir/x"));
}

}  // namespace
}  // namespace sipconf::simulators
