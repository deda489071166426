// The case runner against real processes, with the environment made to fail on
// purpose: a capture without permission, SIPp missing or unable to bind, a SUT that
// crashes mid-call. Each must end as the right status with one line saying why.
#include "harness/lab/case_runner.h"

#include <sys/stat.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"
#include "harness/capture/capture_error.h"
#include "harness/judge/process_judge.h"
#include "harness/lab/builtin_mediation.h"

#include "base/build_paths.h"

namespace sipconf::harness {
namespace {

using ::testing::StartsWith;

constexpr std::string_view kUas =
    "<?xml version=\"1.0\"?><scenario><recv request=\"INVITE\"/>"
    "<send><![CDATA[\nSIP/2.0 100 Trying\n[last_Via:]\n[last_From:]\n[last_To:]\n"
    "[last_Call-ID:]\n[last_CSeq:]\nContent-Length: 0\n]]></send>"
    "<recv request=\"BYE\"/></scenario>";
constexpr std::string_view kUac =
    "<?xml version=\"1.0\"?><scenario><send retrans=\"500\"><![CDATA[\nINVITE "
    "sip:[service]@[remote_ip]:[remote_port] "
    "SIP/2.0\nVia: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"
    "From: <sip:a@[local_ip]>;tag=[call_number]\nTo: <sip:[service]@[remote_ip]>\n"
    "Call-ID: [call_id]\nCSeq: 1 INVITE\nContact: <sip:a@[local_ip]:[local_port]>\n"
    "Max-Forwards: 70\nContent-Length: 0\n]]></send><recv response=\"100\" optional=\"true\"/>"
    "<recv response=\"200\"/></scenario>";

/// A case directory in a temporary tree, loaded as `sipconf run` would.
class RunnerTest : public ::testing::Test {
 protected:
  RunnerTest()
      : launcher_(make_process_launcher()),
        pool_({10, 250, LoopbackPool::default_lock_dir(), static_cast<int>(::getpid() % 241)}) {
    tree_.write("catalogue.txt", "RT-01\tRoute\n");
    tools_.sipp = find_program("sipp");
  }

  manifest::LoadedCase write_case(const std::string& sut, const std::string& endpoints,
                                  const std::string& timeout = "5s") {
    tree_.write("s/c/uas.xml", kUas);
    tree_.write("s/c/uac.xml", kUac);
    const std::filesystem::path manifest =
        tree_.write("s/c/case.xml", "<case id=\"s/c\" timeout=\"" + timeout +
                                        "\"><description>d</description><behaviour id=\"RT-01\"/>"
                                        "<topology>" +
                                        sut + endpoints + "</topology></case>");
    base::Diagnostics diags;
    const manifest::Catalogue catalogue =
        manifest::Catalogue::load(tree_.root() / "catalogue.txt", diags);
    return manifest::load_case(manifest, catalogue);
  }

  manifest::LoadedCase sipp_pair() {
    return write_case("<sut kind=\"none\"/>",
                      "<endpoint name=\"callee\" role=\"itsp\" driver=\"sipp\" mode=\"uas\" "
                      "scenario=\"uas.xml\"/>"
                      "<endpoint name=\"caller\" role=\"lync\" driver=\"sipp\" mode=\"uac\" "
                      "scenario=\"uac.xml\" remote=\"callee\"/>");
  }

  reports::CaseResult run(const manifest::LoadedCase& loaded, SystemUnderTest& sut,
                          CaptureFactory capture = nullptr) {
    RunnerContext context{*launcher_,         clock_, pool_,     sut,
                          std::move(capture), tools_, {&judge_}, tree_.root() / "out",
                          stop_.get_token()};
    return run_case(loaded, 1, 1, context);
  }

