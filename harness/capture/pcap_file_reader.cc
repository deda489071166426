#include "harness/capture/pcap_file_reader.h"

#include <pcap/pcap.h>

#include <stdio_ext.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

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

/// Why libpcap cannot read `path`, from what its first bytes say it is.
std::string describe_unreadable(const std::filesystem::path& path, CaptureFileFormat format,
                                const char* pcap_error) {
  switch (format) {
    case CaptureFileFormat::kNetMon:
      return fmt::format(
          "unsupported capture format: Microsoft Network Monitor (pcap and pcapng are "
          "supported); convert it with: editcap -F pcap {} {}.pcap",
          path.string(), path.stem().string());
    case CaptureFileFormat::kSnoop:
      return fmt::format(
          "unsupported capture format: Sun snoop (pcap and pcapng are supported); "
          "convert it with: editcap -F pcap {} {}.pcap",
          path.string(), path.stem().string());
    case CaptureFileFormat::kTooShort:
      return "not a capture file: it is empty or shorter than a file header";
    case CaptureFileFormat::kUnknown:
      return "unsupported capture format: not pcap or pcapng";
    default:
      return fmt::format("cannot read capture: {}", pcap_error);
  }
}

/// Reports `message` about the file `path` and returns `code`.
std::error_code file_error(base::Diagnostics& diags, const std::filesystem::path& path,
                           CaptureErrc code, std::string message) {
  base::report(diags, {path}, std::move(message));
  return code;
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

PcapFileReader::PcapFileReader(PcapFileReader&& other) noexcept
    : path_(std::move(other.path_)),
      stdio_buffer_(std::move(other.stdio_buffer_)),
      pcap_(std::exchange(other.pcap_, nullptr)),
      link_type_(other.link_type_),
      frames_read_(other.frames_read_) {}

PcapFileReader::~PcapFileReader() {
  if (pcap_ != nullptr) pcap_close(pcap_);
}

sip::Result<PcapFileReader> PcapFileReader::open(const std::filesystem::path& path,
                                                 base::Diagnostics& diags) {
  std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    return file_error(diags, path, CaptureErrc::kCannotOpenFile,
                      fmt::format("cannot open: {}", std::strerror(errno)));
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
    return file_error(diags, path,
                      known ? CaptureErrc::kReadFailed : CaptureErrc::kUnsupportedFileFormat,
                      describe_unreadable(path, format, errbuf));
  }
  file.release();  // pcap_close() closes it from now on

  const int link_type = pcap_datalink(pcap);
  if (!is_supported_link_type(link_type)) {
    pcap_close(pcap);
    return file_error(
        diags, path, CaptureErrc::kUnsupportedLinkType,
        fmt::format("unsupported link type {} ({}); supported: {}", link_type_name(link_type),
                    link_type, supported_link_type_names()));
  }
  return PcapFileReader(path, std::move(buffer), pcap, link_type);
}

sip::Result<PcapFileReader::Next> PcapFileReader::next(RawFrame& frame, base::Diagnostics& diags) {
  if (pcap_ == nullptr) return Next::kEnd;
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
    return file_error(diags, path_, CaptureErrc::kTruncatedFile,
                      fmt::format("capture file is cut off inside packet {} ({}); the {} packets "
                                  "before it were read",
                                  frames_read_ + 1, reason, frames_read_));
  }
  return file_error(diags, path_, CaptureErrc::kReadFailed,
                    fmt::format("read error after packet {}: {}", frames_read_, reason));
}

std::error_code decode_capture_file(const std::filesystem::path& path, PayloadVisitor& visitor,
                                    DecodeStats* stats, base::Diagnostics& diags,
                                    const DecoderOptions& options) {
  sip::Result<PcapFileReader> reader = PcapFileReader::open(path, diags);
  if (!reader) return reader.error();
  PacketDecoder decoder(reader->link_type(), visitor, options);
  RawFrame frame;
  sip::Result<PcapFileReader::Next> next = PcapFileReader::Next::kFrame;
  while ((next = reader->next(frame, diags)) && *next == PcapFileReader::Next::kFrame) {
    decoder.decode(frame);
  }
  decoder.finish();
  if (stats != nullptr) *stats = decoder.stats();
  return next.error();
}

}  // namespace sipconf::harness
