#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "harness/capture/ip_endpoint.h"
#include "harness/capture/ip_packet.h"

namespace sipconf::harness {

/// Limits that keep reassembly memory bounded whatever the capture holds.
struct FragmentReassemblyOptions {
  size_t max_bytes_in_flight = 16u << 20;  ///< All incomplete datagrams together.
  size_t max_datagrams_in_flight = 4096;
  uint64_t timeout_ns = 30'000'000'000;  ///< Capture time; RFC 791 suggests 15-120 s.
};

struct FragmentStats {
  uint64_t fragments = 0;              ///< Fragments offered.
  uint64_t datagrams_reassembled = 0;  ///< Complete datagrams produced.
  uint64_t duplicate_fragments = 0;    ///< Overlaps with identical bytes (harmless).
  uint64_t overlap_conflicts = 0;      ///< Overlaps whose bytes differed.
  uint64_t datagrams_timed_out = 0;
  uint64_t datagrams_evicted = 0;    ///< Dropped to stay within the memory limits.
  uint64_t datagrams_malformed = 0;  ///< Inconsistent lengths, or IPv6 overlaps (RFC 5722).
};

/// A datagram rebuilt from fragments. `payload` views a buffer owned by the
/// reassembler and stays valid until the next call to add() or expire().
struct ReassembledDatagram {
  IpAddress src;
  IpAddress dst;
  uint8_t protocol = 0;  ///< Upper-layer protocol (IPv6 extension headers already walked).
  std::span<const uint8_t> payload;
};

/// Reassembles IPv4 and IPv6 fragments, keyed by (src, dst, protocol, id) for IPv4
/// and (src, dst, id) for IPv6. Overlaps are resolved deterministically: bytes that
/// arrived first win for IPv4 (the conflict is counted); for IPv6 a conflicting overlap
/// drops the whole datagram, as RFC 5722 requires of receivers. Identical overlaps
/// (the same fragment captured twice) are only counted as duplicates.
class IpFragmentReassembler {
 public:
  enum class Result { kIncomplete, kComplete, kDropped };

  explicit IpFragmentReassembler(FragmentReassemblyOptions options = {});

  /// Adds one fragment seen at `timestamp_ns`. On kComplete, `out` holds the datagram.
  Result add(const IpPacket& fragment, uint64_t timestamp_ns, ReassembledDatagram& out);

  /// Drops datagrams whose first fragment is older than the timeout at `now_ns`.
  void expire(uint64_t now_ns);

  size_t datagrams_in_flight() const { return pending_.size(); }
  size_t bytes_in_flight() const { return bytes_in_flight_; }
  const FragmentStats& stats() const { return stats_; }

 private:
  struct Key {
    IpAddress src;
    IpAddress dst;
    uint32_t id = 0;
    uint8_t protocol = 0;  ///< 0 for IPv6, where the protocol is not part of the key.
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    size_t operator()(const Key& k) const noexcept;
  };
  struct Range {
    uint32_t begin;
    uint32_t end;
  };
  struct Pending {
    uint64_t first_seen_ns = 0;
    std::vector<uint8_t> data;
    std::vector<Range> received;  ///< Sorted, non-overlapping, merged.
    uint32_t total_length = 0;    ///< Known once the last fragment arrived; 0 before.
    uint8_t first_protocol = 0;   ///< Protocol from the offset-0 fragment.
    bool have_first = false;
  };

  /// Copies the parts of [begin, end) not yet received; reports overlaps.
  bool merge(Pending& p, uint32_t begin, std::span<const uint8_t> bytes, bool drop_on_conflict);
  void erase(std::unordered_map<Key, Pending, KeyHash>::iterator it);
  void evict_oldest();

  FragmentReassemblyOptions options_;
  std::unordered_map<Key, Pending, KeyHash> pending_;
  size_t bytes_in_flight_ = 0;
  uint64_t oldest_first_seen_ns_ = UINT64_MAX;
  std::vector<uint8_t> completed_;  ///< Backs the last ReassembledDatagram::payload.
  FragmentStats stats_;
};

}  // namespace sipconf::harness
