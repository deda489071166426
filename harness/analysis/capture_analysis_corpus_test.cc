// `sipconf analyze` against tshark on every capture in harness/testdata/pcaps (see its README):
// SIP messages per method and per status must agree. tshark is installed in CI; without
// it these tests are skipped with the line that says how to install it.

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/analysis/capture_analysis.h"
#include "harness/capture/capture_error.h"
#include "harness/capture/pcap_file_reader.h"
#include "harness/testing/capture_test_support.h"
#include "harness/testing/diagnostics_text.h"
#include "harness/testing/tshark_process.h"

namespace sipconf::harness {
namespace {

using testing::corpus_file;

/// "INVITE" -> 2, "200" -> 5: requests by method, responses by status code.
using Tally = std::map<std::string, int>;

Tally tshark_tally(const std::filesystem::path& file, const std::vector<std::string>& decode_as) {
  std::vector<std::string> args{"-r", file.string()};
  for (const std::string& d : decode_as) {
    args.push_back("-d");
    args.push_back(d);
  }
  for (const char* a : {"-Y", "sip", "-T", "fields", "-e", "sip.Method", "-e", "sip.Status-Code"}) {
    args.emplace_back(a);
  }
  base::Diagnostics diags;
  const sip::Result<std::string> output = run_tshark(args, diags);
  EXPECT_TRUE(output) << testing::text_of(diags);
  Tally tally;
  std::istringstream lines(output.value_or(""));
  for (std::string line; std::getline(lines, line);) {
    // Several SIP messages in one frame come comma-separated in each field.
    std::istringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) {
      std::istringstream values(field);
      for (std::string value; std::getline(values, value, ',');) {
        if (!value.empty()) ++tally[value];
      }
    }
  }
  return tally;
}

Tally our_tally(const CaptureAnalysis& analysis) {
  Tally tally;
  for (const TracedSipMessage& m : analysis.trace.messages()) {
    ++tally[m.facts().request ? m.facts().method : std::to_string(m.facts().status)];
  }
  return tally;
}

CaptureAnalysis analyze_corpus_capture(const std::filesystem::path& file) {
  base::Diagnostics diags;
  sip::Result<CaptureAnalysis> analysis = analyze_capture_file(file, {}, diags);
  EXPECT_TRUE(analysis) << testing::text_of(diags);
  EXPECT_TRUE(diags.empty()) << testing::text_of(diags);
  return analysis ? std::move(analysis).value() : CaptureAnalysis{};
}

std::string describe(const Tally& t) {
  std::string s;
  for (const auto& [k, v] : t) s += k.substr(0, 20) + "=" + std::to_string(v) + " ";
  return s;
}

class AnalysisCorpus : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (find_tshark().empty()) FAIL() << kTsharkMissing;
  }
};

