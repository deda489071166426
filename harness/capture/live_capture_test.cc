#include "harness/capture/live_capture.h"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <utility>  // before Boost.Asio 1.74, whose awaitable.hpp uses std::exchange

#include <boost/asio.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "harness/capture/capture_error.h"
#include "harness/capture/pcap_file_reader.h"
#include "harness/testing/capture_test_support.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

using ::testing::HasSubstr;
using testing::RecordingVisitor;
using ::testing::StartsWith;
using testing::temp_path;
using testing::text_of;
namespace asio = boost::asio;
using asio::ip::make_address;
using asio::ip::tcp;
using asio::ip::udp;

Endpoint to_endpoint(const udp::endpoint& e) {
  return Endpoint{*IpAddress::parse(e.address().to_string()), e.port()};
}
Endpoint to_endpoint(const tcp::endpoint& e) {
  return Endpoint{*IpAddress::parse(e.address().to_string()), e.port()};
}

uint64_t wall_clock_ns() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

struct TwoAddresses {
  std::string a = testing::random_loopback_address();
  std::string b;
  TwoAddresses() {
    do {
      b = testing::random_loopback_address();
    } while (b == a);
  }
};

TEST(BpfFilterForHosts, KeepsTrafficAmongTheHostsOnly) {
  EXPECT_EQ(bpf_filter_for_hosts({"127.0.0.3", "127.0.0.4"}),
            "(src host 127.0.0.3 or src host 127.0.0.4) and "
            "(dst host 127.0.0.3 or dst host 127.0.0.4)");
  EXPECT_EQ(bpf_filter_for_hosts({"::1"}), "(src host ::1) and (dst host ::1)");
  EXPECT_EQ(bpf_filter_for_hosts({}), "");
}

// Runs as root in CI. Without capture permission this test fails, printing the one
// line that says how to grant it.
constexpr char kBinary[] = "\x80\x00\x00\x01 binary \x00 bytes";

TEST(LiveCapture, KeepsEveryUdpAndTcpPayloadSentBeforeStopWithNanosecondTimestamps) {
  const TwoAddresses hosts;
  const auto path = temp_path("live.pcap");
  auto capture = make_libpcap_capture();
  CaptureOptions options;
  options.interface = "lo";
  options.bpf_filter = bpf_filter_for_hosts({hosts.a, hosts.b});
  options.output_pcap = path;
  const uint64_t started_ns = wall_clock_ns();
  base::Diagnostics diags;
  ASSERT_FALSE(capture->start(options, diags)) << text_of(diags);

  asio::io_context io;
  udp::socket receiver(io, udp::endpoint(make_address(hosts.b), 0));
  udp::socket sender(io, udp::endpoint(make_address(hosts.a), 0));
  const std::vector<std::string> datagrams = {
      "OPTIONS sip:probe@" + hosts.b + " SIP/2.0\r\nContent-Length: 0\r\n\r\n",
      std::string(1400, 'x') + "end-of-large-datagram",
      std::string(kBinary, sizeof kBinary - 1),
  };
  for (const std::string& d : datagrams) sender.send_to(asio::buffer(d), receiver.local_endpoint());

  tcp::acceptor acceptor(io, tcp::endpoint(make_address(hosts.b), 0));
  tcp::socket client(io);
  client.open(tcp::v4());
  client.bind(tcp::endpoint(make_address(hosts.a), 0));
  client.connect(acceptor.local_endpoint());
  tcp::socket server = acceptor.accept();
  const std::string request = "INVITE sip:b SIP/2.0\r\nContent-Length: 5\r\n\r\nhello";
  const std::string request2 = std::string(100000, 'y');  // many segments
  const std::string reply = "SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n";
  asio::write(client, asio::buffer(request));
  asio::write(client, asio::buffer(request2));
  std::string received(request.size() + request2.size(), '\0');
  asio::read(server, asio::buffer(received));
  asio::write(server, asio::buffer(reply));
  std::string reply_received(reply.size(), '\0');
  asio::read(client, asio::buffer(reply_received));
  const Endpoint client_endpoint = to_endpoint(client.local_endpoint());
  const Endpoint server_endpoint = to_endpoint(server.local_endpoint());
  client.shutdown(tcp::socket::shutdown_send);
  boost::system::error_code eof;
  char byte;
  server.read_some(asio::buffer(&byte, 1), eof);
  EXPECT_EQ(eof, asio::error::eof);
  server.shutdown(tcp::socket::shutdown_send);
  client.read_some(asio::buffer(&byte, 1), eof);
  EXPECT_EQ(eof, asio::error::eof);
  server.close();
  client.close();

  const sip::Result<CaptureStats> stopped = capture->stop(diags);
  ASSERT_TRUE(stopped) << text_of(diags);
  const CaptureStats& stats = *stopped;
  const uint64_t stopped_ns = wall_clock_ns();
  EXPECT_TRUE(stats.nanosecond);
  EXPECT_EQ(stats.dropped_by_kernel, 0u);
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kPcapNanoseconds);

  RecordingVisitor visitor;
  DecodeStats decoded;
  ASSERT_FALSE(decode_capture_file(path, visitor, &decoded, diags)) << text_of(diags);
  std::filesystem::remove(path);
  EXPECT_EQ(decoded.frames, stats.packets);

  ASSERT_EQ(visitor.datagrams.size(), datagrams.size());
  for (size_t i = 0; i < datagrams.size(); ++i) {
    EXPECT_EQ(visitor.datagrams[i].payload, datagrams[i]) << i;
    EXPECT_EQ(visitor.datagrams[i].src, to_endpoint(sender.local_endpoint()));
    EXPECT_EQ(visitor.datagrams[i].dst, to_endpoint(receiver.local_endpoint()));
  }
  ASSERT_EQ(visitor.flows.size(), 1u);
  const TcpFlowSummary& flow = visitor.flows[0];
  EXPECT_EQ(flow.initiator, client_endpoint);
  EXPECT_EQ(flow.responder, server_endpoint);
  EXPECT_TRUE(flow.handshake_seen);
  EXPECT_EQ(flow.end, TcpFlowEnd::kFin);
  EXPECT_EQ(flow.gaps[0] + flow.gaps[1], 0u);
  EXPECT_EQ(visitor.stream(flow.flow_id, TcpDirection::kFromInitiator), request + request2);
  EXPECT_EQ(visitor.stream(flow.flow_id, TcpDirection::kFromResponder), reply);

  // Real nanosecond stamps: within the test's wall-clock window, and not all multiples
  // of 1000 (which is what microsecond stamps scaled to ns look like).
  bool sub_microsecond = false;
  for (const auto& d : visitor.datagrams) {
    EXPECT_GE(d.timestamp_ns, started_ns);
    EXPECT_LE(d.timestamp_ns, stopped_ns);
    sub_microsecond = sub_microsecond || d.timestamp_ns % 1000 != 0;
  }
  for (const auto& c : visitor.chunks) sub_microsecond = sub_microsecond || c.timestamp_ns % 1000;
  EXPECT_TRUE(sub_microsecond);
}

