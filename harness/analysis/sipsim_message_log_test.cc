#include "harness/analysis/sipsim_message_log.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/temp_tree_for_test.h"
#include "harness/capture/capture_error.h"
#include "harness/testing/analysis_test_support.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

using testing::B2buaCall;
using testing::CaptureFile;
using testing::WireMessage;

/// One log line as sipsim writes it, seen from `self`.
std::string log_line(const WireMessage& w, const Endpoint& self, uint64_t base_us,
                     const std::string& transport = "TLS") {
  const bool sent = w.src.ip == self.ip;
  const nlohmann::json line = {{"time", "2026-11-21T19:29:45.832872Z"},
                               {"epoch_us", base_us + w.t_us},
                               {"direction", sent ? "out" : "in"},
                               {"transport", transport},
                               {"local", (sent ? w.src : w.dst).to_string()},
                               {"remote", (sent ? w.dst : w.src).to_string()},
                               {"connection", 3},
                               {"raw", w.text}};
  return line.dump() + "\n";
}

TEST(SipsimMessageLog, ReadsOneTransportAndCountsWhatIsNotARecord) {
  base::testing::TempTree tree;
  const Endpoint fe = testing::ep("127.0.0.31:5061");
  const Endpoint sut = testing::ep("127.0.0.30:5070");
  const WireMessage invite{10, fe, sut, "INVITE sip:x@y SIP/2.0\r\nContent-Length: 0\r\n\r\n"};
  const WireMessage trying{20, sut, fe, "SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n"};
  const std::filesystem::path file =
      tree.write("fe_messages.jsonl",
                 log_line(invite, fe, 1'000'000) + "{not json\n" + log_line(trying, fe, 1'000'000) +
                     log_line(invite, fe, 1'000'000, "UDP") +
                     R"({"transport":"TLS","direction":"out","local":"nowhere",)"
                     R"("remote":"127.0.0.30:5070","epoch_us":5,"raw":"x"})"
                     "\n");
  const sip::Result<MessageLogRead> log = read_sipsim_message_log(file, "TLS");
  ASSERT_TRUE(log);
  const MessageLogRead& read = *log;
  EXPECT_EQ(read.lines, 5u);
  EXPECT_EQ(read.malformed, 2u);
  ASSERT_TRUE(read.first_problem);
  EXPECT_EQ(read.first_problem->to_string(), file.string() + ":2: not a JSON object");
  ASSERT_EQ(read.messages.size(), 2u) << "the UDP line is another transport's";
  EXPECT_EQ(read.messages[0].src, fe);
  EXPECT_EQ(read.messages[0].dst, sut);
  EXPECT_TRUE(read.messages[0].sent);
  EXPECT_EQ(read.messages[0].timestamp_ns, 1'000'010'000u);
  EXPECT_EQ(read.messages[1].src, sut) << "a message received goes from remote to local";
  EXPECT_EQ(read.messages[1].dst, fe);
  EXPECT_EQ(read.messages[1].raw, trying.text);
  EXPECT_EQ(read_sipsim_message_log(tree.root() / "none.jsonl", "TLS").error(),
            std::errc::no_such_file_or_directory);
}

manifest::Endpoint sipsim_endpoint(const std::string& name, manifest::Transport transport) {
  manifest::Endpoint endpoint;
  endpoint.name = name;
  endpoint.driver = manifest::Driver::sipsim;
  endpoint.transport = transport;
  return endpoint;
}

TEST(SipsimMessageLog, ALegLoggedAtBothEndsIsTakenOnce) {
  base::testing::TempTree tree;
  const Endpoint caller = testing::ep("127.0.0.40:5061");
  const Endpoint callee = testing::ep("127.0.0.41:5061");
  const Endpoint other = testing::ep("127.0.0.42:5061");
  const WireMessage invite{10, caller, callee, "INVITE sip:a@b SIP/2.0\r\n\r\n"};
  const WireMessage ok{20, callee, caller, "SIP/2.0 200 OK\r\n\r\n"};
  const WireMessage options{30, callee, other, "OPTIONS sip:c@d SIP/2.0\r\n\r\n"};
  tree.write("caller_messages.jsonl", log_line(invite, caller, 0) + log_line(ok, caller, 0));
  tree.write("callee_messages.jsonl",
             log_line(invite, callee, 0) + log_line(ok, callee, 0) + log_line(options, callee, 0));
  tree.write("tcp_messages.jsonl", log_line(invite, caller, 0, "TCP"));
  manifest::CaseManifest manifest;
  manifest.endpoints = {sipsim_endpoint("caller", manifest::Transport::tls),
                        sipsim_endpoint("callee", manifest::Transport::tls),
                        sipsim_endpoint("tcp", manifest::Transport::tcp),
                        sipsim_endpoint("never-started", manifest::Transport::tls)};
  const LoggedTlsSip logged = read_logged_tls_sip(manifest, tree.root());
  ASSERT_EQ(logged.messages.size(), 3u);
  EXPECT_EQ(logged.messages[0].raw, invite.text);
  EXPECT_EQ(logged.messages[1].raw, ok.text);
  EXPECT_EQ(logged.messages[2].raw, options.text) << "the callee's other leg is its own";
  EXPECT_EQ(logged.malformed_lines, 0u);
}

// A B2BUA call whose caller leg is TLS: the capture holds the callee leg and the RTP, the
// caller's log holds its leg. Merged by time, the analysis sees the whole call.
TEST(SipsimMessageLog, TheLoggedLegJoinsTheCaptureInTimeOrder) {
  base::testing::TempTree tree;
  B2buaCall call;
  call.talk_us = 400'000;
  const std::vector<WireMessage> wire = testing::b2bua_call(call);
  CaptureFile capture(tree.root() / "capture.pcap");
  std::vector<LoggedSipMessage> logged;
  std::size_t on_tls = 0;
  const uint64_t base_ns = CaptureFile::kBase;
  for (const WireMessage& w : wire) {
    const bool caller_leg = w.src == call.caller || w.dst == call.caller;
    if (!caller_leg) {
      capture.udp(w.t_us, w.src, w.dst, w.text);
      continue;
    }
    ++on_tls;
    LoggedSipMessage m;
    m.timestamp_ns = base_ns + w.t_us * 1000;
    m.src = w.src;
    m.dst = w.dst;
    m.raw = w.text;
    m.sent = w.src == call.caller;
    logged.push_back(std::move(m));
  }
  // The caller sends RTP to the address the SUT's 200 OK announced on the TLS leg.
  const Endpoint caller_media = testing::ep("127.0.0.20:20000");
  const Endpoint sut_media = testing::ep("127.0.0.21:30002");
  capture.rtp(call.ring_us + call.answer_us + 10'000, caller_media, sut_media, 0x1234, 10);
  capture.close();

  CaptureAnalysisOptions options;
  options.middle = {call.sut_in.ip};
  base::Diagnostics diags;
  const sip::Result<CaptureAnalysis> analyzed =
      analyze_capture_with_logged_sip(capture.path(), logged, options, diags);
  ASSERT_TRUE(analyzed) << testing::text_of(diags);
  const CaptureAnalysis& analysis = *analyzed;
  ASSERT_EQ(analysis.trace.messages().size(), wire.size());
  std::size_t tls = 0;
  for (std::size_t i = 0; i < wire.size(); ++i) {
    const TracedSipMessage& m = analysis.trace.message(i);
    EXPECT_EQ(m.captured.raw, wire[i].text) << "message " << i << " out of time order";
    const bool caller_leg = m.captured.src == call.caller || m.captured.dst == call.caller;
    EXPECT_EQ(m.captured.transport, caller_leg ? SipTransport::kTls : SipTransport::kUdp);
    if (m.captured.transport == SipTransport::kTls) ++tls;
  }
  EXPECT_EQ(tls, on_tls);
  EXPECT_EQ(to_string(SipTransport::kTls), "tls");
  EXPECT_EQ(analysis.links.size(), 1u) << "the two legs of the B2BUA are paired";
  EXPECT_EQ(analysis.metrics.calls_completed, 1u);
  ASSERT_EQ(analysis.rtp.size(), 1u);
  EXPECT_EQ(analysis.rtp[0].packets, 10u);
  ASSERT_NE(analysis.rtp[0].leg, kNoIndex) << "the logged SDP maps the RTP to the TLS leg";
  EXPECT_EQ(analysis.trace.legs()[analysis.rtp[0].leg].caller, call.caller);

  // Without the log the same capture has no caller leg, and the RTP no leg at all.
  const sip::Result<CaptureAnalysis> without_log =
      analyze_capture_with_logged_sip(capture.path(), {}, options, diags);
  ASSERT_TRUE(without_log) << testing::text_of(diags);
  const CaptureAnalysis& wire_only = *without_log;
  EXPECT_EQ(wire_only.trace.messages().size(), wire.size() - on_tls);
  ASSERT_EQ(wire_only.rtp.size(), 1u);
  EXPECT_EQ(wire_only.rtp[0].leg, kNoIndex);
}

TEST(SipsimMessageLog, AMissingCaptureIsAnError) {
  base::testing::TempTree tree;
  base::Diagnostics diags;
  EXPECT_EQ(analyze_capture_with_logged_sip(tree.root() / "none.pcap", {}, {}, diags).error(),
            CaptureErrc::kCannotOpenFile);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, tree.root() / "none.pcap");
}

}  // namespace
}  // namespace sipconf::harness
