#pragma once

// Helpers shared by the capture-analysis tests (header-only; not part of the library):
// SIP message texts built the way a UA builds them, whole B2BUA calls on the wire, and
// captures written through the capture layer's pcap writer and frame builder.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "harness/analysis/sip_trace.h"
#include "harness/capture/ip_endpoint.h"
#include "harness/capture/pcap_writer.h"
#include "harness/capture/sip_capture_decoder.h"
#include "harness/testing/capture_test_support.h"
#include "harness/testing/frame_builder.h"
#include "sip/message/message_parser.h"

namespace sipconf::harness::testing {

inline Endpoint ep(const std::string& text) { return *Endpoint::parse(text); }

/// Headers and body as a message text with CRLF ends and a correct Content-Length
/// (unless the headers already carry one).
inline std::string sip_text(const std::string& start_line, const std::vector<std::string>& headers,
                            const std::string& body = "") {
  std::string out = start_line + "\r\n";
  bool has_length = false;
  for (const std::string& h : headers) {
    out += h + "\r\n";
    if (h.rfind("Content-Length:", 0) == 0 || h.rfind("l:", 0) == 0) has_length = true;
  }
  if (!has_length) out += fmt::format("Content-Length: {}\r\n", body.size());
  out += "\r\n" + body;
  return out;
}

/// What identifies one side's requests on a leg.
struct LegIds {
  std::string call_id;
  std::string from = "<sip:alice@a.test>";
  std::string to = "<sip:+14255550100@b.test>";
  std::string from_tag = "caller-tag";
  std::string to_tag;  ///< Empty before the dialog exists.
  std::string via = "127.0.0.20:5060";
  std::string transport = "UDP";
};

inline std::string sdp_body(const std::string& ip, int port, const std::string& formats = "0 8",
                            const std::string& extra = "") {
  return fmt::format(
      "v=0\r\no=- 1 1 IN IP4 {0}\r\ns=-\r\nc=IN IP4 {0}\r\nt=0 0\r\nm=audio {1} RTP/AVP {2}\r\n{3}",
      ip, port, formats, extra);
}

inline std::string request(const std::string& method, const std::string& uri, const LegIds& ids,
                           uint32_t cseq, const std::string& branch,
                           const std::vector<std::string>& extra = {},
                           const std::string& body = "") {
  std::vector<std::string> headers{
      fmt::format("Via: SIP/2.0/{} {};branch={}", ids.transport, ids.via, branch),
      "Max-Forwards: 70",
      fmt::format("From: {};tag={}", ids.from, ids.from_tag),
      ids.to_tag.empty() ? fmt::format("To: {}", ids.to)
                         : fmt::format("To: {};tag={}", ids.to, ids.to_tag),
      fmt::format("Call-ID: {}", ids.call_id),
      fmt::format("CSeq: {} {}", cseq, method),
      fmt::format("Contact: <sip:{}>", ids.via)};
  headers.insert(headers.end(), extra.begin(), extra.end());
  if (!body.empty()) headers.emplace_back("Content-Type: application/sdp");
  return sip_text(fmt::format("{} {} SIP/2.0", method, uri), headers, body);
}

/// A response to `request_text`, copying Via, From, To, Call-ID and CSeq, adding
/// `to_tag` to To when the request had none.
inline std::string response(int status, const std::string& reason, const std::string& request_text,
                            const std::string& to_tag, const std::string& body = "",
                            const std::vector<std::string>& extra = {}) {
  sip::ParseOptions options;
  options.mode = sip::ParseMode::lenient;
  const sip::ParseResult parsed = sip::parse_message(request_text, options);
  const sip::Message& r = *parsed.message;
  std::vector<std::string> headers;
  for (std::string_view via : r.header_values(sip::HeaderId::via)) {
    headers.push_back("Via: " + std::string(via));
  }
  headers.push_back("From: " + std::string(*r.header(sip::HeaderId::from)));
  std::string to(*r.header(sip::HeaderId::to));
  if (to.find(";tag=") == std::string::npos && !to_tag.empty()) to += ";tag=" + to_tag;
  headers.push_back("To: " + to);
  headers.push_back("Call-ID: " + std::string(*r.header(sip::HeaderId::call_id)));
  headers.push_back("CSeq: " + std::string(*r.header(sip::HeaderId::cseq)));
  headers.insert(headers.end(), extra.begin(), extra.end());
  if (!body.empty()) headers.emplace_back("Content-Type: application/sdp");
  return sip_text(fmt::format("SIP/2.0 {} {}", status, reason), headers, body);
}

/// One message on the wire.
struct WireMessage {
  uint64_t t_us = 0;
  Endpoint src;
  Endpoint dst;
  std::string text;
  bool tcp = false;
};

/// Feeds wire messages straight into a trace (no capture file), as UDP or TCP.
inline void feed(SipTrace& trace, const std::vector<WireMessage>& messages) {
  for (const WireMessage& w : messages) {
    CapturedSipMessage m =
        parse_captured_message(w.text, w.tcp ? SipTransport::kTcp : SipTransport::kUdp);
    m.timestamp_ns = 1'700'000'000'000'000'000ULL + w.t_us * 1000;
    m.src = w.src;
    m.dst = w.dst;
    trace.on_sip_message(std::move(m));
  }
}

/// The parties and timing of a call through a B2BUA.
struct B2buaCall {
  Endpoint caller = ep("127.0.0.20:5060");
  Endpoint sut_in = ep("127.0.0.21:5070");
  Endpoint sut_out = ep("127.0.0.21:5068");
  Endpoint callee = ep("127.0.0.22:5060");
  std::string in_call_id = "in-1@127.0.0.20";
  std::string out_call_id = "out-1@127.0.0.21";
  std::string number = "+14255550100";
  uint64_t start_us = 0;
  uint64_t transit_us = 300;     ///< Time the SUT takes to relay each message.
  uint64_t ring_us = 10'000;     ///< Callee: INVITE to 180.
  uint64_t answer_us = 500'000;  ///< Callee: 180 to 200.
  uint64_t talk_us = 2'000'000;  ///< 200 to BYE.
  int final_status = 200;        ///< Non-2xx: the callee rejects after ringing.
  bool bye = true;
  bool ack_2xx = true;
  int caller_media_port = 20000;
  int sut_media_port = 30000;
  int callee_media_port = 40000;
};

/// Every message of a call through a B2BUA, both legs, in wire order.
inline std::vector<WireMessage> b2bua_call(const B2buaCall& c) {
  std::vector<WireMessage> out;
  LegIds in;
  in.call_id = c.in_call_id;
  in.via = c.caller.to_string();
  in.to = fmt::format("<sip:{}@b.test>", c.number);
  LegIds out_ids;
  out_ids.call_id = c.out_call_id;
  out_ids.via = c.sut_out.to_string();
  out_ids.from_tag = "sut-tag";
  out_ids.to = fmt::format("<sip:{}@{}>", c.number.substr(c.number[0] == '+' ? 1 : 0),
                           c.callee.ip.to_string());
  const std::string number_out = c.number.substr(c.number[0] == '+' ? 1 : 0);
  uint64_t t = c.start_us;
  const uint64_t d = c.transit_us;
  const std::string caller_ip = c.caller.ip.to_string();
  const std::string sut_ip = c.sut_in.ip.to_string();
  const std::string callee_ip = c.callee.ip.to_string();

  const std::string invite_in =
      request("INVITE", fmt::format("sip:{}@b.test;user=phone", c.number), in, 1, "z9hG4bK-in-1",
              {}, sdp_body(caller_ip, c.caller_media_port));
  out.push_back({t, c.caller, c.sut_in, invite_in});
  out.push_back({t + 50, c.sut_in, c.caller, response(100, "Trying", invite_in, "")});
  const std::string invite_out =
      request("INVITE", fmt::format("sip:{}@{}", number_out, c.callee.to_string()), out_ids, 1,
              "z9hG4bK-out-1", {}, sdp_body(sut_ip, c.sut_media_port));
  out.push_back({t + d, c.sut_out, c.callee, invite_out});
  out.push_back({t + d + 40, c.callee, c.sut_out, response(100, "Trying", invite_out, "")});
  t += d + c.ring_us;
  out.push_back({t, c.callee, c.sut_out, response(180, "Ringing", invite_out, "callee-tag")});
  out.push_back({t + d, c.sut_in, c.caller, response(180, "Ringing", invite_in, "sut-in-tag")});
  t += c.answer_us;
  if (c.final_status >= 300) {
    out.push_back(
        {t, c.callee, c.sut_out, response(c.final_status, "Busy Here", invite_out, "callee-tag")});
    LegIds ack_out = out_ids;
    ack_out.to_tag = "callee-tag";
    out.push_back({t + 60, c.sut_out, c.callee,
                   request("ACK", fmt::format("sip:{}@{}", number_out, c.callee.to_string()),
                           ack_out, 1, "z9hG4bK-out-1")});
    out.push_back({t + d, c.sut_in, c.caller,
                   response(c.final_status, "Busy Here", invite_in, "sut-in-tag")});
    LegIds ack_in = in;
    ack_in.to_tag = "sut-in-tag";
    out.push_back({t + d + 100, c.caller, c.sut_in,
                   request("ACK", fmt::format("sip:{}@b.test;user=phone", c.number), ack_in, 1,
                           "z9hG4bK-in-1")});
    return out;
  }
  out.push_back(
      {t, c.callee, c.sut_out,
       response(200, "OK", invite_out, "callee-tag", sdp_body(callee_ip, c.callee_media_port))});
  out.push_back(
      {t + d, c.sut_in, c.caller,
       response(200, "OK", invite_in, "sut-in-tag", sdp_body(sut_ip, c.sut_media_port + 2))});
  in.to_tag = "sut-in-tag";
  out_ids.to_tag = "callee-tag";
  t += d + 200;
  if (c.ack_2xx) {
    out.push_back({t, c.caller, c.sut_in,
                   request("ACK", "sip:" + c.sut_in.to_string(), in, 1, "z9hG4bK-in-ack")});
    out.push_back({t + d, c.sut_out, c.callee,
                   request("ACK", "sip:" + c.callee.to_string(), out_ids, 1, "z9hG4bK-out-ack")});
  }
  if (!c.bye) return out;
  t += c.talk_us;
  const std::string bye_in = request("BYE", "sip:" + c.sut_in.to_string(), in, 2, "z9hG4bK-in-bye");
  out.push_back({t, c.caller, c.sut_in, bye_in});
  const std::string bye_out =
      request("BYE", "sip:" + c.callee.to_string(), out_ids, 2, "z9hG4bK-out-bye");
  out.push_back({t + d, c.sut_out, c.callee, bye_out});
  out.push_back({t + d + 500, c.callee, c.sut_out, response(200, "OK", bye_out, "")});
  out.push_back({t + 2 * d + 500, c.sut_in, c.caller, response(200, "OK", bye_in, "")});
  return out;
}

/// Writes wire messages (and extra UDP payloads such as RTP) into a pcap through the
/// capture layer. TCP messages travel on one connection per address pair, each message
/// in one segment unless `split` cuts it in two.
class CaptureFile {
 public:
  explicit CaptureFile(std::filesystem::path path) : path_(std::move(path)) {
    base::Diagnostics ignored;  // Tests write to a temporary folder they own.
    sip::Result<PcapWriter> created = PcapWriter::create(path_, {}, ignored);
    if (created) writer_ = std::make_unique<PcapWriter>(std::move(created).value());
  }
  ~CaptureFile() { std::filesystem::remove(path_); }

