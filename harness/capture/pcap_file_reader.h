#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include "harness/capture/decode_stats.h"
#include "harness/capture/packet_decoder.h"
#include "harness/capture/payload_visitor.h"

typedef struct pcap pcap_t;

namespace sipconf::harness {

/// What the first bytes of a file say it is; used to explain why a file cannot be read.
enum class CaptureFileFormat {
  kPcapMicroseconds,
  kPcapNanoseconds,
  kPcapng,
  kNetMon,  ///< Microsoft Network Monitor 1.x/2.x (libpcap cannot read it).
  kSnoop,
  kTooShort,
  kUnknown,
};

/// Reads the magic number of `path`; kTooShort when it cannot be read at all.
CaptureFileFormat sniff_capture_format(const std::filesystem::path& path);

/// Reads pcap and pcapng files through libpcap with nanosecond timestamps (microsecond
/// files are scaled). Frames view libpcap's buffer, valid until the next call to next().
class PcapFileReader {
 public:
  enum class Next { kFrame, kEnd, kError };

  /// Opens `path`. On failure returns nullptr, sets `ec` and `error` to one line that
  /// names the file and says what to do (e.g. how to convert a NetMon capture).
  static std::unique_ptr<PcapFileReader> open(const std::filesystem::path& path,
                                              std::error_code& ec, std::string& error);
  ~PcapFileReader();
  PcapFileReader(const PcapFileReader&) = delete;
  PcapFileReader& operator=(const PcapFileReader&) = delete;

  int link_type() const { return link_type_; }
  uint64_t frames_read() const { return frames_read_; }

  /// Reads the next frame. After kError, error_code() and error() say what went wrong
  /// (CaptureErrc::kTruncatedFile when the file ends inside a record).
  Next next(RawFrame& frame);

  std::error_code error_code() const { return ec_; }
  const std::string& error() const { return error_; }

 private:
  PcapFileReader(std::filesystem::path path, std::unique_ptr<char[]> buffer, pcap_t* pcap,
                 int link_type);

  std::filesystem::path path_;
  std::unique_ptr<char[]> stdio_buffer_;  ///< Must outlive pcap_ (which owns the FILE).
  pcap_t* pcap_;
  int link_type_;
  uint64_t frames_read_ = 0;
  std::error_code ec_;
  std::string error_;
};

/// Reads a whole capture file through a PacketDecoder into `visitor`, then finishes
/// the decoder (flushes TCP). Returns the error of opening or reading; when a file is
/// cut off mid-record, every complete frame before the cut has still been delivered.
/// `stats` (optional) receives the decoder's counters; `error` a one-line message.
std::error_code decode_capture_file(const std::filesystem::path& path, PayloadVisitor& visitor,
                                    DecodeStats* stats, std::string* error,
                                    const DecoderOptions& options = {});

}  // namespace sipconf::harness
