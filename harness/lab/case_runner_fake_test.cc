// The case runner's state machine on fake processes and a fake clock: every way a case
// ends (all endpoints done, one failing, the timeout, the SUT dying, a process that
// cannot start, a stop request), with what the judges were given and the check that
// every process the case started was stopped. No process runs and no time passes.
#include <unistd.h>

#include <csignal>
#include <fstream>

#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"
#include "harness/judge/process_judge.h"
#include "harness/lab/builtin_mediation.h"
#include "harness/lab/case_runner.h"
#include "harness/testing/fake_lab_clock.h"
#include "harness/testing/fake_process_launcher.h"
#include "harness/testing/fake_sut.h"

namespace sipconf::harness {
namespace {

/// The process judge, keeping what it was given: the runner's account of how the
/// processes ended is what every verdict is built on.
class RecordingJudge final : public Judge {
 public:
  bool judges(manifest::ExpectationKind kind) const override { return inner_.judges(kind); }
  std::vector<reports::Subtest> judge(const manifest::CaseManifest& manifest,
                                      const CaseArtifacts& artifacts,
                                      reports::CaseResult& record) override {
    seen = artifacts;
    return inner_.judge(manifest, artifacts, record);
  }

  std::optional<CaseArtifacts> seen;

 private:
  ProcessJudge inner_;
};

constexpr std::string_view kEndpointPair =
    "<sut kind=\"none\"/>"
    "<endpoint name=\"callee\" role=\"itsp\" driver=\"sipsim\" profile=\"itsp\" mode=\"uas\" "
    "transport=\"udp\" calls=\"1\"/>"
    "<endpoint name=\"caller\" role=\"lync\" driver=\"sipsim\" profile=\"lync\" mode=\"uac\" "
    "transport=\"udp\" calls=\"1\" remote=\"callee\"/>";

constexpr std::string_view kThroughSut =
    "<sut kind=\"mediation\"><internal transport=\"tcp\" peer=\"fe\"/>"
    "<trunk name=\"gw1\" peer=\"gw\" transport=\"udp\" srtp-mode=\"not-supported\"/>"
    "<voice-policy><usage name=\"Local\"/></voice-policy>"
    "<route name=\"all\" usage=\"Local\" pattern=\".*\"><trunk ref=\"gw1\"/></route></sut>"
    "<endpoint name=\"gw\" role=\"pstn-gateway\" driver=\"sipsim\" profile=\"pstn-gateway\" "
    "mode=\"uas\" transport=\"udp\" interface=\"trunk:gw1\" calls=\"1\"/>"
    "<endpoint name=\"fe\" role=\"lync\" driver=\"sipsim\" profile=\"lync\" mode=\"uac\" "
    "transport=\"tcp\" interface=\"internal\" calls=\"1\"/>";

class FakeRunnerTest : public ::testing::Test {
 protected:
  FakeRunnerTest()
      : pool_({10, 250, LoopbackPool::default_lock_dir(), static_cast<int>(::getpid() % 241)}) {
    tree_.write("catalogue.txt", "RT-01\tRoute\n");
    tools_.sipsim = std::filesystem::path("/fake/sipsim");
  }

  manifest::LoadedCase write_case(std::string_view topology, const std::string& expectations,
                                  const std::string& timeout = "5s") {
    const std::filesystem::path manifest =
        tree_.write("s/c/case.xml", "<case id=\"s/c\" timeout=\"" + timeout +
                                        "\"><description>d</description><behaviour id=\"RT-01\"/>"
                                        "<topology>" +
                                        std::string(topology) + "</topology><expectations>" +
                                        expectations + "</expectations></case>");
    base::Diagnostics diags;
    const manifest::Catalogue catalogue =
        manifest::Catalogue::load(tree_.root() / "catalogue.txt", diags);
    manifest::LoadedCase loaded = manifest::load_case(manifest, catalogue);
    EXPECT_TRUE(loaded.runnable()) << loaded.diagnostics.front().to_string();
    return loaded;
  }

  /// Both endpoints of kEndpointPair must end with exit 0.
  manifest::LoadedCase endpoint_pair(const std::string& timeout = "5s") {
    return write_case(kEndpointPair,
                      "<process name=\"callee-ok\" endpoint=\"callee\" exit=\"success\"/>"
                      "<process name=\"caller-ok\" endpoint=\"caller\" exit=\"success\"/>",
                      timeout);
  }

