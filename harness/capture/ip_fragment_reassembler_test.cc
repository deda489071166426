#include "harness/capture/ip_fragment_reassembler.h"

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/testing/frame_builder.h"

namespace sipconf::harness {
namespace {

constexpr uint8_t kDestinationOptionsFrag = 60;

const Endpoint kV4aFrag = *Endpoint::parse("192.0.2.1:5060");
const Endpoint kV4bFrag = *Endpoint::parse("192.0.2.2:5062");
const Endpoint kV6aFrag = *Endpoint::parse("[2001:db8::a]:5060");
const Endpoint kV6bFrag = *Endpoint::parse("[2001:db8::b]:5062");

std::vector<uint8_t> pattern(size_t n, uint8_t seed = 0) {
  std::vector<uint8_t> v(n);
  std::iota(v.begin(), v.end(), seed);
  return v;
}

/// Parses built fragments; the spans point into `storage`.
std::vector<IpPacket> parse_all(const std::vector<std::vector<uint8_t>>& storage) {
  std::vector<IpPacket> out;
  for (const auto& bytes : storage) {
    IpPacket ip;
    EXPECT_EQ(parse_ip_packet(bytes, ip), IpParseStatus::kOk);
    out.push_back(ip);
  }
  return out;
}

TEST(IpFragmentReassembler, RebuildsIpv4OutOfOrder) {
  const auto udp = build_udp(kV4aFrag, kV4bFrag, pattern(3000));
  const auto storage = build_ip_fragments(kV4aFrag.ip, kV4bFrag.ip, kIpProtoUdp, udp, 1480, 77);
  ASSERT_EQ(storage.size(), 3u);
  auto fragments = parse_all(storage);
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  EXPECT_EQ(reassembler.add(fragments[2], 1, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.add(fragments[0], 2, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 1u);
  ASSERT_EQ(reassembler.add(fragments[1], 3, out), IpFragmentReassembler::Result::kComplete);
  EXPECT_EQ(out.protocol, kIpProtoUdp);
  EXPECT_EQ(out.src, kV4aFrag.ip);
  EXPECT_EQ(std::vector<uint8_t>(out.payload.begin(), out.payload.end()), udp);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 0u);
  EXPECT_EQ(reassembler.bytes_in_flight(), 0u);
  EXPECT_EQ(reassembler.stats().datagrams_reassembled, 1u);
  EXPECT_EQ(reassembler.stats().fragments, 3u);
}

TEST(IpFragmentReassembler, RebuildsIpv6AndWalksHeadersAfterTheFragmentHeader) {
  // The fragmentable part starts with a Destination Options header, then UDP.
  std::vector<uint8_t> part = ipv6_extension_header(kDestinationOptionsFrag, kIpProtoUdp, 16);
  const auto udp = build_udp(kV6aFrag, kV6bFrag, pattern(2000, 9));
  part.insert(part.end(), udp.begin(), udp.end());
  const auto storage =
      build_ip_fragments(kV6aFrag.ip, kV6bFrag.ip, kDestinationOptionsFrag, part, 1232, 5);
  auto fragments = parse_all(storage);
  std::reverse(fragments.begin(), fragments.end());
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  IpFragmentReassembler::Result r = IpFragmentReassembler::Result::kIncomplete;
  for (const auto& f : fragments) r = reassembler.add(f, 10, out);
  ASSERT_EQ(r, IpFragmentReassembler::Result::kComplete);
  EXPECT_EQ(out.protocol, kIpProtoUdp);
  EXPECT_EQ(std::vector<uint8_t>(out.payload.begin(), out.payload.end()), udp);
}

TEST(IpFragmentReassembler, KeyIncludesAddressesAndIdentification) {
  const auto storage_a =
      build_ip_fragments(kV4aFrag.ip, kV4bFrag.ip, kIpProtoUdp, pattern(64), 32, 1);
  const auto storage_b =
      build_ip_fragments(kV4aFrag.ip, kV4bFrag.ip, kIpProtoUdp, pattern(64, 50), 32, 2);
  auto a = parse_all(storage_a);
  auto b = parse_all(storage_b);
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  EXPECT_EQ(reassembler.add(a[0], 1, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.add(b[1], 1, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 2u);
  ASSERT_EQ(reassembler.add(b[0], 1, out), IpFragmentReassembler::Result::kComplete);
  EXPECT_EQ(out.payload[0], 50);
  ASSERT_EQ(reassembler.add(a[1], 1, out), IpFragmentReassembler::Result::kComplete);
  EXPECT_EQ(out.payload[0], 0);
}

/// Builds one IPv4 fragment by hand: [offset, offset+len) of `data`.
std::vector<uint8_t> v4_fragment(const std::vector<uint8_t>& data, uint32_t offset, size_t len,
                                 bool more, uint16_t id = 9) {
  Ipv4Fields fields;
  fields.id = id;
  fields.fragment_offset = offset;
  fields.more_fragments = more;
  return build_ipv4(kV4aFrag.ip, kV4bFrag.ip, kIpProtoUdp, std::span(data).subspan(offset, len),
                    fields);
}

TEST(IpFragmentReassembler, Ipv4OverlapKeepsTheBytesThatArrivedFirst) {
  const auto original = pattern(48);
  auto conflicting = original;
  std::fill(conflicting.begin() + 8, conflicting.begin() + 24, 0xFF);
  const std::vector<std::vector<uint8_t>> storage = {
      v4_fragment(original, 0, 16, true),     // [0,16)
      v4_fragment(conflicting, 8, 16, true),  // [8,24) overlaps [8,16) with other bytes
      v4_fragment(original, 16, 32, false),   // [16,48) overlaps [16,24) again
  };
  auto fragments = parse_all(storage);
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  EXPECT_EQ(reassembler.add(fragments[0], 1, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.add(fragments[1], 1, out), IpFragmentReassembler::Result::kIncomplete);
  ASSERT_EQ(reassembler.add(fragments[2], 1, out), IpFragmentReassembler::Result::kComplete);
  std::vector<uint8_t> expected = original;
  std::fill(expected.begin() + 16, expected.begin() + 24, 0xFF);  // first arrival of [16,24)
  EXPECT_EQ(std::vector<uint8_t>(out.payload.begin(), out.payload.end()), expected);
  EXPECT_EQ(reassembler.stats().overlap_conflicts, 2u);
}

TEST(IpFragmentReassembler, IdenticalDuplicatesAreHarmless) {
  const auto original = pattern(40);
  const std::vector<std::vector<uint8_t>> storage = {v4_fragment(original, 0, 24, true),
                                                     v4_fragment(original, 0, 24, true),
                                                     v4_fragment(original, 16, 24, false)};
  auto fragments = parse_all(storage);
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  reassembler.add(fragments[0], 1, out);
  reassembler.add(fragments[1], 1, out);
  ASSERT_EQ(reassembler.add(fragments[2], 1, out), IpFragmentReassembler::Result::kComplete);
  EXPECT_EQ(std::vector<uint8_t>(out.payload.begin(), out.payload.end()), original);
  EXPECT_EQ(reassembler.stats().duplicate_fragments, 2u);
  EXPECT_EQ(reassembler.stats().overlap_conflicts, 0u);
}

TEST(IpFragmentReassembler, Ipv6ConflictingOverlapDropsTheDatagram) {
  // RFC 5722: a receiver discards the whole datagram.
  const auto data = pattern(32);
  auto other = data;
  other[10] = 0xFF;
  auto fragment = [&](const std::vector<uint8_t>& src, uint32_t offset, size_t len, bool more) {
    auto body = ipv6_fragment_header(kIpProtoUdp, offset, more, 3);
    body.insert(body.end(), src.begin() + offset, src.begin() + offset + len);
    return build_ipv6(kV6aFrag.ip, kV6bFrag.ip, 44, body);
  };
  const std::vector<std::vector<uint8_t>> storage = {
      fragment(data, 0, 16, true), fragment(other, 8, 16, true), fragment(data, 16, 16, false)};
  auto fragments = parse_all(storage);
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  EXPECT_EQ(reassembler.add(fragments[0], 1, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.add(fragments[1], 1, out), IpFragmentReassembler::Result::kDropped);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 0u);
  EXPECT_EQ(reassembler.stats().datagrams_malformed, 1u);
  // The remaining fragment starts a new datagram that never completes.
  EXPECT_EQ(reassembler.add(fragments[2], 1, out), IpFragmentReassembler::Result::kIncomplete);
}

TEST(IpFragmentReassembler, InconsistentLengthsAreMalformed) {
  const auto data = pattern(64);
  IpFragmentReassembler reassembler;
  ReassembledDatagram out;
  // A middle fragment whose size is not a multiple of 8.
  const auto odd = v4_fragment(data, 0, 13, true);
  auto parsed = parse_all({odd});
  EXPECT_EQ(reassembler.add(parsed[0], 1, out), IpFragmentReassembler::Result::kDropped);
  // Two different "last" fragments.
  const std::vector<std::vector<uint8_t>> storage = {v4_fragment(data, 32, 32, false),
                                                     v4_fragment(data, 8, 16, false)};
  auto lasts = parse_all(storage);
  EXPECT_EQ(reassembler.add(lasts[0], 1, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.add(lasts[1], 1, out), IpFragmentReassembler::Result::kDropped);
  EXPECT_EQ(reassembler.stats().datagrams_malformed, 2u);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 0u);
}

TEST(IpFragmentReassembler, IncompleteDatagramsTimeOut) {
  FragmentReassemblyOptions options;
  options.timeout_ns = 1000;
  IpFragmentReassembler reassembler(options);
  const auto data = pattern(32);
  const std::vector<std::vector<uint8_t>> storage = {v4_fragment(data, 0, 16, true, 1),
                                                     v4_fragment(data, 16, 16, false, 1),
                                                     v4_fragment(data, 0, 16, true, 2)};
  auto f = parse_all(storage);
  ReassembledDatagram out;
  EXPECT_EQ(reassembler.add(f[0], 100, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.add(f[2], 1200, out), IpFragmentReassembler::Result::kIncomplete);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 1u);  // id 1 expired at 1200
  EXPECT_EQ(reassembler.stats().datagrams_timed_out, 1u);
  EXPECT_EQ(reassembler.add(f[1], 1300, out), IpFragmentReassembler::Result::kIncomplete);
  reassembler.expire(5000);
  EXPECT_EQ(reassembler.datagrams_in_flight(), 0u);
  EXPECT_EQ(reassembler.bytes_in_flight(), 0u);
}

TEST(IpFragmentReassembler, MemoryStaysWithinTheLimitsByEvictingTheOldest) {
  FragmentReassemblyOptions options;
  options.max_datagrams_in_flight = 4;
  options.max_bytes_in_flight = 4096;
  IpFragmentReassembler reassembler(options);
  const auto data = pattern(2056);
  ReassembledDatagram out;
  std::vector<std::vector<uint8_t>> storage;
  for (uint16_t id = 0; id < 10; ++id) storage.push_back(v4_fragment(data, 1024, 1024, true, id));
  const auto f = parse_all(storage);
  for (uint16_t id = 0; id < 10; ++id) {
    EXPECT_EQ(reassembler.add(f[id], id, out), IpFragmentReassembler::Result::kIncomplete);
    EXPECT_LE(reassembler.datagrams_in_flight(), 4u);
    EXPECT_LE(reassembler.bytes_in_flight(), 4096u);
  }
  EXPECT_EQ(reassembler.datagrams_in_flight(), 2u);  // 2048 bytes each
  EXPECT_EQ(reassembler.stats().datagrams_evicted, 8u);

  // The newest datagram survived and completes.
  const std::vector<std::vector<uint8_t>> rest = {v4_fragment(data, 0, 1024, true, 9),
                                                  v4_fragment(data, 2048, 8, false, 9)};
  const auto r = parse_all(rest);
  EXPECT_EQ(reassembler.add(r[0], 20, out), IpFragmentReassembler::Result::kIncomplete);
  ASSERT_EQ(reassembler.add(r[1], 21, out), IpFragmentReassembler::Result::kComplete);
  EXPECT_EQ(std::vector<uint8_t>(out.payload.begin(), out.payload.end()), data);

  // A single datagram larger than the whole budget is refused.
  FragmentReassemblyOptions tiny;
  tiny.max_bytes_in_flight = 100;
  IpFragmentReassembler small(tiny);
  EXPECT_EQ(small.add(f[0], 1, out), IpFragmentReassembler::Result::kDropped);
  EXPECT_EQ(small.datagrams_in_flight(), 0u);
}

}  // namespace
}  // namespace sipconf::harness
