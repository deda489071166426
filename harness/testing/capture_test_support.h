#pragma once

// Helpers shared by the capture tests (header-only; not part of the library).

#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "harness/capture/ip_endpoint.h"
#include "harness/capture/payload_visitor.h"

#include "base/build_paths.h"

namespace sipconf::harness::testing {

/// Copies everything a decoder delivers, so tests can look at it afterwards.
class RecordingVisitor : public PayloadVisitor {
 public:
  struct RecordedDatagram {
    uint64_t timestamp_ns;
    Endpoint src;
    Endpoint dst;
    std::string payload;
    bool reassembled;
  };
  struct RecordedChunk {
    uint64_t flow_id;
    TcpDirection direction;
    uint64_t timestamp_ns;
    Endpoint src;
    Endpoint dst;
    uint64_t stream_offset;
    std::string bytes;
    bool gap_before;
    const uint8_t* data;  ///< Where the bytes were, to check zero-copy delivery.
  };

  void on_datagram(const Datagram& d) override {
    datagrams.push_back({d.timestamp_ns, d.src, d.dst,
                         std::string(d.payload.begin(), d.payload.end()), d.reassembled});
  }
  void on_tcp_chunk(const TcpChunk& c) override {
    chunks.push_back({c.flow_id, c.direction, c.timestamp_ns, c.src, c.dst, c.stream_offset,
                      std::string(c.bytes.begin(), c.bytes.end()), c.gap_before, c.bytes.data()});
  }
  void on_tcp_flow_end(const TcpFlowSummary& s) override { flows.push_back(s); }

  /// All bytes of one direction of one flow, with "<gap>" where bytes were lost.
  std::string stream(uint64_t flow_id, TcpDirection direction) const {
    std::string out;
    for (const auto& c : chunks) {
      if (c.flow_id != flow_id || c.direction != direction) continue;
      if (c.gap_before && !out.empty()) out += "<gap>";
      out += c.bytes;
    }
    return out;
  }

  std::vector<RecordedDatagram> datagrams;
  std::vector<RecordedChunk> chunks;
  std::vector<TcpFlowSummary> flows;
};

/// A fresh path in the temp directory, unique per process and call, removed by the caller.
inline std::filesystem::path temp_path(const std::string& name) {
  static std::atomic<int> counter{0};
  return std::filesystem::temp_directory_path() /
         fmt::format("sipconf-capture-{}-{}-{}", ::getpid(), counter++, name);
}

/// A loopback address 127.0.0.N with N in 10..250, so concurrent tests rarely meet.
inline std::string random_loopback_address() {
  std::random_device random;
  return fmt::format("127.0.0.{}", 10 + random() % 241);
}

inline std::filesystem::path corpus_file(const std::string& name) {
  return base::source_dir() / "harness/testdata/pcaps" / name;
}

inline std::span<const uint8_t> bytes_of(const std::string& s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

}  // namespace sipconf::harness::testing
