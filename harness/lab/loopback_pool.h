#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <system_error>
#include <vector>

namespace sipconf::harness {

class LoopbackPool;

/// Loopback addresses leased to one case; returned to the pool when destroyed.
class AddressLease {
 public:
  AddressLease() = default;
  AddressLease(AddressLease&& other) noexcept;
  AddressLease& operator=(AddressLease&& other) noexcept;
  AddressLease(const AddressLease&) = delete;
  AddressLease& operator=(const AddressLease&) = delete;
  ~AddressLease();

  const std::vector<std::string>& addresses() const { return addresses_; }

 private:
  friend class LoopbackPool;
  void release();

  LoopbackPool* pool_ = nullptr;
  std::vector<int> octets_;
  std::vector<int> lock_fds_;
  std::vector<std::string> addresses_;
};

/// Hands out loopback addresses 127.0.0.N so that every process of a case has its own
/// address and parallel cases never share one. Leases are also locked across
/// processes (flock on one file per address), so that two sipconf runs on a machine
/// stay apart too; a crashed run's locks vanish with it.
class LoopbackPool {
 public:
  struct Options {
    int first = 10;
    int last = 250;
    /// Directory of the per-address lock files; empty: no cross-process locking.
    std::filesystem::path lock_dir;
    /// Where the search for a free address starts; spreads concurrent runs apart.
    int start_offset = 0;
  };

  explicit LoopbackPool(Options options);
  LoopbackPool(const LoopbackPool&) = delete;
  LoopbackPool& operator=(const LoopbackPool&) = delete;

  /// Leases `count` distinct addresses, waiting up to `wait` for others to be released.
  /// Fails with `resource_unavailable_try_again` when none come free in time.
  std::optional<AddressLease> acquire(std::size_t count, std::chrono::milliseconds wait,
                                      std::error_code& ec);

  /// The default lock directory: `$TMPDIR/sipconf-loopback` (world-writable, sticky).
  static std::filesystem::path default_lock_dir();

 private:
  friend class AddressLease;
  bool try_lock(int octet, int& fd);
  void give_back(const std::vector<int>& octets);

  Options options_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::set<int> leased_;
  int next_ = 0;
};

/// Kinds of port a process binds.
enum class PortProtocol { udp, tcp, udp_and_tcp };

/// One port (or block of consecutive ports) a process needs on its address.
struct PortNeed {
  PortProtocol protocol = PortProtocol::udp;
  int consecutive = 1;
};

/// Finds ports that are free on `address` right now by binding them, and keeps every
/// probe bound until all `needs` are met so that no two needs get the same port.
/// Ports are drawn at random from 20000-32767: below the kernel's ephemeral range,
/// so other programs' outgoing sockets do not take them between probe and use.
/// `out[i]` is the (first) port of `needs[i]`.
std::error_code find_free_ports(const std::string& address, const std::vector<PortNeed>& needs,
                                std::vector<std::uint16_t>& out);

}  // namespace sipconf::harness