TEST_P(AnalysisCorpus, SameSipMessagesAsTshark) {
  const auto file = corpus_file(GetParam());
  const CaptureAnalysis analysis = analyze_corpus_capture(file);
  const Tally ours = our_tally(analysis);
  const Tally theirs = tshark_tally(file, {});
  EXPECT_EQ(ours, theirs) << "ours:   " << describe(ours) << "\ntshark: " << describe(theirs);
  EXPECT_GT(analysis.trace.messages().size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Files, AnalysisCorpus,
                         ::testing::Values("sip-rtp-g711.pcap", "aaa.pcap", "SIP_DTMF2.cap",
                                           "MagicJack-_short_call.pcap", "DTMFsipinfo.pcap",
                                           "FAX-Call-t38-CA-TDM-SIP-FB-1.pcap", "sip_ipv4_tcp.pcap",
                                           "sip_ipv6_udp.pcap"),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

// SIP over TCP on port 6060: found by its start lines, where tshark needs to be told.
TEST(AnalysisCorpusFile, FragmentedTcpOnPort6060) {
  if (find_tshark().empty()) FAIL() << kTsharkMissing;
  const auto file = corpus_file("sip_ipv4_tcp_fragmented.pcap");
  const CaptureAnalysis analysis = analyze_corpus_capture(file);
  EXPECT_EQ(our_tally(analysis), tshark_tally(file, {"tcp.port==6060,sip"}));
  EXPECT_TRUE(tshark_tally(file, {}).empty());
  EXPECT_EQ(analysis.trace.messages().size(), 406u);
  // 37 initial INVITEs, plus 3 calls already under way when the capture began (only
  // their INVITE responses or re-INVITEs are in it). The calls run between one SBC and
  // two PBXs and are independent: none is a relay of another.
  EXPECT_EQ(analysis.calls.size(), 40u);
  std::size_t begun_before = 0;
  for (const CallLeg& leg : analysis.trace.legs()) {
    if (leg.is_call() && leg.first_invite == kNoIndex) ++begun_before;
  }
  EXPECT_EQ(begun_before, 3u);
  EXPECT_TRUE(analysis.links.empty());
}

// Timings checked by hand against tshark's frame times.
TEST(AnalysisCorpusFile, KnownTimings) {
  // MagicJack: INVITE (frame 46), 401, INVITE again, 183 (frame 54) 6.99 s after the
  // first INVITE, 200 (frame 925).
  CaptureAnalysis magic = analyze_corpus_capture(corpus_file("MagicJack-_short_call.pcap"));
  ASSERT_EQ(magic.calls.size(), 1u);
  EXPECT_EQ(magic.metrics.calls[0].post_dial_delay_us, 6'989'191);
  EXPECT_EQ(magic.metrics.calls[0].setup_time_us, 15'727'328);
  EXPECT_TRUE(magic.metrics.calls[0].completed);

  // SIP_DTMF2: the proxy at .105 sends the INVITE (frame 14) back to .110 (frame 16)
  // 29.8 ms later with the same Call-ID: two legs of one call.
  CaptureAnalysis hairpin = analyze_corpus_capture(corpus_file("SIP_DTMF2.cap"));
  ASSERT_EQ(hairpin.links.size(), 1u);
  EXPECT_EQ(hairpin.links[0].evidence, "same Call-ID, same element, called number, calling number");
  ASSERT_FALSE(hairpin.metrics.transit.empty());
  EXPECT_EQ(hairpin.metrics.transit[0].method, "INVITE");
  EXPECT_EQ(hairpin.metrics.transit[0].transit_us, 29'822);

  // FAX: one call over three hops (a NAT'd hop with the same Call-ID, then an SBC whose
  // From tag embeds the original one).
  CaptureAnalysis fax = analyze_corpus_capture(corpus_file("FAX-Call-t38-CA-TDM-SIP-FB-1.pcap"));
  ASSERT_EQ(fax.calls.size(), 1u);
  EXPECT_EQ(fax.calls[0].legs.size(), 3u);
  // The re-INVITE toward T.38 is rejected with 488 on every hop.
  int rejected = 0;
  for (const TracedSipMessage& m : fax.trace.messages()) {
    rejected += !m.retransmission && m.facts().status == 488 ? 1 : 0;
  }
  EXPECT_EQ(rejected, 3);
}

// The PROTOS c07 capture is NetMon: libpcap cannot read it and the error says how to
// convert it; converted, its SIP agrees with tshark's decoding of port 80 as SIP.
TEST(AnalysisCorpusFile, ProtosNetMonCapture) {
  if (find_tshark().empty()) FAIL() << kTsharkMissing;
  const auto original = corpus_file("c07-sip-r2.cap");
  base::Diagnostics diags;
  EXPECT_EQ(analyze_capture_file(original, {}, diags).error(), CaptureErrc::kUnsupportedFileFormat);
  EXPECT_NE(testing::text_of(diags).find("editcap"), std::string::npos) << testing::text_of(diags);

  const auto converted = testing::temp_path("c07.pcap");
  const auto editcap = find_tshark().parent_path() / "editcap";
  ASSERT_EQ(std::system(fmt::format("'{}' -F pcap '{}' '{}'", editcap.string(), original.string(),
                                    converted.string())
                            .c_str()),
            0);
  const CaptureAnalysis analysis = analyze_corpus_capture(converted);
  const Tally ours = our_tally(analysis);
  EXPECT_EQ(ours, tshark_tally(converted, {"udp.port==80,sip"}));
  EXPECT_EQ(analysis.trace.messages().size(), 12u);
  // The request lines with an empty or high-bit "method" (frames 4 and 20-39 but 31,
  // whose 16,000-byte first line has no end) are counted and dropped; tshark does not
  // take them for SIP either.
  EXPECT_EQ(analysis.sip.malformed_start_lines, 20u);
  std::filesystem::remove(converted);
}

}  // namespace
}  // namespace sipconf::harness
