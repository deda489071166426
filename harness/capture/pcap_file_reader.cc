#include "harness/capture/pcap_file_reader.h"

#include <pcap/pcap.h>

#include <stdio_ext.h>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <fmt/format.h>

#include "harness/capture/capture_error.h"
#include "harness/capture/link_layer.h"
#include "sip/base/byte_order.h"

namespace sipconf::harness {
namespace {

/// libpcap reads records with fread(); a large stdio buffer halves the time spent in
/// the C library for captures of small RTP packets.
constexpr size_t kReadBufferBytes = 1 << 20;

struct FileCloser {
  void operator()(FILE* f) const {
    if (f != nullptr) std::fclose(f);
  }
};

std::string describe_unreadable(const std::filesystem::path& path, CaptureFileFormat format,
                                const char* pcap_error) {
  const std::string name = path.string();
  switch (format) {
    case CaptureFileFormat::kNetMon:
      return fmt::format(
          "{}: unsupported capture format: Microsoft Network Monitor (pcap and pcapng are "
          "supported); convert it with: editcap -F pcap {} {}.pcap",
          name, name, path.stem().string());
    case CaptureFileFormat::kSnoop:
      return fmt::format(
          "{}: unsupported capture format: Sun snoop (pcap and pcapng are supported); "
          "convert it with: editcap -F pcap {} {}.pcap",
          name, name, path.stem().string());
    case CaptureFileFormat::kTooShort:
      return fmt::format("{}: not a capture file: it is empty or shorter than a file header", name);
    case CaptureFileFormat::kUnknown:
      return fmt::format("{}: unsupported capture format: not pcap or pcapng", name);
    default:
      return fmt::format("{}: cannot read capture: {}", name, pcap_error);
  }
}

}  // namespace

CaptureFileFormat sniff_capture_format(const std::filesystem::path& path) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  uint8_t magic[4];
  if (!file || std::fread(magic, 1, sizeof magic, file.get()) != sizeof magic) {
    return CaptureFileFormat::kTooShort;
  }
  const uint32_t be = sip::load_be32(magic);
  if (be == 0xA1B2C3D4 || be == 0xD4C3B2A1) return CaptureFileFormat::kPcapMicroseconds;
  if (be == 0xA1B23C4D || be == 0x4D3CB2A1) return CaptureFileFormat::kPcapNanoseconds;
  if (be == 0x0A0D0D0A) return CaptureFileFormat::kPcapng;
  if (std::memcmp(magic, "GMBU", 4) == 0 || std::memcmp(magic, "RTSS", 4) == 0) {
    return CaptureFileFormat::kNetMon;
  }
  if (std::memcmp(magic, "snoo", 4) == 0) return CaptureFileFormat::kSnoop;
  return CaptureFileFormat::kUnknown;
}

PcapFileReader::PcapFileReader(std::filesystem::path path, std::unique_ptr<char[]> buffer,
                               pcap_t* pcap, int link_type)
    : path_(std::move(path)),
      stdio_buffer_(std::move(buffer)),
      pcap_(pcap),
      link_type_(link_type) {}

PcapFileReader::~PcapFileReader() { pcap_close(pcap_); }

std::unique_ptr<PcapFileReader> PcapFileReader::open(const std::filesystem::path& path,
                                                     std::error_code& ec, std::string& error) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    ec = CaptureErrc::kCannotOpenFile;
    error = fmt::format("{}: cannot open: {}", path.string(), std::strerror(errno));
    return nullptr;
  }
  auto buffer = std::make_unique<char[]>(kReadBufferBytes);
  std::setvbuf(file.get(), buffer.get(), _IOFBF, kReadBufferBytes);
  // libpcap freads every record header and body separately; only this reader's thread
  // touches the FILE, so stdio's per-call locking is pure overhead.
  __fsetlocking(file.get(), FSETLOCKING_BYCALLER);

  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* pcap =
      pcap_fopen_offline_with_tstamp_precision(file.get(), PCAP_TSTAMP_PRECISION_NANO, errbuf);
  if (pcap == nullptr) {
    const CaptureFileFormat format = sniff_capture_format(path);
    const bool known = format == CaptureFileFormat::kPcapMicroseconds ||
                       format == CaptureFileFormat::kPcapNanoseconds ||
                       format == CaptureFileFormat::kPcapng;
    ec = known ? CaptureErrc::kReadFailed : CaptureErrc::kUnsupportedFileFormat;
    error = describe_unreadable(path, format, errbuf);
    return nullptr;
  }
  file.release();  // pcap_close() closes it from now on

  const int link_type = pcap_datalink(pcap);
  if (!is_supported_link_type(link_type)) {
    pcap_close(pcap);
    ec = CaptureErrc::kUnsupportedLinkType;
    error = fmt::format("{}: unsupported link type {} ({}); supported: {}", path.string(),
                        link_type_name(link_type), link_type, supported_link_type_names());
    return nullptr;
  }
  ec.clear();
  error.clear();
  return std::unique_ptr<PcapFileReader>(
      new PcapFileReader(path, std::move(buffer), pcap, link_type));
}

PcapFileReader::Next PcapFileReader::next(RawFrame& frame) {
  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  const int rc = pcap_next_ex(pcap_, &header, &data);
  if (rc == 1) {
    ++frames_read_;
    // With nanosecond precision requested, tv_usec holds nanoseconds.
    frame.timestamp_ns = static_cast<uint64_t>(header->ts.tv_sec) * 1'000'000'000ULL +
                         static_cast<uint64_t>(header->ts.tv_usec);
    frame.bytes = std::span<const uint8_t>(data, header->caplen);
    frame.wire_length = header->len;
    return Next::kFrame;
  }
  if (rc == PCAP_ERROR_BREAK) return Next::kEnd;
  const std::string reason = pcap_geterr(pcap_);
  if (reason.find("truncated") != std::string::npos) {
    ec_ = CaptureErrc::kTruncatedFile;
    error_ = fmt::format(
        "{}: capture file is cut off inside packet {} ({}); the {} packets before it were read",
        path_.string(), frames_read_ + 1, reason, frames_read_);
  } else {
    ec_ = CaptureErrc::kReadFailed;
    error_ =
        fmt::format("{}: read error after packet {}: {}", path_.string(), frames_read_, reason);
  }
  return Next::kError;
}

std::error_code decode_capture_file(const std::filesystem::path& path, PayloadVisitor& visitor,
                                    DecodeStats* stats, std::string* error,
                                    const DecoderOptions& options) {
  std::error_code ec;
  std::string message;
  auto reader = PcapFileReader::open(path, ec, message);
  if (!reader) {
    if (error != nullptr) *error = message;
    return ec;
  }
  PacketDecoder decoder(reader->link_type(), visitor, options);
  RawFrame frame;
  PcapFileReader::Next next;
  while ((next = reader->next(frame)) == PcapFileReader::Next::kFrame) decoder.decode(frame);
  decoder.finish();
  if (stats != nullptr) *stats = decoder.stats();
  if (next == PcapFileReader::Next::kError) {
    if (error != nullptr) *error = reader->error();
    return reader->error_code();
  }
  if (error != nullptr) error->clear();
  return {};
}

}  // namespace sipconf::harness
