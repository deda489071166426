#include "harness/lab/builtin_mediation.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/temp_tree_for_test.h"
#include "harness/lab/lab_error.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

manifest::CaseManifest mediation_case() {
  manifest::CaseManifest manifest;
  manifest.sut.kind = manifest::SutKind::mediation;
  manifest.sut.mediation.internal.transport = manifest::Transport::tcp;
  manifest::Trunk trunk;
  trunk.name = "gw1";
  trunk.peer = "gw";
  trunk.transport = manifest::Transport::udp;
  manifest.sut.mediation.trunks = {trunk};
  return manifest;
}

TEST(BuiltinMediation, WithoutTheBinaryEveryCaseSaysHowToBuildIt) {
  BuiltinMediation sut(std::nullopt);
  base::Diagnostics diags;
  EXPECT_EQ(sut.open(mediation_case(), {"127.0.0.90"}, "/tmp", diags).error(),
            LabErrc::kSutNotFound);
  EXPECT_EQ(testing::text_of(diags),
            "mediation: not found: build it (cmake --build <build-dir> --target mediation) or "
            "pass --sut HOST:PORT with --sut-description FILE");
  EXPECT_EQ(sut.describe().kind, "builtin");
  EXPECT_EQ(sut.addresses_needed(), 1u);
}

TEST(BuiltinMediation, PlacesEveryInterfaceOnItsAddress) {
  BuiltinMediation sut(std::filesystem::path("/bin/true"));
  base::Diagnostics diags;
  sip::Result<std::unique_ptr<SutSession>> session =
      sut.open(mediation_case(), {"127.0.0.91"}, "/tmp", diags);
  ASSERT_TRUE(session) << testing::text_of(diags);
  const std::vector<SutInterface> interfaces = (*session)->interfaces();
  ASSERT_EQ(interfaces.size(), 2u);
  EXPECT_EQ(interfaces[0].name, "internal");
  EXPECT_EQ(interfaces[0].address.ip, "127.0.0.91");
  EXPECT_EQ(interfaces[0].transport, manifest::Transport::tcp);
  EXPECT_EQ(interfaces[1].name, "trunk:gw1");
  EXPECT_EQ(interfaces[1].transport, manifest::Transport::udp);
  EXPECT_NE(interfaces[0].address.port, interfaces[1].address.port);
}

TEST(BuiltinMediation, AMediationThatDiesAtStartUpIsReportedWithItsExit) {
  base::testing::TempTree tree;
  const std::filesystem::path program =
      tree.write("mediation", "#!/bin/sh\necho \"bad config $2\" >&2\nexit 3\n");
  ::chmod(program.c_str(), 0755);
  BuiltinMediation sut(program);
  base::Diagnostics diags;
  sip::Result<std::unique_ptr<SutSession>> opened =
      sut.open(mediation_case(), {"127.0.0.92"}, tree.root(), diags);
  ASSERT_TRUE(opened) << testing::text_of(diags);
  const std::unique_ptr<SutSession>& session = *opened;
  std::unique_ptr<ProcessLauncher> launcher = make_process_launcher();
  RealLabClock clock;
  EXPECT_EQ(session->start({{"gw", {"127.0.0.93", 21000}}}, *launcher, clock, diags),
            LabErrc::kSutEndedDuringStartUp);
  EXPECT_EQ(testing::text_of(diags),
            "mediation: ended during start-up: exit 3 (see mediation.stderr)");
  ASSERT_TRUE(session->poll_died());
  EXPECT_EQ(session->poll_died()->code, 3);
  std::ifstream config(session->config_file());
  std::ostringstream text;
  text << config.rdbuf();
  EXPECT_NE(text.str().find("peer=\"127.0.0.93\" peer-port=\"21000\""), std::string::npos);
  std::ifstream err(session->stderr_file());
  std::string line;
  std::getline(err, line);
  EXPECT_EQ(line, "bad config " + session->config_file().string());
  EXPECT_EQ(session->stop()->code, 3);
}

TEST(BuiltinMediation, FindsTheBinaryInTheBuildTree) {
  base::testing::TempTree tree;
  const std::filesystem::path program = tree.write("build/mediation/mediation", "#!/bin/sh\n");
  ::chmod(program.c_str(), 0755);
  EXPECT_EQ(find_mediation_beside(tree.root() / "build/harness/sipconf"), program);
  EXPECT_FALSE(find_mediation_beside(tree.root() / "elsewhere/sipconf"));
}

}  // namespace
}  // namespace sipconf::harness
