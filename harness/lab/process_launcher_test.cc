#include "harness/lab/process_launcher.h"

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "base/temp_tree_for_test.h"

namespace sipconf::harness {
namespace {

using namespace std::chrono_literals;
using base::testing::TempTree;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// True once `pid` is gone or a zombie (killed, waiting for init to reap it).
bool process_gone(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  if (!stat) return true;
  std::string line;
  std::getline(stat, line);
  const std::size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

bool eventually_gone(int pid) {
  for (int i = 0; i < 200; ++i) {
    if (process_gone(pid)) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

ProcessSpec shell(const std::string& script) {
  return ProcessSpec{"sh", "/bin/sh", {"-c", script}, {}, {}, {}};
}

std::optional<ProcessExit> wait(RunningProcess& process) {
  return wait_for_exit(process, std::chrono::steady_clock::now() + 10s, std::stop_token());
}

TEST(ProcessLauncher, CapturesOutputAndExitStatus) {
  TempTree tree;
  ProcessSpec spec = shell("echo out; echo err >&2; pwd; exit 3");
  spec.stdout_path = tree.root() / "out.txt";
  spec.stderr_path = tree.root() / "err.txt";
  spec.working_directory = tree.root();
  std::error_code ec;
  auto process = make_process_launcher()->launch(spec, ec);
  ASSERT_FALSE(ec) << ec.message();
  const std::optional<ProcessExit> exit = wait(*process);
  ASSERT_TRUE(exit);
  EXPECT_FALSE(exit->signalled);
  EXPECT_EQ(exit->code, 3);
  EXPECT_EQ(exit->describe(), "exit 3");
  EXPECT_EQ(read_file(spec.stdout_path), "out\n" + tree.root().string() + "\n");
  EXPECT_EQ(read_file(spec.stderr_path), "err\n");
}

TEST(ProcessLauncher, ARelativeProgramPathIsRelativeToTheHarness) {
  TempTree tree;
  // The child starts in another directory; the program path is ours, like a user's
  // `--mediation build/mediation/mediation`.
  ProcessSpec spec{"sh", std::filesystem::relative("/bin/sh"), {"-c", "exit 4"}, tree.root(), {},
                   {}};
  ASSERT_TRUE(spec.program.is_relative());
  std::error_code ec;
  auto process = make_process_launcher()->launch(spec, ec);
  ASSERT_TRUE(process) << spec.program << ": " << ec.message();
  const std::optional<ProcessExit> exit = wait(*process);
  ASSERT_TRUE(exit);
  EXPECT_EQ(exit->code, 4);
}

TEST(ProcessLauncher, RunsTheChildInItsOwnProcessGroup) {
  TempTree tree;
  ProcessSpec spec = shell("cut -d' ' -f5 /proc/$$/stat > " + (tree.root() / "pgid").string());
  std::error_code ec;
  auto process = make_process_launcher()->launch(spec, ec);
  ASSERT_TRUE(process);
  ASSERT_TRUE(wait(*process));
  EXPECT_EQ(std::stoi(read_file(tree.root() / "pgid")), process->pid());
  EXPECT_NE(::getpgrp(), process->pid());
}

TEST(ProcessLauncher, KillingTheGroupKillsChildAndGrandchild) {
  TempTree tree;
  const std::filesystem::path pid_file = tree.root() / "grandchild.pid";
  ProcessSpec spec = shell("sleep 60 & echo $! > " + pid_file.string() + "; wait");
  std::error_code ec;
  auto process = make_process_launcher()->launch(spec, ec);
  ASSERT_TRUE(process);
  int grandchild = 0;
  for (int i = 0; i < 500 && grandchild == 0; ++i) {
    std::ifstream in(pid_file);
    if (!(in >> grandchild)) grandchild = 0;
    if (grandchild == 0) std::this_thread::sleep_for(10ms);
  }
  ASSERT_GT(grandchild, 0);
  ASSERT_FALSE(process_gone(grandchild));
  const ProcessExit exit = process->kill_group();
  EXPECT_TRUE(exit.signalled);
  EXPECT_EQ(exit.signal, SIGKILL);
  EXPECT_TRUE(eventually_gone(process->pid()));
  EXPECT_TRUE(eventually_gone(grandchild));
}

TEST(ProcessLauncher, DestroyingAHandleLeavesNoOrphan) {
  std::error_code ec;
  auto process = make_process_launcher()->launch(shell("sleep 60"), ec);
  ASSERT_TRUE(process);
  const int pid = process->pid();
  process.reset();
  EXPECT_TRUE(eventually_gone(pid));
}

TEST(ProcessLauncher, TerminateGroupAsksPolitelyFirst) {
  std::error_code ec;
  auto process = make_process_launcher()->launch(
      shell("trap 'exit 7' TERM; while true; do sleep 0.02; done"), ec);
  ASSERT_TRUE(process);
  std::this_thread::sleep_for(100ms);  // Let the shell install its trap.
  const ProcessExit exit = terminate_group(*process, 5s);
  EXPECT_FALSE(exit.signalled);
  EXPECT_EQ(exit.code, 7);
}

TEST(ProcessLauncher, TerminateGroupKillsAProcessThatIgnoresSigterm) {
  std::error_code ec;
  auto process = make_process_launcher()->launch(shell("trap '' TERM; sleep 60"), ec);
  ASSERT_TRUE(process);
  std::this_thread::sleep_for(100ms);
  const ProcessExit exit = terminate_group(*process, 200ms);
  EXPECT_TRUE(exit.signalled);
  EXPECT_EQ(exit.signal, SIGKILL);
}

TEST(ProcessLauncher, ReportsACrash) {
  std::error_code ec;
  auto process = make_process_launcher()->launch(shell("kill -SEGV $$"), ec);
  ASSERT_TRUE(process);
  const std::optional<ProcessExit> exit = wait(*process);
  ASSERT_TRUE(exit);
  EXPECT_TRUE(exit->signalled);
  EXPECT_EQ(exit->signal, SIGSEGV);
  EXPECT_TRUE(exit->crashed());
  EXPECT_EQ(exit->describe().rfind("killed by SIGSEGV", 0), 0u);
}

TEST(ProcessLauncher, AMissingProgramIsAnError) {
  std::error_code ec;
  auto process =
      make_process_launcher()->launch(ProcessSpec{"x", "/nonexistent/program", {}, {}, {}, {}}, ec);
  EXPECT_FALSE(process);
  EXPECT_TRUE(ec);
}

TEST(ProcessLauncher, WaitStopsAtTheDeadline) {
  std::error_code ec;
  auto process = make_process_launcher()->launch(shell("sleep 60"), ec);
  ASSERT_TRUE(process);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_FALSE(wait_for_exit(*process, start + 50ms, std::stop_token()));
  std::stop_source stop;
  stop.request_stop();
  EXPECT_FALSE(wait_for_exit(*process, start + 60s, stop.get_token()));
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(FindProgram, SearchesPath) {
  EXPECT_TRUE(find_program("sh"));
  EXPECT_EQ(find_program("/bin/sh"), std::filesystem::path("/bin/sh"));
  EXPECT_FALSE(find_program("sipconf-no-such-program"));
  EXPECT_FALSE(find_program("/nonexistent/sh"));
}

}  // namespace
}  // namespace sipconf::harness
