#include "simulators/profile_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "simulators/sipsim_error.h"

namespace sipconf::simulators {
namespace {

using std::chrono::milliseconds;
using ::testing::ElementsAre;

std::vector<std::string> profile_diagnostic_lines(const base::Diagnostics& diags) {
  std::vector<std::string> out;
  for (const base::Diagnostic& d : diags) out.push_back(d.to_string());
  return out;
}

TEST(ProfileLoaderTest, EveryBuiltInProfileLoadsAndNamesItself) {
  for (std::string_view name : builtin_profile_names()) {
    Behaviours b;
    ProfileInfo info;
    base::Diagnostics diags;
    const auto file = resolve_profile(name, default_profile_dir());
    EXPECT_FALSE(apply_profile_file(file, true, b, info, diags))
        << ::testing::PrintToString(profile_diagnostic_lines(diags));
    EXPECT_EQ(info.name, name);
    EXPECT_FALSE(info.description.empty());
    EXPECT_EQ(check_behaviours(b), "") << name;
  }
}

TEST(ProfileLoaderTest, ProfilesDifferInTheirHabits) {
  auto load = [](std::string_view name) {
    Behaviours b;
    ProfileInfo info;
    base::Diagnostics diags;
    apply_profile_file(resolve_profile(name, default_profile_dir()), true, b, info, diags);
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
  EXPECT_EQ(pbx.session_expires, 1800u);
  EXPECT_EQ(pbx.answer_after, milliseconds(800));
  EXPECT_EQ(itsp.call_history, CallHistory::history_info);
  EXPECT_EQ(itsp.refer, ReferPolicy::reject_501);
  EXPECT_TRUE(itsp.session_timer);
}

TEST(ProfileLoaderTest, OverridesApplyOnTop) {
  Behaviours b;
  ProfileInfo info{"pstn-gateway", ""};
  base::Diagnostics diags;
  ASSERT_FALSE(apply_profile_text(
      "<profile>\n  <behaviour name=\"answer_after_ms\" value=\"5s\"/>\n</profile>\n",
      "override.xml", false, b, info, diags));
  EXPECT_EQ(b.answer_after, milliseconds(5000));
  EXPECT_EQ(info.name, "pstn-gateway") << "an override without name keeps the profile's";
}

TEST(ProfileLoaderTest, ProblemsAreReportedWithFileLineAndColumn) {
  Behaviours b;
  b.final_status = 200;
  ProfileInfo info;
  base::Diagnostics diags;
  EXPECT_EQ(apply_profile_text("<profile name=\"x\">\n"
                               "  <behaviour name=\"final\" value=\"486\"/>\n"
                               "  <behaviour name=\"ring\" value=\"181\"/>\n"
                               "  <behavior name=\"ring\" value=\"180\"/>\n"
                               "  <behaviour name=\"final\" value=\"404\"/>\n"
                               "  <behaviour name=\"calls\"/>\n"
                               "  <behaviour name=\"bye_after_ms\" value=\"2000\"/>\n"
                               "  <behaviour name=\"rtp\" value=\"off\" colour=\"red\"/>\n"
                               "</profile>\n",
                               "p.xml", true, b, info, diags),
            SipsimErrc::kBadBehaviour);
  EXPECT_THAT(
      profile_diagnostic_lines(diags),
      ElementsAre("p.xml:3:33: ring: expected none|180|183, got `181`",
                  "p.xml:4: unknown element <behavior> (a profile holds <behaviour "
                  "name=... value=.../>)",
                  "p.xml:5: behaviour `final` is set twice (first on line 2)",
                  "p.xml:6: <behaviour> needs both name and value attributes",
                  "p.xml:7:41: bye_after_ms: `2000` has no unit (a bare number no longer means "
                  "ms): write 2000ms",
                  "p.xml:8:37: unknown attribute `colour` on <behaviour> (allowed: name, value)"));
  EXPECT_EQ(b.final_status, 200) << "nothing is applied from a file with errors";
}

TEST(ProfileLoaderTest, XmlErrorsAndMissingFiles) {
  Behaviours b;
  ProfileInfo info;
  base::Diagnostics diags;
  EXPECT_TRUE(apply_profile_text("<profile name=\"x\">\n<behaviour name=\"a\"\n", "bad.xml", true,
                                 b, info, diags));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, "bad.xml");
  EXPECT_GT(diags[0].where.column, 0);
  EXPECT_THAT(diags[0].message, ::testing::StartsWith("XML is not well-formed"));
  diags.clear();
  EXPECT_TRUE(apply_profile_text("<profiles/>", "root.xml", true, b, info, diags));
  EXPECT_THAT(
      profile_diagnostic_lines(diags),
      ElementsAre("root.xml:1: the root element is <profiles>; a sipsim profile starts with "
                  "<profile>"));
  diags.clear();
  EXPECT_TRUE(apply_profile_file("/nonexistent/x.xml", true, b, info, diags));
  EXPECT_THAT(profile_diagnostic_lines(diags),
              ElementsAre("/nonexistent/x.xml: cannot read the file: No such file or directory"));
}

TEST(ProfileLoaderTest, NamesAndPathsResolve) {
  EXPECT_EQ(resolve_profile("itsp", "/p"), std::filesystem::path("/p/itsp.xml"));
  EXPECT_EQ(resolve_profile("my.xml", "/p"), std::filesystem::path("my.xml"));
  EXPECT_EQ(resolve_profile("dir/x", "/p"), std::filesystem::path("dir/x"));
}

}  // namespace
}  // namespace sipconf::simulators