  manifest::LoadedCase through_sut() {
    return write_case(kThroughSut,
                      "<process name=\"fe-ok\" endpoint=\"fe\" exit=\"success\"/>"
                      "<process name=\"sut-up\" endpoint=\"sut\" alive=\"true\"/>");
  }

  reports::CaseResult run(const manifest::LoadedCase& loaded, SystemUnderTest& sut) {
    RunnerContext context{launcher_,        clock_, pool_,     sut,
                          nullptr,          tools_, {&judge_}, tree_.root() / "out",
                          stop_.get_token()};
    context.listening = [this](const NetworkAddress& address, bool) {
      return launcher_.listening(address);
    };
    return run_case(loaded, 1, 1, context);
  }
  reports::CaseResult run(const manifest::LoadedCase& loaded) { return run(loaded, no_sut_); }

  static testing::FakeProcessScript exits(std::chrono::milliseconds after,
                                          ProcessExit exit = testing::exited(0)) {
    testing::FakeProcessScript script;
    script.exits_after = after;
    script.exit = exit;
    return script;
  }

  /// Every process the case started has ended and its handle (whose release kills
  /// what is left of its group) was dropped by the runner.
  void expect_everything_stopped() const {
    for (const auto& process : launcher_.launched()) {
      EXPECT_TRUE(process->stopped())
          << process->spec.name << ": ended " << process->exit.has_value() << ", released "
          << process->released;
    }
  }

  const EndpointRun& endpoint_run(const std::string& name) const {
    static const EndpointRun kNone;
    if (!judge_.seen) return kNone;
    const EndpointRun* run = judge_.seen->find(name);
    return run != nullptr ? *run : kNone;
  }

