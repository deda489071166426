#include "harness/capture/pcap_file_reader.h"

#include <pcap/pcap.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <boost/process.hpp>

#include "harness/capture/capture_error.h"
#include "harness/capture/pcap_writer.h"
#include "harness/testing/capture_test_support.h"
#include "harness/testing/diagnostics_text.h"
#include "harness/testing/frame_builder.h"

namespace sipconf::harness {
namespace {

using testing::bytes_of;
using testing::corpus_file;
using testing::RecordingVisitor;
using testing::temp_path;
using testing::text_of;

const Endpoint kFileA = *Endpoint::parse("192.0.2.10:5060");
const Endpoint kFileB = *Endpoint::parse("192.0.2.20:5080");

void write_file(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
}

void append_le32(std::vector<uint8_t>& v, uint32_t x) {
  for (int i = 0; i < 4; ++i) v.push_back(static_cast<uint8_t>(x >> (8 * i)));
}
void append_le16(std::vector<uint8_t>& v, uint16_t x) {
  v.push_back(static_cast<uint8_t>(x));
  v.push_back(static_cast<uint8_t>(x >> 8));
}

/// A minimal little-endian pcapng file: SHB, one IDB (if_tsresol 10^-resolution), EPBs.
std::vector<uint8_t> pcapng(int link_type, int resolution,
                            const std::vector<std::pair<uint64_t, std::vector<uint8_t>>>& packets) {
  std::vector<uint8_t> f;
  append_le32(f, 0x0A0D0D0A);
  append_le32(f, 28);
  append_le32(f, 0x1A2B3C4D);
  append_le16(f, 1);
  append_le16(f, 0);
  append_le32(f, 0xFFFFFFFF);
  append_le32(f, 0xFFFFFFFF);
  append_le32(f, 28);

  append_le32(f, 1);
  append_le32(f, 32);
  append_le16(f, static_cast<uint16_t>(link_type));
  append_le16(f, 0);
  append_le32(f, 262144);
  append_le16(f, 9);  // if_tsresol
  append_le16(f, 1);
  f.insert(f.end(), {static_cast<uint8_t>(resolution), 0, 0, 0});
  append_le32(f, 0);  // opt_endofopt
  append_le32(f, 32);

  for (const auto& [ticks, data] : packets) {
    const uint32_t padded = static_cast<uint32_t>((data.size() + 3) / 4 * 4);
    append_le32(f, 6);
    append_le32(f, 32 + padded);
    append_le32(f, 0);
    append_le32(f, static_cast<uint32_t>(ticks >> 32));
    append_le32(f, static_cast<uint32_t>(ticks));
    append_le32(f, static_cast<uint32_t>(data.size()));
    append_le32(f, static_cast<uint32_t>(data.size()));
    f.insert(f.end(), data.begin(), data.end());
    f.resize(f.size() + (padded - data.size()), 0);
    append_le32(f, 32 + padded);
  }
  return f;
}

TEST(PcapFileReader, ReadsPcapngWithNanosecondResolution) {
  const auto path = temp_path("ns.pcapng");
  const auto frame = build_udp_frame(kFileA, kFileB, bytes_of(std::string("NOTIFY")));
  write_file(path, pcapng(DLT_EN10MB, 9, {{1'600'000'000'000'000'007ULL, frame}}));
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kPcapng);
  RecordingVisitor visitor;
  DecodeStats stats;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, &stats, diags)) << text_of(diags);
  EXPECT_TRUE(diags.empty());
  ASSERT_EQ(visitor.datagrams.size(), 1u);
  EXPECT_EQ(visitor.datagrams[0].timestamp_ns, 1'600'000'000'000'000'007ULL);
  EXPECT_EQ(visitor.datagrams[0].payload, "NOTIFY");
  EXPECT_EQ(stats.frames, 1u);
  std::filesystem::remove(path);
}

