#include "harness/capture/pcap_writer.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cerrno>
#include <utility>

#include <fmt/format.h>

#include "harness/capture/capture_error.h"

namespace sipconf::harness {

PcapWriter::PcapWriter(pcap_t* pcap, pcap_dumper_t* dumper, int snaplen, bool nanosecond)
    : pcap_(pcap), dumper_(dumper), snaplen_(snaplen), nanosecond_(nanosecond) {}

PcapWriter::PcapWriter(PcapWriter&& other) noexcept
    : pcap_(std::exchange(other.pcap_, nullptr)),
      dumper_(std::exchange(other.dumper_, nullptr)),
      snaplen_(other.snaplen_),
      nanosecond_(other.nanosecond_) {}

PcapWriter::~PcapWriter() { close(); }

sip::Result<PcapWriter> PcapWriter::create(const std::filesystem::path& path,
                                           const PcapWriterOptions& options,
                                           base::Diagnostics& diags) {
  const u_int precision =
      options.nanosecond ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
  pcap_t* pcap =
      pcap_open_dead_with_tstamp_precision(options.link_type, options.snaplen, precision);
  if (pcap == nullptr) {
    base::report(diags, {path},
                 fmt::format("cannot create a pcap writer for link type {}", options.link_type));
    return make_error_code(CaptureErrc::kCannotWriteFile);
  }
  pcap_dumper_t* dumper = pcap_dump_open(pcap, path.c_str());
  if (dumper == nullptr) {
    base::report(diags, {path}, fmt::format("cannot write: {}", pcap_geterr(pcap)));
    pcap_close(pcap);
    return make_error_code(CaptureErrc::kCannotWriteFile);
  }
  return PcapWriter(pcap, dumper, options.snaplen, options.nanosecond);
}

void PcapWriter::write(uint64_t timestamp_ns, std::span<const uint8_t> bytes,
                       uint32_t wire_length) {
  if (dumper_ == nullptr) return;
  pcap_pkthdr header{};
  header.ts.tv_sec = static_cast<time_t>(timestamp_ns / 1'000'000'000ULL);
  const uint64_t fraction = timestamp_ns % 1'000'000'000ULL;
  header.ts.tv_usec = static_cast<suseconds_t>(nanosecond_ ? fraction : fraction / 1000);
  header.caplen =
      static_cast<bpf_u_int32>(std::min<size_t>(bytes.size(), static_cast<size_t>(snaplen_)));
  header.len = std::max<uint32_t>(wire_length, static_cast<uint32_t>(bytes.size()));
  pcap_dump(reinterpret_cast<u_char*>(dumper_), &header, bytes.data());
}

std::error_code PcapWriter::close() {
  if (dumper_ == nullptr) return {};
  const bool flushed = pcap_dump_flush(dumper_) == 0;
  pcap_dump_close(dumper_);
  pcap_close(pcap_);
  dumper_ = nullptr;
  pcap_ = nullptr;
  if (!flushed) return CaptureErrc::kCannotWriteFile;
  return {};
}

}  // namespace sipconf::harness
