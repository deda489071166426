// Cross-checks the decoder and the RTP analyser against tshark on the real captures
// in harness/testdata/pcaps (see its README). tshark is installed in CI; without it these
// tests are skipped with the line that says how to install it.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/analysis/rtp_analyzer.h"
#include "harness/capture/pcap_file_reader.h"
#include "harness/testing/capture_test_support.h"
#include "harness/testing/diagnostics_text.h"
#include "harness/testing/tshark_process.h"

namespace sipconf::harness {
namespace {

using testing::corpus_file;

std::vector<std::string> split(const std::string& s, char separator) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, separator)) out.push_back(field);
  if (!s.empty() && s.back() == separator) out.emplace_back();
  return out;
}

std::vector<std::string> tshark_lines(const std::vector<std::string>& args) {
  base::Diagnostics diags;
  const sip::Result<std::string> output = run_tshark(args, diags);
  EXPECT_TRUE(output) << testing::text_of(diags);
  std::vector<std::string> lines;
  std::istringstream in(output.value_or(""));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string direction_key(const std::string& src_ip, const std::string& src_port,
                          const std::string& dst_ip, const std::string& dst_port) {
  const Endpoint src{*IpAddress::parse(src_ip), static_cast<uint16_t>(std::stoi(src_port))};
  const Endpoint dst{*IpAddress::parse(dst_ip), static_cast<uint16_t>(std::stoi(dst_port))};
  return src.to_string() + ">" + dst.to_string();
}

/// Records flow summaries and feeds UDP to an RTP analyser.
class CorpusVisitor : public testing::RecordingVisitor {
 public:
  void on_datagram(const Datagram& d) override {
    rtp.on_datagram(d);
    ++datagrams_seen;
  }
  RtpAnalyzer rtp;
  uint64_t datagrams_seen = 0;
};

class CorpusFile : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (find_tshark().empty()) FAIL() << kTsharkMissing;
  }
};

// Same frames, UDP datagrams, TCP segments and payload bytes as tshark; every TCP
// direction delivers exactly the payload tshark sees (there are no losses in these
// files), and the retransmissions tshark flags carry no payload.
TEST_P(CorpusFile, DecodesTheSamePayloadsAsTshark) {
  const auto path = corpus_file(GetParam());
  CorpusVisitor visitor;
  DecodeStats stats;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, &stats, diags)) << testing::text_of(diags);

  const auto lines = tshark_lines({"-r", path.string(), "-T", "fields",      "-E", "separator=/t",
                                   "-e", "udp.length",  "-e", "tcp.len",     "-e", "icmp.type",
                                   "-e", "ip.src",      "-e", "ipv6.src",    "-e", "ip.dst",
                                   "-e", "ipv6.dst",    "-e", "tcp.srcport", "-e", "tcp.dstport"});
  uint64_t udp = 0, udp_bytes = 0, tcp = 0, tcp_bytes = 0;
  std::map<std::string, uint64_t> tcp_direction_bytes;
  for (const std::string& line : lines) {
    const auto f = split(line, '\t');
    ASSERT_EQ(f.size(), 9u) << line;
    if (!f[2].empty()) continue;  // inside an ICMP error: not a datagram of its own
    if (!f[0].empty()) {
      ++udp;
      udp_bytes += std::stoul(f[0]) - 8;
    }
    if (!f[1].empty()) {
      ++tcp;
      tcp_bytes += std::stoul(f[1]);
      const std::string& src = f[3].empty() ? f[4] : f[3];
      const std::string& dst = f[5].empty() ? f[6] : f[5];
      if (std::stoul(f[1]) > 0)
        tcp_direction_bytes[direction_key(src, f[7], dst, f[8])] += std::stoul(f[1]);
    }
  }
  EXPECT_EQ(stats.frames, lines.size());
  EXPECT_EQ(stats.udp, udp);
  EXPECT_EQ(visitor.datagrams_seen, udp);
  EXPECT_EQ(stats.udp_bytes, udp_bytes);
  EXPECT_EQ(stats.tcp.segments, tcp);
  EXPECT_EQ(stats.tcp.payload_bytes, tcp_bytes);
  EXPECT_EQ(stats.truncated, 0u);
  EXPECT_EQ(stats.ip_malformed, 0u);
  EXPECT_EQ(stats.tcp.gaps, 0u);
  EXPECT_EQ(stats.tcp.retransmitted_segments, 0u);

  std::map<std::string, uint64_t> ours;
  for (const TcpFlowSummary& flow : visitor.flows) {
    if (flow.bytes[0] > 0) {
      ours[flow.initiator.to_string() + ">" + flow.responder.to_string()] += flow.bytes[0];
    }
    if (flow.bytes[1] > 0) {
      ours[flow.responder.to_string() + ">" + flow.initiator.to_string()] += flow.bytes[1];
    }
  }
  EXPECT_EQ(ours, tcp_direction_bytes);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusFile,
                         ::testing::Values("sip-rtp-g711.pcap", "aaa.pcap", "SIP_DTMF2.cap",
                                           "MagicJack-_short_call.pcap", "DTMFsipinfo.pcap",
                                           "FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", "sip_ipv4_tcp.pcap",
                                           "sip_ipv4_tcp_fragmented.pcap", "sip_ipv6_udp.pcap"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !std::isalnum(c); },
                               '_');
                           return name;
                         });

