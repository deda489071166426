#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <system_error>

#include "base/diagnostic.h"
#include "harness/capture/decode_stats.h"
#include "harness/capture/packet_decoder.h"
#include "harness/capture/payload_visitor.h"
#include "sip/base/result.h"

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
  enum class Next { kFrame, kEnd };

  /// Opens `path`. A file that cannot be read fails with its CaptureErrc and one
  /// diagnostic for the file that says what to do (e.g. how to convert a NetMon capture).
  static sip::Result<PcapFileReader> open(const std::filesystem::path& path,
                                          base::Diagnostics& diags);
  ~PcapFileReader();
  /// Movable so that open() can return it; the moved-from reader reads nothing.
  PcapFileReader(PcapFileReader&& other) noexcept;
  PcapFileReader(const PcapFileReader&) = delete;
  PcapFileReader& operator=(const PcapFileReader&) = delete;
  PcapFileReader& operator=(PcapFileReader&&) = delete;

  int link_type() const { return link_type_; }
  uint64_t frames_read() const { return frames_read_; }

  /// Reads the next frame into `frame`, or says the file ended. A file that cannot be read
  /// further fails (CaptureErrc::kTruncatedFile when it ends inside a record) with one
  /// diagnostic that says after which packet and why.
  sip::Result<Next> next(RawFrame& frame, base::Diagnostics& diags);

 private:
  PcapFileReader(std::filesystem::path path, std::unique_ptr<char[]> buffer, pcap_t* pcap,
                 int link_type);

  std::filesystem::path path_;
  std::unique_ptr<char[]> stdio_buffer_;  ///< Must outlive pcap_ (which owns the FILE).
  pcap_t* pcap_;
  int link_type_;
  uint64_t frames_read_ = 0;
};

/// Reads a whole capture file through a PacketDecoder into `visitor`, then finishes
/// the decoder (flushes TCP). Returns the error of opening or reading, with one diagnostic
/// for the file; when a file is cut off mid-record, every complete frame before the cut
/// has still been delivered. `stats` (optional) receives the decoder's counters.
std::error_code decode_capture_file(const std::filesystem::path& path, PayloadVisitor& visitor,
                                    DecodeStats* stats, base::Diagnostics& diags,
                                    const DecoderOptions& options = {});

}  // namespace sipconf::harness
