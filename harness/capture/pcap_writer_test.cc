#include "harness/capture/pcap_writer.h"

#include <pcap/pcap.h>

#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/capture/pcap_file_reader.h"
#include "harness/testing/capture_test_support.h"

namespace sipconf::harness {
namespace {

TEST(PcapWriter, WritesFramesThatReadBackWithTheirTimestampsAndLengths) {
  const auto path = testing::temp_path("writer.pcap");
  std::string error;
  PcapWriterOptions options;
  options.snaplen = 64;
  auto writer = PcapWriter::create(path, options, error);
  ASSERT_TRUE(writer) << error;
  const std::vector<uint8_t> small = {1, 2, 3};
  const std::vector<uint8_t> large(100, 9);
  writer->write(1'700'000'000'123'456'789ULL, small);
  writer->write(1'700'000'001'000'000'001ULL, large);  // cut to the 64-byte snaplen
  writer->write(5, small, 1500);                       // recorded as cut on the wire
  ASSERT_FALSE(writer->close());
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kPcapNanoseconds);

  std::error_code ec;
  auto reader = PcapFileReader::open(path, ec, error);
  ASSERT_TRUE(reader) << error;
  EXPECT_EQ(reader->link_type(), DLT_EN10MB);
  RawFrame frame;
  ASSERT_EQ(reader->next(frame), PcapFileReader::Next::kFrame);
  EXPECT_EQ(frame.timestamp_ns, 1'700'000'000'123'456'789ULL);
  EXPECT_EQ(std::vector<uint8_t>(frame.bytes.begin(), frame.bytes.end()), small);
  EXPECT_EQ(frame.wire_length, 3u);
  ASSERT_EQ(reader->next(frame), PcapFileReader::Next::kFrame);
  EXPECT_EQ(frame.bytes.size(), 64u);
  EXPECT_EQ(frame.wire_length, 100u);
  ASSERT_EQ(reader->next(frame), PcapFileReader::Next::kFrame);
  EXPECT_EQ(frame.timestamp_ns, 5u);
  EXPECT_EQ(frame.wire_length, 1500u);
  EXPECT_EQ(reader->next(frame), PcapFileReader::Next::kEnd);
  EXPECT_EQ(reader->frames_read(), 3u);
  std::filesystem::remove(path);
}

TEST(PcapWriter, MicrosecondFilesDropTheNanoseconds) {
  const auto path = testing::temp_path("micro.pcap");
  std::string error;
  PcapWriterOptions options;
  options.nanosecond = false;
  options.link_type = DLT_RAW;
  auto writer = PcapWriter::create(path, options, error);
  ASSERT_TRUE(writer) << error;
  writer->write(1'000'000'123'456'789ULL, std::vector<uint8_t>{0x45});
  ASSERT_FALSE(writer->close());
  EXPECT_EQ(sniff_capture_format(path), CaptureFileFormat::kPcapMicroseconds);
  std::error_code ec;
  auto reader = PcapFileReader::open(path, ec, error);
  ASSERT_TRUE(reader) << error;
  RawFrame frame;
  ASSERT_EQ(reader->next(frame), PcapFileReader::Next::kFrame);
  EXPECT_EQ(frame.timestamp_ns, 1'000'000'123'456'000ULL);
  std::filesystem::remove(path);
}

TEST(PcapWriter, UnwritablePathIsOneLineNamingIt) {
  std::string error;
  auto writer = PcapWriter::create("/nonexistent-sipconf-dir/x.pcap", {}, error);
  EXPECT_FALSE(writer);
  EXPECT_EQ(error.rfind("/nonexistent-sipconf-dir/x.pcap: cannot write: ", 0), 0u) << error;
}

}  // namespace
}  // namespace sipconf::harness