/// Walks a reassembled SIP byte stream message by message using Content-Length, the
/// way a SIP framer does; fails if a message does not start where the previous one's
/// body ends. Returns the start lines.
std::vector<std::string> frame_sip_stream(const std::string& s) {
  std::vector<std::string> start_lines;
  size_t pos = 0;
  while (pos < s.size()) {
    if (s.compare(pos, 2, "\r\n") == 0) {  // keep-alive CRLFs between messages
      pos += 2;
      continue;
    }
    const size_t line_end = s.find("\r\n", pos);
    const size_t header_end = s.find("\r\n\r\n", pos);
    if (line_end == std::string::npos || header_end == std::string::npos) {
      ADD_FAILURE() << "incomplete message at offset " << pos;
      break;
    }
    const std::string start_line = s.substr(pos, line_end - pos);
    const bool response = start_line.rfind("SIP/2.0 ", 0) == 0;
    const bool request =
        start_line.size() > 8 && start_line.compare(start_line.size() - 8, 8, " SIP/2.0") == 0;
    if (!response && !request) {
      ADD_FAILURE() << "no SIP start line at offset " << pos << ": " << start_line.substr(0, 60);
      break;
    }
    start_lines.push_back(start_line);
    std::string headers = s.substr(line_end, header_end - line_end + 2);
    std::transform(headers.begin(), headers.end(), headers.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    size_t length_at = headers.find("\r\ncontent-length:");
    size_t skip = 17;
    if (length_at == std::string::npos) {
      length_at = headers.find("\r\nl:");
      skip = 4;
    }
    const size_t body = length_at == std::string::npos
                            ? 0
                            : std::strtoul(headers.c_str() + length_at + skip, nullptr, 10);
    pos = header_end + 4 + body;
  }
  EXPECT_EQ(pos, s.size()) << "the last message runs past the end of the stream";
  return start_lines;
}

TEST(CorpusSipOverTcp, FragmentedStreamsSplitIntoMessagesAtContentLengthBoundaries) {
  if (find_tshark().empty()) FAIL() << kTsharkMissing;
  const auto path = corpus_file("sip_ipv4_tcp_fragmented.pcap");
  testing::RecordingVisitor visitor;
  DecodeStats stats;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, &stats, diags)) << testing::text_of(diags);
  ASSERT_EQ(visitor.flows.size(), 4u);

  // The capture holds no SYN, FIN or RST: every connection was already open, which
  // the first chunk of each direction says, and still open at the end.
  for (const TcpFlowSummary& flow : visitor.flows) {
    EXPECT_FALSE(flow.handshake_seen);
    EXPECT_EQ(flow.end, TcpFlowEnd::kEndOfCapture);
  }
  std::set<std::pair<uint64_t, TcpDirection>> seen;
  for (const auto& chunk : visitor.chunks) {
    const bool first = seen.insert({chunk.flow_id, chunk.direction}).second;
    EXPECT_EQ(chunk.gap_before, first);
  }
  EXPECT_EQ(stats.tcp.flows_started_midstream, 4u);

  std::multiset<std::string> ours;
  for (const TcpFlowSummary& flow : visitor.flows) {
    for (TcpDirection d : {TcpDirection::kFromInitiator, TcpDirection::kFromResponder}) {
      // visitor.stream() marks gaps only between chunks, so a stream that starts with
      // a message is framed from its first byte.
      const std::string stream = visitor.stream(flow.flow_id, d);
      for (const std::string& line : frame_sip_stream(stream)) {
        ours.insert(line.substr(0, line.find(' ', 8)));
      }
    }
  }
  // tshark, told that port 6060 is SIP, finds the same messages.
  std::multiset<std::string> theirs;
  for (const std::string& line :
       tshark_lines({"-r", path.string(), "-d", "tcp.port==6060,sip", "-Y", "sip", "-T", "fields",
                     "-E", "occurrence=a", "-E", "aggregator=|", "-e", "sip.Request-Line", "-e",
                     "sip.Status-Line"})) {
    for (const std::string& field : split(line, '\t')) {
      for (const std::string& start_line : split(field, '|')) {
        if (!start_line.empty()) theirs.insert(start_line.substr(0, start_line.find(' ', 8)));
      }
    }
  }
  EXPECT_EQ(ours.size(), 406u);
  EXPECT_EQ(ours, theirs);
  EXPECT_EQ(ours.count("UPDATE sip:"), theirs.count("UPDATE sip:"));
}

