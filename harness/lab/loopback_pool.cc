#include "harness/lab/loopback_pool.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <random>
#include <utility>

namespace sipconf::harness {
namespace {

std::string address_of(int octet) { return fmt::format("127.0.0.{}", octet); }

/// A socket bound for a probe; closed when the probe is over.
class ProbeSocket {
 public:
  ProbeSocket() = default;
  explicit ProbeSocket(int fd) : fd_(fd) {}
  ProbeSocket(ProbeSocket&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  ProbeSocket& operator=(ProbeSocket&&) = delete;
  ~ProbeSocket() {
    if (fd_ >= 0) ::close(fd_);
  }

 private:
  int fd_ = -1;
};

bool bind_probe(const in_addr& ip, std::uint16_t port, int type, std::vector<ProbeSocket>& held) {
  const int fd = ::socket(AF_INET, type | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  ProbeSocket socket(fd);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr = ip;
  address.sin_port = htons(port);
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) return false;
  held.push_back(std::move(socket));
  return true;
}

}  // namespace

AddressLease::AddressLease(AddressLease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)),
      octets_(std::move(other.octets_)),
      lock_fds_(std::move(other.lock_fds_)),
      addresses_(std::move(other.addresses_)) {}

AddressLease& AddressLease::operator=(AddressLease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    octets_ = std::move(other.octets_);
    lock_fds_ = std::move(other.lock_fds_);
    addresses_ = std::move(other.addresses_);
  }
  return *this;
}

AddressLease::~AddressLease() { release(); }

void AddressLease::release() {
  for (int fd : lock_fds_) {
    if (fd >= 0) ::close(fd);
  }
  lock_fds_.clear();
  if (pool_ != nullptr) pool_->give_back(octets_);
  pool_ = nullptr;
  octets_.clear();
  addresses_.clear();
}

LoopbackPool::LoopbackPool(Options options) : options_(std::move(options)) {
  const int size = options_.last - options_.first + 1;
  next_ = size > 0 ? ((options_.start_offset % size) + size) % size : 0;
  if (!options_.lock_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options_.lock_dir, ec);
    ::chmod(options_.lock_dir.c_str(), 01777);
  }
}

std::filesystem::path LoopbackPool::default_lock_dir() {
  std::error_code ec;
  std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  if (ec) tmp = "/tmp";
  return tmp / "sipconf-loopback";
}

bool LoopbackPool::try_lock(int octet, int& fd) {
  fd = -1;
  if (options_.lock_dir.empty()) return true;
  const std::filesystem::path file = options_.lock_dir / (address_of(octet) + ".lock");
  fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (fd < 0) return false;
  ::fchmod(fd, 0666);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    fd = -1;
    return false;
  }
  return true;
}

std::optional<AddressLease> LoopbackPool::acquire(std::size_t count, std::chrono::milliseconds wait,
                                                  std::error_code& ec) {
  ec.clear();
  const int size = options_.last - options_.first + 1;
  if (count == 0 || size <= 0 || count > static_cast<std::size_t>(size)) {
    ec = std::make_error_code(std::errc::invalid_argument);
    return std::nullopt;
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  std::unique_lock lock(mutex_);
  for (;;) {
    AddressLease lease;
    for (int step = 0; step < size && lease.octets_.size() < count; ++step) {
      const int octet = options_.first + (next_ + step) % size;
      if (leased_.count(octet) != 0) continue;
      int fd = -1;
      if (!try_lock(octet, fd)) continue;
      lease.octets_.push_back(octet);
      lease.lock_fds_.push_back(fd);
      lease.addresses_.push_back(address_of(octet));
    }
    if (lease.octets_.size() == count) {
      for (int octet : lease.octets_) leased_.insert(octet);
      // Move on, so that a released address is not reused at once by the next case:
      // its sockets may still be closing.
      next_ = (lease.octets_.back() - options_.first + 1) % size;
      lease.pool_ = this;
      return lease;
    }
    for (int fd : lease.lock_fds_) {
      if (fd >= 0) ::close(fd);
    }
    lease.lock_fds_.clear();
    if (released_.wait_until(lock, deadline) == std::cv_status::timeout) {
      ec = std::make_error_code(std::errc::resource_unavailable_try_again);
      return std::nullopt;
    }
  }
}

void LoopbackPool::give_back(const std::vector<int>& octets) {
  {
    std::lock_guard lock(mutex_);
    for (int octet : octets) leased_.erase(octet);
  }
  released_.notify_all();
}

std::error_code find_free_ports(const std::string& address, const std::vector<PortNeed>& needs,
                                std::vector<std::uint16_t>& out) {
  constexpr int kLow = 20000;
  constexpr int kHigh = 32767;
  out.assign(needs.size(), 0);
  in_addr ip{};
  if (::inet_pton(AF_INET, address.c_str(), &ip) != 1) {
    return std::make_error_code(std::errc::invalid_argument);
  }
  std::random_device seed;
  std::mt19937 random(seed());
  std::uniform_int_distribution<int> pick(kLow, kHigh);
  std::vector<ProbeSocket> held;
  for (std::size_t i = 0; i < needs.size(); ++i) {
    const PortNeed& need = needs[i];
    bool found = false;
    for (int attempt = 0; attempt < 200 && !found; ++attempt) {
      const int first = pick(random);
      if (first + need.consecutive - 1 > kHigh) continue;
      std::vector<ProbeSocket> block;
      bool ok = true;
      for (int k = 0; k < need.consecutive && ok; ++k) {
        const auto port = static_cast<std::uint16_t>(first + k);
        if (need.protocol != PortProtocol::tcp) ok = bind_probe(ip, port, SOCK_DGRAM, block);
        if (ok && need.protocol != PortProtocol::udp) ok = bind_probe(ip, port, SOCK_STREAM, block);
      }
      if (!ok) continue;
      for (ProbeSocket& socket : block) held.push_back(std::move(socket));
      out[i] = static_cast<std::uint16_t>(first);
      found = true;
    }
    if (!found) return std::make_error_code(std::errc::address_in_use);
  }
  return {};
}

}  // namespace sipconf::harness