  const std::filesystem::path& path() const { return path_; }

  void udp(uint64_t t_us, const Endpoint& src, const Endpoint& dst, const std::string& payload) {
    const auto frame = build_udp_frame(src, dst, bytes_of(payload));
    writer_->write(kBase + t_us * 1000, frame);
  }

  void tcp(uint64_t t_us, const Endpoint& src, const Endpoint& dst, const std::string& payload,
           std::size_t split = 0) {
    uint32_t& seq = sequence_[std::make_pair(src, dst)];
    if (seq == 0) seq = 1000;
    auto segment = [&](std::string_view part) {
      TcpFields fields;
      fields.seq = seq;
      fields.flags = kTcpAck | 0x08;
      const auto frame = build_tcp_frame(
          src, dst, fields,
          std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(part.data()), part.size()));
      writer_->write(kBase + t_us * 1000, frame);
      seq += static_cast<uint32_t>(part.size());
    };
    if (split == 0 || split >= payload.size()) {
      segment(payload);
    } else {
      segment(std::string_view(payload).substr(0, split));
      segment(std::string_view(payload).substr(split));
    }
  }

  void add(const std::vector<WireMessage>& messages) {
    for (const WireMessage& w : messages) {
      w.tcp ? tcp(w.t_us, w.src, w.dst, w.text) : udp(w.t_us, w.src, w.dst, w.text);
    }
  }