/// One row of `tshark -q -z rtp,streams`.
struct TsharkRtpStream {
  std::string key;  // "src>dst/ssrc"
  std::string payloads;
  uint64_t packets = 0;
  int64_t lost = 0;
  double max_delta_ms = 0;
  double mean_jitter_ms = 0;
  double max_jitter_ms = 0;
};

std::vector<TsharkRtpStream> tshark_rtp_streams(const std::string& path) {
  std::vector<TsharkRtpStream> streams;
  for (const std::string& line : tshark_lines({"-q", "-z", "rtp,streams", "-r", path})) {
    std::istringstream in(line);
    std::vector<std::string> t;
    for (std::string token; in >> token;) t.push_back(token);
    // start end src sport dst dport ssrc payload... pkts lost (pct) min mean max deltas,
    // min mean max jitter [problem]
    auto pct = std::find_if(t.begin(), t.end(), [](const std::string& s) {
      return s.size() > 2 && s.front() == '(' && s.back() == ')';
    });
    if (t.size() < 16 || t[6].rfind("0x", 0) != 0 || pct == t.end()) continue;
    const size_t k = static_cast<size_t>(pct - t.begin());
    TsharkRtpStream s;
    s.key = direction_key(t[2], t[3], t[4], t[5]) + "/" + t[6];
    for (size_t i = 7; i + 2 < k; ++i) s.payloads += t[i] + (i + 3 < k ? " " : "");
    s.packets = std::stoull(t[k - 2]);
    s.lost = std::stoll(t[k - 1]);
    s.max_delta_ms = std::stod(t[k + 3]);
    s.mean_jitter_ms = std::stod(t[k + 5]);
    s.max_jitter_ms = std::stod(t[k + 6]);
    streams.push_back(s);
  }
  return streams;
}

std::string our_key(const RtpStream& s) {
  char ssrc[16];
  std::snprintf(ssrc, sizeof ssrc, "0x%08X", s.key.ssrc);
  return s.key.src.to_string() + ">" + s.key.dst.to_string() + "/" + ssrc;
}

class CorpusRtp : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (find_tshark().empty()) FAIL() << kTsharkMissing;
  }
};