  base::testing::TempTree tree_;
  testing::FakeLabClock clock_;
  testing::FakeProcessLauncher launcher_{clock_};
  testing::FakeSut fake_sut_{launcher_};
  LoopbackPool pool_;
  Toolbox tools_;
  RecordingJudge judge_;
  BuiltinMediation no_sut_{std::nullopt};
  std::stop_source stop_;
};

TEST_F(FakeRunnerTest, EveryEndpointExitingZeroIsAPass) {
  launcher_.script("callee", exits(std::chrono::milliseconds(300)));
  launcher_.script("caller", exits(std::chrono::milliseconds(200)));
  const reports::CaseResult record = run(endpoint_pair());
  EXPECT_EQ(record.status, Status::kPass) << record.message;
  ASSERT_TRUE(judge_.seen);
  for (const char* name : {"callee", "caller"}) {
    const EndpointRun& run = endpoint_run(name);
    ASSERT_TRUE(run.exit) << name;
    EXPECT_EQ(run.exit->describe(), "exit 0") << name;
    EXPECT_FALSE(run.stopped_by_harness) << name;
  }
  // The UAS is started first and must listen before the UAC starts.
  ASSERT_EQ(launcher_.launched().size(), 2u);
  EXPECT_EQ(launcher_.launched()[0]->spec.name, "callee");
  EXPECT_EQ(record.duration_ms, 300);
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, AnEndpointThatFailsFailsTheCaseOnceEveryoneIsDone) {
  launcher_.script("callee", exits(std::chrono::milliseconds(400)));
  launcher_.script("caller", exits(std::chrono::milliseconds(100), testing::exited(1)));
  const reports::CaseResult record = run(endpoint_pair());
  EXPECT_EQ(record.status, Status::kFail) << record.message;
  EXPECT_EQ(endpoint_run("caller").exit->code, 1);
  EXPECT_EQ(endpoint_run("caller").exit_description, "exit 1 (calls did not go as intended)");
  EXPECT_FALSE(endpoint_run("callee").stopped_by_harness);
  EXPECT_EQ(record.duration_ms, 400);
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, TheTimeoutStopsWhatStillRunsAndIsATimeout) {
  testing::FakeProcessScript never_ends;
  launcher_.script("callee", never_ends);
  launcher_.script("caller", exits(std::chrono::milliseconds(100)));
  const reports::CaseResult record = run(endpoint_pair("2s"));
  EXPECT_EQ(record.status, Status::kTimeout);
  EXPECT_EQ(record.message, "timed out after 2 s; still running: callee");
  EXPECT_EQ(record.duration_ms, 2000);
  // A timed-out case is not judged; the runner's account is in the fake processes.
  EXPECT_FALSE(judge_.seen);
  EXPECT_EQ(launcher_.find("callee")->exit->describe(), "killed by SIGKILL");
  EXPECT_EQ(launcher_.find("caller")->exit->describe(), "exit 0");
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, ASutThatDiesMidCallIsACrash) {
  launcher_.script(testing::FakeSut::kProcessName,
                   exits(std::chrono::milliseconds(500), testing::killed_by(SIGSEGV, true)));
  const reports::CaseResult record = run(through_sut(), fake_sut_);
  EXPECT_EQ(record.status, Status::kCrash);
  EXPECT_EQ(record.message, "fake sut ended during the case: killed by SIGSEGV (core dumped)");
  EXPECT_EQ(record.duration_ms, 500);
  ASSERT_EQ(launcher_.launched().size(), 3u);
  EXPECT_EQ(launcher_.launched()[0]->spec.name, "sut");
  EXPECT_EQ(launcher_.find("gw")->exit->describe(), "killed by SIGKILL");
  EXPECT_EQ(launcher_.find("fe")->exit->describe(), "killed by SIGKILL");
  // A SUT that already died gets no SIGTERM, only its group killed.
  EXPECT_TRUE(launcher_.find("sut")->signals.empty());
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, ASutThatEndsCleanlyIsStoppedWithSigtermAfterTheEndpoints) {
  launcher_.script("gw", exits(std::chrono::milliseconds(300)));
  launcher_.script("fe", exits(std::chrono::milliseconds(250)));
  const reports::CaseResult record = run(through_sut(), fake_sut_);
  EXPECT_EQ(record.status, Status::kPass) << record.message;
  ASSERT_TRUE(judge_.seen);
  EXPECT_TRUE(judge_.seen->sut.started);
  EXPECT_FALSE(judge_.seen->sut.died);
  ASSERT_TRUE(judge_.seen->sut.stopped);
  EXPECT_EQ(judge_.seen->sut.stopped->describe(), "exit 0");
  EXPECT_EQ(launcher_.find("sut")->signals, std::vector<int>{SIGTERM});
  // SIGTERM takes the fake 10 ms, polled every 5 ms.
  EXPECT_EQ(record.duration_ms, 310);
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, ASutIgnoringSigtermIsKilledAfterTheGracePeriod) {
  testing::FakeProcessScript stubborn;
  stubborn.ends_on_sigterm = false;
  launcher_.script("sut", stubborn);
  launcher_.script("gw", exits(std::chrono::milliseconds(300)));
  launcher_.script("fe", exits(std::chrono::milliseconds(300)));
  const reports::CaseResult record = run(through_sut(), fake_sut_);
  EXPECT_EQ(record.status, Status::kPass) << record.message;
  ASSERT_TRUE(judge_.seen && judge_.seen->sut.stopped);
  EXPECT_EQ(judge_.seen->sut.stopped->describe(), "killed by SIGKILL");
  EXPECT_EQ(record.duration_ms, 300 + testing::FakeSut::kStopGrace.count());
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, ASutThatCrashesWhenStoppedIsACrash) {
  testing::FakeProcessScript crashes;
  crashes.sigterm_exit = testing::killed_by(SIGABRT);
  launcher_.script("sut", crashes);
  launcher_.script("gw", exits(std::chrono::milliseconds(100)));
  launcher_.script("fe", exits(std::chrono::milliseconds(100)));
  const reports::CaseResult record = run(through_sut(), fake_sut_);
  EXPECT_EQ(record.status, Status::kCrash);
  EXPECT_EQ(record.message, "the SUT crashed when stopped: killed by SIGABRT");
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, AnEndpointThatCannotStartIsAnErrorAndStopsTheOthers) {
  testing::FakeProcessScript never_ends;
  launcher_.script("callee", never_ends);
  launcher_.fail_launch("caller", std::make_error_code(std::errc::no_such_file_or_directory));
  const reports::CaseResult record = run(endpoint_pair());
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message, "cannot start /fake/sipsim for caller: No such file or directory");
  ASSERT_EQ(launcher_.launched().size(), 1u);
  EXPECT_EQ(launcher_.find("callee")->exit->describe(), "killed by SIGKILL");
  EXPECT_EQ(record.duration_ms, 0);
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, ASutThatCannotStartIsAnErrorAndNothingElseRuns) {
  launcher_.fail_launch("sut", std::make_error_code(std::errc::permission_denied));
  const reports::CaseResult record = run(through_sut(), fake_sut_);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message, "fake-sut: cannot start: Permission denied");
  EXPECT_TRUE(launcher_.launched().empty());
}

