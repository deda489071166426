#include "harness/capture/live_capture.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/pcap.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "harness/capture/capture_error.h"
#include "harness/capture/ip_packet.h"
#include "harness/capture/link_layer.h"

namespace sipconf::harness {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kKernelBufferBytes = 32 << 20;
constexpr std::string_view kMarkerPrefix = "sipconf-capture-marker:";
constexpr auto kMarkerTimeout = std::chrono::seconds(2);
constexpr auto kQuietPeriod = std::chrono::milliseconds(100);
constexpr auto kQuietTimeout = std::chrono::seconds(1);

std::string executable_path() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("sipconf") : path.string();
}

std::string interface_names() {
  pcap_if_t* devices = nullptr;
  char errbuf[PCAP_ERRBUF_SIZE];
  if (pcap_findalldevs(&devices, errbuf) != 0 || devices == nullptr) return "none";
  std::string names;
  for (pcap_if_t* d = devices; d != nullptr; d = d->next) {
    if (!names.empty()) names += ", ";
    names += d->name;
  }
  pcap_freealldevs(devices);
  return names;
}

bool is_loopback_interface(const std::string& name) {
  if (name == "any") return true;  // includes lo
  pcap_if_t* devices = nullptr;
  char errbuf[PCAP_ERRBUF_SIZE];
  if (pcap_findalldevs(&devices, errbuf) != 0) return name == "lo";
  bool loopback = false;
  for (pcap_if_t* d = devices; d != nullptr; d = d->next) {
    if (name == d->name) loopback = (d->flags & PCAP_IF_LOOPBACK) != 0;
  }
  pcap_freealldevs(devices);
  return loopback;
}

/// A UDP socket on 127.0.0.1 that sends the stop marker to itself.
class MarkerSocket {
 public:
  ~MarkerSocket() { close(); }

  bool open() {
    fd_ = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) return false;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      close();
      return false;
    }
    address_ = address;
    return true;
  }

  bool send(std::string_view payload) const {
    return ::sendto(fd_, payload.data(), payload.size(), 0,
                    reinterpret_cast<const sockaddr*>(&address_),
                    sizeof address_) == static_cast<ssize_t>(payload.size());
  }

  uint16_t port() const { return ntohs(address_.sin_port); }

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
  sockaddr_in address_{};
};

class LibpcapCapture final : public Capture {
 public:
  ~LibpcapCapture() override {
    base::Diagnostics ignored;
    if (pcap_ != nullptr) stop(ignored);
  }

  std::error_code start(const CaptureOptions& options, base::Diagnostics& diags) override;
  sip::Result<CaptureStats> stop(base::Diagnostics& diags) override;

 private:
  static void on_packet(u_char* user, const pcap_pkthdr* header, const u_char* bytes);
  /// The UDP payload of a marker datagram to 127.0.0.1 (ours or a concurrent
  /// capture's), or an empty view for any other packet.
  std::string_view marker_payload(const pcap_pkthdr* header, const u_char* bytes) const;
  /// Releases what start() took and reports `message` about the interface.
  std::error_code fail(base::Diagnostics& diags, CaptureErrc code, std::string message);
  void release();

  pcap_t* pcap_ = nullptr;
  pcap_dumper_t* dumper_ = nullptr;
  std::thread thread_;
  std::string interface_;
  int link_type_ = 0;
  bool nanosecond_ = false;
  bool loopback_ = false;
  MarkerSocket marker_socket_;
  std::string marker_;
  std::atomic<uint64_t> packets_{0};
  std::atomic<int> loop_result_{0};
  std::mutex mutex_;
  std::condition_variable marker_cv_;
  bool marker_seen_ = false;
};

std::error_code LibpcapCapture::fail(base::Diagnostics& diags, CaptureErrc code,
                                     std::string message) {
  base::report(diags, {interface_}, std::move(message));
  release();
  return code;
}

void LibpcapCapture::release() {
  if (dumper_ != nullptr) pcap_dump_close(dumper_);
  if (pcap_ != nullptr) pcap_close(pcap_);
  dumper_ = nullptr;
  pcap_ = nullptr;
  marker_socket_.close();
}