// Found without SIP/SDP (heuristically), the streams are the ones tshark finds through
// SDP, with the same packet and loss counts and maximum inter-packet delta.
//
// Jitter: tshark's running jitter is RFC 3550's (J += (|D| - J)/16, in ms), and its
// "Max/Mean Jitter" are the maximum and mean of that running value over packets, which
// is what max_jitter_ms and mean_jitter_ms are too. Two differences remain, and the
// tolerances below cover them: tshark leaves marker and comfort-noise packets out of
// max/mean (we don't), and on a stream with RFC 4733 events tshark still uses the event
// packets (whose timestamps stand still for the whole digit) as the reference for the
// next audio packet, which inflates its jitter after every digit; we leave event
// packets out of jitter entirely, so on such a stream our figure is the smaller one.
TEST_P(CorpusRtp, StreamsMatchTshark) {
  const auto path = corpus_file(GetParam());
  CorpusVisitor visitor;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, nullptr, diags)) << testing::text_of(diags);
  const auto theirs = tshark_rtp_streams(path.string());
  ASSERT_FALSE(theirs.empty());
  const auto ours = visitor.rtp.streams();
  ASSERT_EQ(ours.size(), theirs.size());
  for (const TsharkRtpStream& t : theirs) {
    auto it = std::find_if(ours.begin(), ours.end(),
                           [&](const RtpStream* s) { return our_key(*s) == t.key; });
    ASSERT_NE(it, ours.end()) << "tshark found " << t.key;
    const RtpStreamStats& s = (*it)->rtp.stats();
    SCOPED_TRACE(t.key);
    EXPECT_EQ(s.packets, t.packets);
    EXPECT_EQ(s.lost, t.lost);
    EXPECT_NEAR(s.max_delta_ms, t.max_delta_ms, 0.001);
    const bool has_events = t.payloads.find("telephone-event") != std::string::npos;
    EXPECT_EQ(s.telephone_event_packets > 0, has_events);
    if (has_events) {
      EXPECT_LT(s.max_jitter_ms, t.max_jitter_ms);
    } else {
      EXPECT_NEAR(s.max_jitter_ms, t.max_jitter_ms, 0.001 + 0.01 * t.max_jitter_ms);
      EXPECT_NEAR(s.mean_jitter_ms, t.mean_jitter_ms, 0.001 + 0.01 * t.mean_jitter_ms);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusRtp,
                         ::testing::Values("sip-rtp-g711.pcap", "SIP_DTMF2.cap",
                                           "MagicJack-_short_call.pcap"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !std::isalnum(c); },
                               '_');
                           return name;
                         });

TEST(CorpusRtpEvents, DtmfDigitsMatchTshark) {
  if (find_tshark().empty()) FAIL() << kTsharkMissing;
  const auto path = corpus_file("SIP_DTMF2.cap");
  CorpusVisitor visitor;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, nullptr, diags)) << testing::text_of(diags);
  // tshark: one line per event packet, "timestamp<TAB>digit".
  const auto lines = tshark_lines({"-r", path.string(), "-Y", "rtpevent", "-T", "fields", "-e",
                                   "rtp.timestamp", "-e", "rtpevent.event_id"});
  std::vector<std::string> digits;
  std::string last_timestamp;
  for (const std::string& line : lines) {
    const auto f = split(line, '\t');
    if (f[0] != last_timestamp) digits.push_back(f[1]);
    last_timestamp = f[0];
  }
  uint64_t packets = 0;
  std::vector<std::string> ours;
  for (const RtpStream* s : visitor.rtp.streams()) {
    packets += s->rtp.stats().telephone_event_packets;
    for (const TelephoneEventRecord& e : s->rtp.stats().telephone_events) {
      ours.push_back(std::to_string(e.event));
      EXPECT_TRUE(e.ended);
    }
  }
  EXPECT_EQ(packets, lines.size());
  EXPECT_EQ(packets, 35u);
  EXPECT_EQ(ours, digits);
  EXPECT_EQ(ours, (std::vector<std::string>{"6", "7", "8", "9", "1", "2", "3"}));
}

TEST(CorpusRtcp, SenderReportsAreAttributedToTheirStreams) {
  const auto path = corpus_file("sip_ipv4_tcp.pcap");
  CorpusVisitor visitor;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, nullptr, diags)) << testing::text_of(diags);
  const auto streams = visitor.rtp.streams();
  ASSERT_EQ(streams.size(), 2u);
  for (const RtpStream* s : streams) {
    EXPECT_EQ(s->rtcp.packets, 1u) << our_key(*s);
    EXPECT_EQ(s->rtcp.sender_reports, 1u) << our_key(*s);
  }
  EXPECT_EQ(visitor.rtp.stats().rtcp_packets, 2u);
  EXPECT_EQ(visitor.rtp.stats().rtcp_unmatched, 0u);
}

}  // namespace
}  // namespace sipconf::harness
