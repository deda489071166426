#include "harness/capture/pcap_writer.h"

#include <pcap/pcap.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/capture/capture_error.h"
#include "harness/capture/pcap_file_reader.h"
#include "harness/testing/capture_test_support.h"
#include "harness/testing/diagnostics_text.h"

namespace sipconf::harness {
namespace {

TEST(PcapWriter, WritesFramesThatReadBackWithTheirTimestampsAndLengths) {
  const auto path = testing::temp_path("writer.pcap");
  base::Diagnostics diags;
  PcapWriterOptions options;
  options.snaplen = 64;
  auto writer = PcapWriter::create(path, options, diags);
  ASSERT_TRUE(writer) << testing::text_of(diags);
  const std::vector<uint8_t> small = {1, 2, 3};
  const std::vector<uint8_t> large(100, 9);
  writer->write(1'700'000'000'123'456'789ULL, small);
  writer->write(1'700'000'001'000'000'001ULL, large);  // cut to the 64-byte snaplen
  writer->write(5, small, 1500);                       // recorded as cut on the wire
  ASSERT_FALSE(writer->close());
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kPcapNanoseconds);

  auto reader = PcapFileReader::open(path, diags);
  ASSERT_TRUE(reader) << testing::text_of(diags);
  EXPECT_EQ(reader->link_type(), DLT_EN10MB);
  RawFrame frame;
  using Next = PcapFileReader::Next;
  ASSERT_EQ(reader->next(frame, diags).value_or(Next::kEnd), Next::kFrame);
  EXPECT_EQ(frame.timestamp_ns, 1'700'000'000'123'456'789ULL);
  EXPECT_EQ(std::vector<uint8_t>(frame.bytes.begin(), frame.bytes.end()), small);
  EXPECT_EQ(frame.wire_length, 3u);
  ASSERT_EQ(reader->next(frame, diags).value_or(Next::kEnd), Next::kFrame);
  EXPECT_EQ(frame.bytes.size(), 64u);
  EXPECT_EQ(frame.wire_length, 100u);
  ASSERT_EQ(reader->next(frame, diags).value_or(Next::kEnd), Next::kFrame);
  EXPECT_EQ(frame.timestamp_ns, 5u);
  EXPECT_EQ(frame.wire_length, 1500u);
  const sip::Result<Next> end = reader->next(frame, diags);
  ASSERT_TRUE(end) << testing::text_of(diags);
  EXPECT_EQ(*end, Next::kEnd);
  EXPECT_TRUE(diags.empty());
  EXPECT_EQ(reader->frames_read(), 3u);
  std::filesystem::remove(path);
}

TEST(PcapWriter, MicrosecondFilesDropTheNanoseconds) {
  const auto path = testing::temp_path("micro.pcap");
  base::Diagnostics diags;
  PcapWriterOptions options;
  options.nanosecond = false;
  options.link_type = DLT_RAW;
  auto writer = PcapWriter::create(path, options, diags);
  ASSERT_TRUE(writer) << testing::text_of(diags);
  writer->write(1'000'000'123'456'789ULL, std::vector<uint8_t>{0x45});
  ASSERT_FALSE(writer->close());
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kPcapMicroseconds);
  auto reader = PcapFileReader::open(path, diags);
  ASSERT_TRUE(reader) << testing::text_of(diags);
  RawFrame frame;
  ASSERT_EQ(reader->next(frame, diags).value_or(PcapFileReader::Next::kEnd),
            PcapFileReader::Next::kFrame);
  EXPECT_EQ(frame.timestamp_ns, 1'000'000'123'456'000ULL);
  std::filesystem::remove(path);
}

TEST(PcapWriter, UnwritablePathIsOneLineNamingIt) {
  base::Diagnostics diags;
  auto writer = PcapWriter::create("/nonexistent-sipconf-dir/x.pcap", {}, diags);
  ASSERT_FALSE(writer);
  EXPECT_EQ(writer.error(), CaptureErrc::kCannotWriteFile);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.file, "/nonexistent-sipconf-dir/x.pcap");
  const std::string line = diags[0].to_string();
  EXPECT_EQ(line.rfind("/nonexistent-sipconf-dir/x.pcap: cannot write: ", 0), 0u) << line;
}

}  // namespace
}  // namespace sipconf::harness