std::error_code LibpcapCapture::start(const CaptureOptions& options, base::Diagnostics& diags) {
  if (pcap_ != nullptr) {
    base::report(diags, {interface_}, "capture already started");
    return CaptureErrc::kAlreadyStarted;
  }
  interface_ = options.interface;
  const std::string& name = interface_;
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_ = pcap_create(name.c_str(), errbuf);
  if (pcap_ == nullptr) {
    return fail(diags, CaptureErrc::kCaptureFailed, fmt::format("cannot capture: {}", errbuf));
  }
  pcap_set_snaplen(pcap_, options.snaplen);
  pcap_set_promisc(pcap_, 0);
  pcap_set_immediate_mode(pcap_, 1);  // no batching delay: stop() must not wait on a timer
  pcap_set_buffer_size(pcap_, kKernelBufferBytes);
  if (options.nanosecond_timestamps) {
    pcap_set_tstamp_precision(pcap_, PCAP_TSTAMP_PRECISION_NANO);  // micro if unsupported
  }
  const int rc = pcap_activate(pcap_);
  if (rc < 0) {
    const std::string detail = pcap_geterr(pcap_);
    if (rc == PCAP_ERROR_PERM_DENIED || detail.find("not permitted") != std::string::npos) {
      return fail(diags, CaptureErrc::kPermissionDenied,
                  fmt::format("cannot capture: permission denied; run as root or grant the "
                              "capability: setcap cap_net_raw,cap_net_admin+eip {}",
                              executable_path()));
    }
    if (rc == PCAP_ERROR_NO_SUCH_DEVICE) {
      return fail(
          diags, CaptureErrc::kNoSuchInterface,
          fmt::format("cannot capture: no such interface (available: {})", interface_names()));
    }
    if (rc == PCAP_ERROR_IFACE_NOT_UP) {
      return fail(diags, CaptureErrc::kInterfaceDown, "cannot capture: interface is down");
    }
    return fail(
        diags, CaptureErrc::kCaptureFailed,
        fmt::format("cannot capture: {}", detail.empty() ? pcap_statustostr(rc) : detail.c_str()));
  }
  nanosecond_ = pcap_get_tstamp_precision(pcap_) == PCAP_TSTAMP_PRECISION_NANO;
  link_type_ = pcap_datalink(pcap_);
  loopback_ = is_loopback_interface(name);

  std::string filter = options.bpf_filter;
  if (!filter.empty()) {
    bpf_program program;
    if (pcap_compile(pcap_, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
      return fail(
          diags, CaptureErrc::kBadFilter,
          fmt::format("cannot capture: bad capture filter \"{}\": {}", filter, pcap_geterr(pcap_)));
    }
    pcap_freecode(&program);
  }
  if (loopback_) {
    if (!marker_socket_.open()) {
      return fail(diags, CaptureErrc::kCaptureFailed,
                  fmt::format("cannot capture: cannot open a UDP socket on 127.0.0.1: {}",
                              std::strerror(errno)));
    }
    std::random_device random;
    marker_ = fmt::format("{}{:08x}{:08x}", kMarkerPrefix, random(), random());
    if (!filter.empty()) {
      filter = fmt::format("({}) or (udp and host 127.0.0.1 and port {})", filter,
                           marker_socket_.port());
    }
  }
  if (!filter.empty()) {
    bpf_program program;
    const bool ok = pcap_compile(pcap_, &program, filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) == 0 &&
                    pcap_setfilter(pcap_, &program) == 0;
    if (ok) pcap_freecode(&program);
    if (!ok) {
      return fail(diags, CaptureErrc::kBadFilter,
                  fmt::format("cannot capture: cannot install capture filter \"{}\": {}",
                              options.bpf_filter, pcap_geterr(pcap_)));
    }
  }

  dumper_ = pcap_dump_open(pcap_, options.output_pcap.c_str());
  if (dumper_ == nullptr) {
    return fail(diags, CaptureErrc::kCannotWriteFile,
                fmt::format("cannot capture: cannot write {}: {}", options.output_pcap.string(),
                            pcap_geterr(pcap_)));
  }
  packets_ = 0;
  marker_seen_ = false;
  loop_result_ = 0;
  thread_ = std::thread(
      [this] { loop_result_ = pcap_loop(pcap_, -1, &on_packet, reinterpret_cast<u_char*>(this)); });
  return {};
}

std::string_view LibpcapCapture::marker_payload(const pcap_pkthdr* header,
                                                const u_char* bytes) const {
  const LinkFrame link = decode_link_layer(link_type_, std::span(bytes, header->caplen));
  if (link.status != LinkStatus::kOk || link.protocol != NetworkProtocol::kIpv4) return {};
  IpPacket ip;
  if (parse_ip_packet(link.network, ip) != IpParseStatus::kOk || ip.protocol != kIpProtoUdp ||
      ip.is_fragment || ip.dst.bytes[0] != 127 || ip.payload.size() < 8) {
    return {};
  }
  const std::string_view payload(reinterpret_cast<const char*>(ip.payload.data()) + 8,
                                 ip.payload.size() - 8);
  return payload.starts_with(kMarkerPrefix) ? payload : std::string_view();
}

void LibpcapCapture::on_packet(u_char* user, const pcap_pkthdr* header, const u_char* bytes) {
  auto* self = reinterpret_cast<LibpcapCapture*>(user);
  if (self->loopback_) {
    const std::string_view marker = self->marker_payload(header, bytes);
    if (!marker.empty()) {
      if (marker == self->marker_) {
        {
          std::lock_guard lock(self->mutex_);
          self->marker_seen_ = true;
        }
        self->marker_cv_.notify_all();
        pcap_breakloop(self->pcap_);
      }
      return;  // markers (ours or a concurrent capture's) never reach the file
    }
  }
  pcap_dump(reinterpret_cast<u_char*>(self->dumper_), header, bytes);
  self->packets_.fetch_add(1, std::memory_order_relaxed);
}

sip::Result<CaptureStats> LibpcapCapture::stop(base::Diagnostics& diags) {
  if (pcap_ == nullptr) return make_error_code(CaptureErrc::kNotStarted);
  bool drained = false;
  if (loopback_ && marker_socket_.send(marker_)) {
    std::unique_lock lock(mutex_);
    drained = marker_cv_.wait_for(lock, kMarkerTimeout, [this] { return marker_seen_; });
  }
  if (!drained) {
    // No marker possible (or it was lost): wait until the capture has been quiet.
    const auto deadline = Clock::now() + kQuietTimeout;
    uint64_t seen = packets_.load();
    while (Clock::now() < deadline) {
      std::this_thread::sleep_for(kQuietPeriod);
      const uint64_t now = packets_.load();
      if (now == seen) break;
      seen = now;
    }
  }
  pcap_breakloop(pcap_);
  thread_.join();

  // Whatever reached the buffer after the marker is kept too.
  char errbuf[PCAP_ERRBUF_SIZE];
  if (pcap_setnonblock(pcap_, 1, errbuf) == 0) {
    while (pcap_dispatch(pcap_, -1, &on_packet, reinterpret_cast<u_char*>(this)) > 0) {
    }
  }

  std::error_code result;
  if (loop_result_ == PCAP_ERROR) {
    base::report(diags, {interface_}, fmt::format("capture failed: {}", pcap_geterr(pcap_)));
    result = CaptureErrc::kCaptureFailed;
  }
  CaptureStats s;
  pcap_stat kernel{};
  if (pcap_stats(pcap_, &kernel) == 0) {
    s.dropped_by_kernel = kernel.ps_drop;
    s.dropped_by_interface = kernel.ps_ifdrop;
  }
  s.packets = packets_.load();
  s.nanosecond = nanosecond_;
  if (pcap_dump_flush(dumper_) != 0 && !result) {
    base::report(diags, {interface_}, "cannot write the capture file");
    result = CaptureErrc::kCannotWriteFile;
  }
  release();
  if (result) return result;
  return s;
}

}  // namespace

std::unique_ptr<Capture> make_libpcap_capture() { return std::make_unique<LibpcapCapture>(); }

std::string bpf_filter_for_hosts(const std::vector<std::string>& ips) {
  if (ips.empty()) return {};
  std::string sources;
  std::string destinations;
  for (const std::string& ip : ips) {
    if (!sources.empty()) {
      sources += " or ";
      destinations += " or ";
    }
    sources += "src host " + ip;
    destinations += "dst host " + ip;
  }
  return fmt::format("({}) and ({})", sources, destinations);
}

}  // namespace sipconf::harness
