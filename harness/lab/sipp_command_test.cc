#include "harness/lab/sipp_command.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sipconf::harness {
namespace {

using ::testing::ElementsAreArray;

SippInvocation uac() {
  SippInvocation invocation;
  invocation.scenario = "/cases/c/uac.xml";
  invocation.mode = manifest::EndpointMode::uac;
  invocation.transport = manifest::Transport::tcp;
  invocation.local_address = "127.0.0.12";
  invocation.local_port = 21000;
  invocation.control_port = 21001;
  invocation.media_port = 21004;
  invocation.remote = "127.0.0.11:22000";
  invocation.calls = 3;
  invocation.rate = 2.5;
  invocation.max_concurrent = 2;
  invocation.service = "+14255550100";
  invocation.keys = {{"called", "+1425"}};
  invocation.variables = {{"delay", "100"}};
  invocation.injection_file = "/cases/c/numbers.csv";
  invocation.backstop = std::chrono::milliseconds(12500);
  invocation.traces = {"/out/fe_messages.log", "/out/fe_errors.log", "/out/fe_stats.csv"};
  return invocation;
}

TEST(SippCommand, BuildsTheUacCommandLine) {
  EXPECT_THAT(sipp_arguments(uac()), ElementsAreArray<std::string>({"-sf",
                                                                    "/cases/c/uac.xml",
                                                                    "-t",
                                                                    "t1",
                                                                    "-i",
                                                                    "127.0.0.12",
                                                                    "-p",
                                                                    "21000",
                                                                    "-bind_local",
                                                                    "-ci",
                                                                    "127.0.0.12",
                                                                    "-cp",
                                                                    "21001",
                                                                    "-mi",
                                                                    "127.0.0.12",
                                                                    "-mp",
                                                                    "21004",
                                                                    "-m",
                                                                    "3",
                                                                    "-nostdin",
                                                                    "-r",
                                                                    "2.5",
                                                                    "-rp",
                                                                    "1000",
                                                                    "-l",
                                                                    "2",
                                                                    "-s",
                                                                    "+14255550100",
                                                                    "-key",
                                                                    "called",
                                                                    "+1425",
                                                                    "-set",
                                                                    "delay",
                                                                    "100",
                                                                    "-inf",
                                                                    "/cases/c/numbers.csv",
                                                                    "-timeout",
                                                                    "13s",
                                                                    "-timeout_error",
                                                                    "-trace_msg",
                                                                    "-message_file",
                                                                    "/out/fe_messages.log",
                                                                    "-trace_err",
                                                                    "-error_file",
                                                                    "/out/fe_errors.log",
                                                                    "-trace_stat",
                                                                    "-stf",
                                                                    "/out/fe_stats.csv",
                                                                    "127.0.0.11:22000"}));
}

TEST(SippCommand, AUasHasNoRateAndNoRemote) {
  SippInvocation invocation;
  invocation.scenario = "uas.xml";
  invocation.mode = manifest::EndpointMode::uas;
  invocation.local_address = "127.0.0.11";
  invocation.local_port = 22000;
  invocation.control_port = 22001;
  invocation.media_port = 22010;
  invocation.backstop = std::chrono::milliseconds(5000);
  invocation.traces = {"m.log", "e.log", "s.csv"};
  EXPECT_THAT(sipp_arguments(invocation), ElementsAreArray<std::string>({"-sf",
                                                                         "uas.xml",
                                                                         "-t",
                                                                         "u1",
                                                                         "-i",
                                                                         "127.0.0.11",
                                                                         "-p",
                                                                         "22000",
                                                                         "-bind_local",
                                                                         "-ci",
                                                                         "127.0.0.11",
                                                                         "-cp",
                                                                         "22001",
                                                                         "-mi",
                                                                         "127.0.0.11",
                                                                         "-mp",
                                                                         "22010",
                                                                         "-m",
                                                                         "1",
                                                                         "-nostdin",
                                                                         "-timeout",
                                                                         "5s",
                                                                         "-timeout_error",
                                                                         "-trace_msg",
                                                                         "-message_file",
                                                                         "m.log",
                                                                         "-trace_err",
                                                                         "-error_file",
                                                                         "e.log",
                                                                         "-trace_stat",
                                                                         "-stf",
                                                                         "s.csv"}));
}

TEST(SippCommand, TransportModes) {
  EXPECT_EQ(sipp_transport_mode(manifest::Transport::udp), "u1");
  EXPECT_EQ(sipp_transport_mode(manifest::Transport::tcp), "t1");
  EXPECT_EQ(sipp_transport_mode(manifest::Transport::tls), "l1");
}

}  // namespace
}  // namespace sipconf::harness