  base::testing::TempTree tree_;
  std::unique_ptr<ProcessLauncher> launcher_;
  RealLabClock clock_;
  LoopbackPool pool_;
  Toolbox tools_;
  ProcessJudge judge_;
  BuiltinMediation no_mediation_{std::nullopt};
  std::stop_source stop_;
};

/// A capture that cannot start, as without CAP_NET_RAW.
class DeniedCapture final : public Capture {
 public:
  std::error_code start(const CaptureOptions&, base::Diagnostics& diags) override {
    base::report(diags, {"lo"},
                 "cannot capture: permission denied; run as root or grant the capability: "
                 "setcap cap_net_raw,cap_net_admin+eip /usr/bin/sipconf");
    return CaptureErrc::kPermissionDenied;
  }
  sip::Result<CaptureStats> stop(base::Diagnostics&) override { return CaptureStats{}; }
};

TEST_F(RunnerTest, NoCapturePermissionIsAnErrorWithTheGrantLine) {
  const reports::CaseResult record =
      run(sipp_pair(), no_mediation_, [] { return std::make_unique<DeniedCapture>(); });
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message,
            "lo: cannot capture: permission denied; run as root or grant the capability: "
            "setcap cap_net_raw,cap_net_admin+eip /usr/bin/sipconf");
}

TEST_F(RunnerTest, MissingSippIsAnErrorSayingWhatToInstall) {
  tools_.sipp.reset();
  const reports::CaseResult record = run(sipp_pair(), no_mediation_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message, "sipp not found: apt-get install sip-tester");
}

TEST_F(RunnerTest, APortClashIsRetriedOnceThenAnError) {
  // A stand-in for sipp that always fails to bind, the way SIPp 3.6.1 reports it.
  const std::filesystem::path attempts = tree_.root() / "attempts";
  const std::filesystem::path fake = tree_.write(
      "fake-sipp",
      "#!/bin/sh\necho x >> " + attempts.string() +
          "\nprintf '2026-11-21\\t17:25:20.290661\\t1795281920.290661: Unable to bind main "
          "socket, errno = 98 (Address already in use)\\n' >&2\nexit 254\n");
  ::chmod(fake.c_str(), 0755);
  tools_.sipp = fake;
  const reports::CaseResult record = run(sipp_pair(), no_mediation_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message,
            "port in use: callee: Unable to bind main socket, errno = 98 (Address already in use)");
  std::ifstream in(attempts);
  std::string line;
  int count = 0;
  while (std::getline(in, line)) ++count;
  EXPECT_EQ(count, 2);
}

TEST_F(RunnerTest, ASippThatCannotLoadItsScenarioIsAnError) {
  const std::filesystem::path fake = tree_.write(
      "fake-sipp",
      "#!/bin/sh\nprintf '2026-11-21\\t17:25:20.305291\\t1795281920.305291: Unable to load or "
      "parse '\\''uas.xml'\\'' xml scenario file\\n' >&2\nexit 1\n");
  ::chmod(fake.c_str(), 0755);
  tools_.sipp = fake;
  const reports::CaseResult record = run(sipp_pair(), no_mediation_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message,
            "callee: sipp could not start: Unable to load or parse 'uas.xml' xml scenario file");
}

TEST_F(RunnerTest, AnInvalidManifestIsAnErrorWithItsFirstProblem) {
  manifest::LoadedCase loaded = sipp_pair();
  loaded.diagnostics.push_back({{"s/c/case.xml", 3, 0}, "first problem"});
  loaded.diagnostics.push_back({{"s/c/case.xml", 4, 0}, "second problem"});
  const reports::CaseResult record = run(loaded, no_mediation_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message, "s/c/case.xml:3: first problem (and 1 more; run sipconf lint)");
}

TEST_F(RunnerTest, AnUnjudgedExpectationKindIsAnErrorBeforeAnythingRuns) {
  manifest::LoadedCase loaded = sipp_pair();
  manifest::Expectation header;
  header.name = "h";
  header.check = manifest::HeaderCheck{};
  loaded.manifest->expectations.push_back(header);
  const reports::CaseResult record = run(loaded, no_mediation_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message,
            "cannot judge header expectations: no wire judge is configured in this build");
  EXPECT_FALSE(std::filesystem::exists(tree_.root() / "out" / "cases" / "s" / "c"));
}

TEST_F(RunnerTest, AMissingMediationSaysHowToBuildIt) {
  const manifest::LoadedCase loaded = write_case(
      "<sut kind=\"mediation\"><internal transport=\"tcp\"/>"
      "<trunk name=\"gw1\" peer=\"gw\" transport=\"udp\"/></sut>",
      "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
      "scenario=\"uas.xml\" interface=\"trunk:gw1\"/>");
  ASSERT_TRUE(loaded.runnable()) << loaded.diagnostics.front().to_string();
  const reports::CaseResult record = run(loaded, no_mediation_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_THAT(record.message, StartsWith("mediation: not found: build it"));
}

TEST_F(RunnerTest, ASutThatDiesMidCallIsACrash) {
  const std::filesystem::path mediation = base::binary_dir() / "mediation" / "mediation";
  ASSERT_TRUE(std::filesystem::exists(mediation))
      << "build the mediation first: cmake --build " << base::binary_dir().string()
      << " --target mediation";
  // The real mediation, killed by SIGSEGV one second into the case; the wrapper then
  // dies the same way so that the harness sees the crash of the process it started.
  const std::filesystem::path crashing = tree_.write(
      "crashing-mediation", "#!/bin/sh\n" + mediation.string() +
                                " \"$@\" &\nsleep 1\nkill -SEGV $!\nwait $!\nkill -SEGV $$\n");
  ::chmod(crashing.c_str(), 0755);
  BuiltinMediation sut(crashing);
  const manifest::LoadedCase loaded = write_case(
      "<sut kind=\"mediation\"><internal transport=\"tcp\" peer=\"fe\"/>"
      "<trunk name=\"gw1\" peer=\"gw\" transport=\"udp\" srtp-mode=\"not-supported\"/>"
      "<voice-policy><usage name=\"Local\"/></voice-policy>"
      "<route name=\"all\" usage=\"Local\" pattern=\".*\"><trunk ref=\"gw1\"/></route></sut>",
      "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipp\" mode=\"uas\" "
      "scenario=\"uas.xml\" interface=\"trunk:gw1\"/>"
      "<endpoint name=\"fe\" role=\"lync\" driver=\"sipp\" mode=\"uac\" transport=\"tcp\" "
      "scenario=\"uac.xml\" interface=\"internal\" service=\"+14255550100\"/>",
      "10s");
  ASSERT_TRUE(loaded.runnable()) << loaded.diagnostics.front().to_string();
  const reports::CaseResult record = run(loaded, sut);
  EXPECT_EQ(record.status, Status::kCrash) << record.message;
  EXPECT_EQ(record.message, "sipconf mediation ended during the case: killed by SIGSEGV");
  EXPECT_LT(record.duration_ms.value_or(0), 8000);
}

}  // namespace
}  // namespace sipconf::harness