  /// `count` RTP packets of 160 bytes every 20 ms (payload type `pt`, 8 kHz), with the
  /// sequence numbers in `skip` missing from the capture (lost).
  void rtp(uint64_t start_us, const Endpoint& src, const Endpoint& dst, uint32_t ssrc, int count,
           uint8_t pt = 0, const std::vector<int>& skip = {}) {
    for (int i = 0; i < count; ++i) {
      if (std::find(skip.begin(), skip.end(), i) != skip.end()) continue;
      std::string packet(12 + 160, '\xd5');
      packet[0] = static_cast<char>(0x80);
      packet[1] = static_cast<char>(pt);
      const uint16_t seq = static_cast<uint16_t>(100 + i);
      const uint32_t ts = 8000 + static_cast<uint32_t>(i) * 160;
      packet[2] = static_cast<char>(seq >> 8);
      packet[3] = static_cast<char>(seq);
      for (int b = 0; b < 4; ++b) {
        packet[4 + b] = static_cast<char>(ts >> (24 - 8 * b));
        packet[8 + b] = static_cast<char>(ssrc >> (24 - 8 * b));
      }
      udp(start_us + static_cast<uint64_t>(i) * 20'000, src, dst, packet);
    }
  }

  /// A frame as built by the caller (fragments, hand-made TCP segments).
  void frame(uint64_t t_us, std::span<const uint8_t> bytes) {
    writer_->write(kBase + t_us * 1000, bytes);
  }

  void close() { writer_->close(); }

  static constexpr uint64_t kBase = 1'700'000'000'000'000'000ULL;

 private:
  std::filesystem::path path_;
  std::unique_ptr<PcapWriter> writer_;
  std::map<std::pair<Endpoint, Endpoint>, uint32_t> sequence_;
};

}  // namespace sipconf::harness::testing
