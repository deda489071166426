#include "harness/judge/process_exit.h"

#include <signal.h>
#include <sys/wait.h>

#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

TEST(ProcessExit, DecodesWaitStatuses) {
  const ProcessExit exited = ProcessExit::from_wait_status(W_EXITCODE(254, 0));
  EXPECT_FALSE(exited.signalled);
  EXPECT_EQ(exited.code, 254);
  EXPECT_FALSE(exited.crashed());
  const ProcessExit killed = ProcessExit::from_wait_status(W_EXITCODE(0, SIGKILL));
  EXPECT_TRUE(killed.signalled);
  EXPECT_EQ(killed.describe(), "killed by SIGKILL");
  EXPECT_FALSE(killed.crashed());
  const ProcessExit aborted = ProcessExit::from_wait_status(W_EXITCODE(0, SIGABRT) | WCOREFLAG);
  EXPECT_TRUE(aborted.crashed());
  EXPECT_EQ(aborted.describe(), "killed by SIGABRT (core dumped)");
}

}  // namespace
}  // namespace sipconf::harness