TEST(LiveCapture, DestructorStopsTheCaptureAndClosesAReadableFile) {
  const TwoAddresses hosts;
  const auto path = temp_path("destructor.pcap");
  {
    auto capture = make_libpcap_capture();
    CaptureOptions options;
    options.bpf_filter = bpf_filter_for_hosts({hosts.a, hosts.b});
    options.output_pcap = path;
    base::Diagnostics diags;
    ASSERT_FALSE(capture->start(options, diags)) << text_of(diags);
    asio::io_context io;
    udp::socket receiver(io, udp::endpoint(make_address(hosts.b), 0));
    udp::socket sender(io, udp::endpoint(make_address(hosts.a), 0));
    sender.send_to(asio::buffer(std::string("last words")), receiver.local_endpoint());
  }
  RecordingVisitor visitor;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, nullptr, diags)) << text_of(diags);
  std::filesystem::remove(path);
  ASSERT_EQ(visitor.datagrams.size(), 1u);
  EXPECT_EQ(visitor.datagrams[0].payload, "last words");
}

TEST(LiveCapture, TrafficBetweenACaseHostAndAStrangerStaysOut) {
  const TwoAddresses hosts;
  std::string stranger;
  do {
    stranger = testing::random_loopback_address();
  } while (stranger == hosts.a || stranger == hosts.b);
  const auto path = temp_path("among.pcap");
  {
    auto capture = make_libpcap_capture();
    CaptureOptions options;
    options.bpf_filter = bpf_filter_for_hosts({hosts.a, hosts.b});
    options.output_pcap = path;
    base::Diagnostics diags;
    ASSERT_FALSE(capture->start(options, diags)) << text_of(diags);
    asio::io_context io;
    udp::socket at_a(io, udp::endpoint(make_address(hosts.a), 0));
    udp::socket at_b(io, udp::endpoint(make_address(hosts.b), 0));
    udp::socket at_stranger(io, udp::endpoint(make_address(stranger), 0));
    at_stranger.send_to(asio::buffer(std::string("to a")), at_a.local_endpoint());
    at_a.send_to(asio::buffer(std::string("to stranger")), at_stranger.local_endpoint());
    at_a.send_to(asio::buffer(std::string("to b")), at_b.local_endpoint());
    ASSERT_TRUE(capture->stop(diags)) << text_of(diags);
  }
  RecordingVisitor visitor;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, nullptr, diags)) << text_of(diags);
  std::filesystem::remove(path);
  ASSERT_EQ(visitor.datagrams.size(), 1u);
  EXPECT_EQ(visitor.datagrams[0].payload, "to b");
}