TEST_F(FakeRunnerTest, ASutThatDiesAtStartUpIsACrash) {
  testing::FakeProcessScript deaf =
      exits(std::chrono::milliseconds(20), testing::killed_by(SIGSEGV));
  deaf.listens_after.reset();
  launcher_.script("sut", deaf);
  const reports::CaseResult record = run(through_sut(), fake_sut_);
  EXPECT_EQ(record.status, Status::kCrash);
  EXPECT_EQ(record.message, "fake-sut: ended during start-up: killed by SIGSEGV");
  ASSERT_EQ(launcher_.launched().size(), 1u);
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, AUasThatNeverListensIsAnErrorAfterTheListenTimeout) {
  testing::FakeProcessScript deaf;
  deaf.listens_after.reset();
  launcher_.script("callee", deaf);
  const manifest::LoadedCase loaded = endpoint_pair();
  const reports::CaseResult record = run(loaded);
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message.rfind("callee did not listen on 127.0.0.", 0), 0u) << record.message;
  EXPECT_NE(record.message.find(" within 10 s"), std::string::npos) << record.message;
  EXPECT_EQ(record.duration_ms, 10000);
  EXPECT_EQ(launcher_.launched().size(), 1u);
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, AUasThatEndsBeforeListeningIsAnError) {
  testing::FakeProcessScript dies = exits(std::chrono::milliseconds(40), testing::exited(0));
  dies.listens_after.reset();
  launcher_.script("callee", dies);
  const reports::CaseResult record = run(endpoint_pair());
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message, "callee ended before it listened: exit 0");
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, APortClashIsRetriedOnceOnFreshPortsThenAnError) {
  testing::FakeProcessScript clash = exits(std::chrono::milliseconds(30), testing::exited(3));
  clash.listens_after.reset();
  clash.at_exit = [](const ProcessSpec& spec) {
    std::ofstream(spec.stderr_path) << "cannot listen on the SIP address: Address already in use\n";
  };
  launcher_.script("callee", clash);
  const reports::CaseResult record = run(endpoint_pair());
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message,
            "port in use: callee: cannot listen on the SIP address: Address already in use");
  ASSERT_EQ(launcher_.launched().size(), 2u);
  EXPECT_EQ(launcher_.launched()[1]->spec.name, "callee");
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, AStopRequestEndsTheCaseAsAnErrorAndStopsEveryProcess) {
  testing::FakeProcessScript never_ends;
  launcher_.script("callee", never_ends);
  launcher_.script("caller", never_ends);
  clock_.timers().schedule(std::chrono::milliseconds(700), [this] { stop_.request_stop(); });
  const reports::CaseResult record = run(endpoint_pair());
  EXPECT_EQ(record.status, Status::kError);
  EXPECT_EQ(record.message, "interrupted before the case finished");
  EXPECT_EQ(record.duration_ms, 700);
  for (const char* name : {"callee", "caller"}) {
    EXPECT_EQ(launcher_.find(name)->exit->describe(), "killed by SIGKILL") << name;
  }
  expect_everything_stopped();
}

TEST_F(FakeRunnerTest, TheRunnerWaitsOnlyOnTheInjectedClock) {
  launcher_.script("callee", exits(std::chrono::milliseconds(50)));
  launcher_.script("caller", exits(std::chrono::milliseconds(50)));
  run(endpoint_pair());
  // 50 ms of polling every 5 ms: the waits went through the clock, not a real sleep.
  EXPECT_EQ(clock_.elapsed(), std::chrono::milliseconds(50));
  EXPECT_EQ(clock_.pauses(), 10u);
}

}  // namespace
}  // namespace sipconf::harness