TEST(PcapFileReader, ReadsPcapngWithMicrosecondResolutionAndSll2) {
  const auto path = temp_path("us.pcapng");
  const auto ip = build_ip(kFileA.ip, kFileB.ip, kIpProtoUdp,
                           build_udp(kFileA, kFileB, bytes_of(std::string("A"))));
  write_file(
      path, pcapng(DLT_LINUX_SLL2, 6, {{1'600'000'000'000'001ULL, wrap_link(DLT_LINUX_SLL2, ip)}}));
  RecordingVisitor visitor;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(path, visitor, nullptr, diags)) << text_of(diags);
  ASSERT_EQ(visitor.datagrams.size(), 1u);
  EXPECT_EQ(visitor.datagrams[0].timestamp_ns, 1'600'000'000'000'001'000ULL);
  std::filesystem::remove(path);
}

TEST(PcapFileReader, NetMonCaptureIsRefusedWithTheConversionCommand) {
  const auto path = corpus_file("c07-sip-r2.cap");
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kNetMon);
  RecordingVisitor visitor;
  base::Diagnostics diags;
  const std::error_code ec = decode_capture_file(path, visitor, nullptr, diags);
  EXPECT_EQ(ec, CaptureErrc::kUnsupportedFileFormat);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, path);
  EXPECT_EQ(diags[0].to_string(),
            path.string() +
                ": unsupported capture format: Microsoft Network Monitor (pcap and pcapng "
                "are supported); convert it with: editcap -F pcap " +
                path.string() + " c07-sip-r2.pcap");
}

TEST(PcapFileReader, NetMonCaptureReadsOnceConvertedWithEditcap) {
  const auto editcap = boost::process::search_path("editcap");
  if (editcap.empty()) FAIL() << "editcap not found; install it with: apt-get install tshark";
  const auto converted = temp_path("c07.pcap");
  const int rc =
      boost::process::system(editcap, "-F", "pcap", corpus_file("c07-sip-r2.cap").string(),
                             converted.string(), boost::process::std_out > boost::process::null);
  ASSERT_EQ(rc, 0);
  RecordingVisitor visitor;
  DecodeStats stats;
  base::Diagnostics diags;
  ASSERT_FALSE(decode_capture_file(converted, visitor, &stats, diags)) << text_of(diags);
  std::filesystem::remove(converted);
  // 39 UDP frames: 2 NetBIOS name queries, then 37 test cases to port 80, some as large
  // as 16 kB.
  EXPECT_EQ(stats.frames, 39u);
  EXPECT_EQ(stats.udp, 39u);
  ASSERT_EQ(visitor.datagrams.size(), 39u);
  size_t largest = 0;
  size_t to_port_80 = 0;
  for (const auto& d : visitor.datagrams) {
    to_port_80 += d.dst.port == 80;
    largest = std::max(largest, d.payload.size());
  }
  EXPECT_EQ(to_port_80, 37u);
  EXPECT_GT(largest, 15000u);
  EXPECT_EQ(visitor.datagrams[2].payload.rfind("INVITE sip:", 0), 0u);
}

TEST(PcapFileReader, UnsupportedLinkTypeIsOneLineListingTheSupportedOnes) {
  const auto path = temp_path("wifi.pcap");
  base::Diagnostics diags;
  PcapWriterOptions options;
  options.link_type = DLT_IEEE802_11;
  auto writer = PcapWriter::create(path, options, diags);
  ASSERT_TRUE(writer) << text_of(diags);
  writer->write(1, std::vector<uint8_t>(30, 0));
  writer->close();
  RecordingVisitor visitor;
  EXPECT_EQ(decode_capture_file(path, visitor, nullptr, diags), CaptureErrc::kUnsupportedLinkType);
  ASSERT_EQ(diags.size(), 1u);
  const std::string line = diags[0].to_string();
  EXPECT_EQ(line.rfind(
                path.string() + ": unsupported link type IEEE802_11 (105); supported: EN10MB, ", 0),
            0u)
      << line;
  EXPECT_EQ(line.find('\n'), std::string::npos);
  std::filesystem::remove(path);
}

TEST(PcapFileReader, ACutOffFileDeliversEveryCompletePacketThenSaysWhere) {
  const auto path = temp_path("cut.pcap");
  base::Diagnostics diags;
  auto writer = PcapWriter::create(path, {}, diags);
  ASSERT_TRUE(writer) << text_of(diags);
  for (int i = 0; i < 3; ++i) {
    writer->write(i + 1, build_udp_frame(kFileA, kFileB, bytes_of("message " + std::to_string(i))));
  }
  writer->close();
  std::filesystem::resize_file(path, std::filesystem::file_size(path) - 10);
  RecordingVisitor visitor;
  DecodeStats stats;
  EXPECT_EQ(decode_capture_file(path, visitor, &stats, diags), CaptureErrc::kTruncatedFile);
  EXPECT_EQ(visitor.datagrams.size(), 2u);
  EXPECT_EQ(stats.frames, 2u);
  ASSERT_EQ(diags.size(), 1u);
  const std::string line = diags[0].to_string();
  EXPECT_EQ(line.rfind(path.string() + ": capture file is cut off inside packet 3 (", 0), 0u)
      << line;
  EXPECT_NE(line.find("the 2 packets before it were read"), std::string::npos) << line;
  std::filesystem::remove(path);
}

TEST(PcapFileReader, MissingEmptyAndForeignFilesEachGetAClearLine) {
  RecordingVisitor visitor;
  base::Diagnostics diags;
  EXPECT_EQ(decode_capture_file("/nonexistent/x.pcap", visitor, nullptr, diags),
            CaptureErrc::kCannotOpenFile);
  EXPECT_EQ(text_of(diags), "/nonexistent/x.pcap: cannot open: No such file or directory");

  const auto empty = temp_path("empty.pcap");
  write_file(empty, {});
  diags.clear();
  EXPECT_EQ(decode_capture_file(empty, visitor, nullptr, diags),
            CaptureErrc::kUnsupportedFileFormat);
  EXPECT_EQ(text_of(diags),
            empty.string() + ": not a capture file: it is empty or shorter than a file header");
  std::filesystem::remove(empty);

  const auto text = temp_path("notes.txt");
  write_file(text, std::vector<uint8_t>(100, 'x'));
  diags.clear();
  EXPECT_EQ(decode_capture_file(text, visitor, nullptr, diags),
            CaptureErrc::kUnsupportedFileFormat);
  EXPECT_EQ(text_of(diags), text.string() + ": unsupported capture format: not pcap or pcapng");
  std::filesystem::remove(text);
}

}  // namespace
}  // namespace sipconf::harness
