#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <system_error>

#include "base/diagnostic.h"
#include "sip/base/result.h"

typedef struct pcap pcap_t;
typedef struct pcap_dumper pcap_dumper_t;

namespace sipconf::harness {

struct PcapWriterOptions {
  int link_type = 1;  ///< DLT_EN10MB
  int snaplen = 262144;
  bool nanosecond = true;  ///< Write the nanosecond pcap variant (magic a1b23c4d).
};

/// Writes a pcap file through libpcap (pcap_open_dead + pcap_dump): synthetic captures
/// for tests and benchmarks, and filtered copies of real ones.
class PcapWriter {
 public:
  /// Creates (truncates) `path`. A file that cannot be written fails with
  /// CaptureErrc::kCannotWriteFile and one diagnostic for the file that says why.
  static sip::Result<PcapWriter> create(const std::filesystem::path& path,
                                        const PcapWriterOptions& options, base::Diagnostics& diags);
  ~PcapWriter();
  /// Movable so that create() can return it; the moved-from writer writes nothing.
  PcapWriter(PcapWriter&& other) noexcept;
  PcapWriter(const PcapWriter&) = delete;
  PcapWriter& operator=(const PcapWriter&) = delete;
  PcapWriter& operator=(PcapWriter&&) = delete;

  /// Appends one frame. `wire_length` 0 means "as long as `bytes`"; a larger value
  /// records a frame cut by the snaplen. Bytes beyond the snaplen are not written.
  void write(uint64_t timestamp_ns, std::span<const uint8_t> bytes, uint32_t wire_length = 0);

  /// Flushes and closes the file; reports a write error (disk full) if there was one.
  std::error_code close();

 private:
  PcapWriter(pcap_t* pcap, pcap_dumper_t* dumper, int snaplen, bool nanosecond);

  pcap_t* pcap_;
  pcap_dumper_t* dumper_;
  int snaplen_;
  bool nanosecond_;
};

}  // namespace sipconf::harness
