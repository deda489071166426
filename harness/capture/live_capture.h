#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "base/diagnostic.h"
#include "sip/base/result.h"

namespace sipconf::harness {

struct CaptureOptions {
  std::string interface = "lo";
  std::string bpf_filter;  ///< pcap-filter(7) syntax; empty captures everything.
  std::filesystem::path output_pcap;
  int snaplen = 262144;
  bool nanosecond_timestamps = true;  ///< Falls back to microseconds if the kernel can't.
};

struct CaptureStats {
  uint64_t packets = 0;               ///< Packets written to the file.
  uint64_t dropped_by_kernel = 0;     ///< Capture buffer overflows (pcap_stats ps_drop).
  uint64_t dropped_by_interface = 0;  ///< ps_ifdrop.
  bool nanosecond = false;            ///< The file holds nanosecond timestamps.
};

/// One running capture writing a pcap file. Side effects live behind this interface so
/// the run orchestration can be tested with a fake.
class Capture {
 public:
  virtual ~Capture() = default;
  /// Returns once the capture is live: every packet sent from now on is kept. A failure
  /// (CaptureErrc) comes with one diagnostic for the interface that names the filter or
  /// file at fault and says what to do (e.g. how to grant capture permission).
  virtual std::error_code start(const CaptureOptions& options, base::Diagnostics& diags) = 0;
  /// Returns the counters once every packet sent before the call is in the file, and the
  /// file is closed; failures as for start().
  virtual sip::Result<CaptureStats> stop(base::Diagnostics& diags) = 0;
};

/// A libpcap capture: pcap_create with immediate mode and nanosecond timestamps, a BPF
/// filter, and a thread writing with pcap_dump. On loopback, stop() sends a marker
/// datagram to 127.0.0.1 and waits until the capture thread has seen it, which proves
/// that everything sent earlier has been read; elsewhere it waits for the capture to go
/// quiet. The destructor stops a running capture, so none is ever left behind.
std::unique_ptr<Capture> make_libpcap_capture();

/// Traffic among these hosts only, "(src host A or src host B) and (dst host A or dst host B)":
/// another process on loopback talking to one of a case's addresses (a neighbouring case, a
/// benchmark) stays out of the case's capture. Empty for no addresses (capture everything).
std::string bpf_filter_for_hosts(const std::vector<std::string>& ips);

}  // namespace sipconf::harness