TEST(LiveCapture, UnknownInterfaceIsOneLineNamingItAndTheAvailableOnes) {
  auto capture = make_libpcap_capture();
  CaptureOptions options;
  options.interface = "nosuchif9";
  options.output_pcap = temp_path("never.pcap");
  base::Diagnostics diags;
  const std::error_code ec = capture->start(options, diags);
  EXPECT_EQ(ec, CaptureErrc::kNoSuchInterface);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_THAT(diags[0].to_string(),
              StartsWith("nosuchif9: cannot capture: no such interface (available: "));
  EXPECT_THAT(diags[0].message, HasSubstr("lo"));
  EXPECT_EQ(diags[0].to_string().find('\n'), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(options.output_pcap));
}

TEST(LiveCapture, BadFilterIsOneLineQuotingTheFilter) {
  auto capture = make_libpcap_capture();
  CaptureOptions options;
  options.bpf_filter = "host 127.0.0.1 or or";
  options.output_pcap = temp_path("never.pcap");
  base::Diagnostics diags;
  EXPECT_EQ(capture->start(options, diags), CaptureErrc::kBadFilter);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_THAT(diags[0].to_string(),
              StartsWith("lo: cannot capture: bad capture filter \"host 127.0.0.1 or or\": "));
  EXPECT_EQ(diags[0].to_string().find('\n'), std::string::npos);
}

TEST(LiveCapture, UnwritableOutputIsOneLineNamingTheFile) {
  auto capture = make_libpcap_capture();
  CaptureOptions options;
  options.output_pcap = "/nonexistent-sipconf-dir/out.pcap";
  base::Diagnostics diags;
  EXPECT_EQ(capture->start(options, diags), CaptureErrc::kCannotWriteFile);
  EXPECT_THAT(text_of(diags),
              StartsWith("lo: cannot capture: cannot write /nonexistent-sipconf-dir/out.pcap"));
}

TEST(LiveCapture, StopWithoutStartAndDoubleStartAreErrors) {
  auto capture = make_libpcap_capture();
  base::Diagnostics diags;
  EXPECT_EQ(capture->stop(diags).error(), CaptureErrc::kNotStarted);
  CaptureOptions options;
  options.bpf_filter = bpf_filter_for_hosts({testing::random_loopback_address()});
  options.output_pcap = temp_path("twice.pcap");
  ASSERT_FALSE(capture->start(options, diags)) << text_of(diags);
  EXPECT_EQ(capture->start(options, diags), CaptureErrc::kAlreadyStarted);
  EXPECT_EQ(text_of(diags), "lo: capture already started");
  const sip::Result<CaptureStats> stats = capture->stop(diags);
  ASSERT_TRUE(stats);
  EXPECT_EQ(stats->packets, 0u);
  EXPECT_EQ(capture->stop(diags).error(), CaptureErrc::kNotStarted);
  std::filesystem::remove(options.output_pcap);
}

/// Removes CAP_NET_RAW and CAP_NET_ADMIN from this process (effective and permitted).
bool drop_capture_capabilities() {
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3] = {};
  if (syscall(SYS_capget, &header, data) != 0) return false;
  const uint32_t mask = (1u << CAP_NET_RAW) | (1u << CAP_NET_ADMIN);
  data[0].effective &= ~mask;
  data[0].permitted &= ~mask;
  data[0].inheritable &= ~mask;
  return syscall(SYS_capset, &header, data) == 0;
}

TEST(LiveCapture, WithoutPermissionTheErrorIsOneLineSayingHowToGrantIt) {
  // A child process gives up the capture capabilities, so this runs as root too.
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    int status = 2;
    if (drop_capture_capabilities()) {
      auto capture = make_libpcap_capture();
      CaptureOptions options;
      options.output_pcap = "/dev/null";
      base::Diagnostics diags;
      const std::error_code ec = capture->start(options, diags);
      const std::string message = text_of(diags);
      status = ec == CaptureErrc::kPermissionDenied ? 0 : 1;
      if (::write(pipe_fds[1], message.data(), message.size()) < 0) status = 3;
    }
    ::_exit(status);
  }
  ::close(pipe_fds[1]);
  std::string message;
  char buffer[512];
  ssize_t n;
  while ((n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0) message.append(buffer, n);
  ::close(pipe_fds[0]);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << message;
  const std::string exe = std::filesystem::read_symlink("/proc/self/exe").string();
  EXPECT_EQ(message,
            "lo: cannot capture: permission denied; run as root or grant the capability: "
            "setcap cap_net_raw,cap_net_admin+eip " +
                exe);
}

}  // namespace
}  // namespace sipconf::harness
