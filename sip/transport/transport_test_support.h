#pragma once

#include <chrono>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include "sip/transport/transport.h"

/// Helpers shared by the transport tests: a sink that records everything, a bounded event
/// loop, and random loopback addresses so concurrent test runs do not collide.
namespace sipconf::sip::testing {

class RecordingSink final : public MessageSink {
 public:
  void on_message(InboundMessage&& message) override {
    messages.push_back(std::move(message));
    if (on_message_hook) on_message_hook(messages.back());
  }
  void on_send_failed(const SendFailure& failure) override { failures.push_back(failure); }
  void on_connection_closed(const ConnectionClosed& closed) override { closures.push_back(closed); }

  std::vector<InboundMessage> messages;
  std::vector<SendFailure> failures;
  std::vector<ConnectionClosed> closures;
  std::function<void(const InboundMessage&)> on_message_hook;
};

/// Runs `io` until `done()` or `limit` elapsed; returns done().
inline bool run_until(boost::asio::io_context& io, const std::function<bool()>& done,
                      std::chrono::milliseconds limit = std::chrono::seconds(5)) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
  return done();
}

/// Runs `io` for `duration` whatever happens.
inline void run_for(boost::asio::io_context& io, std::chrono::milliseconds duration) {
  auto deadline = std::chrono::steady_clock::now() + duration;
  while (std::chrono::steady_clock::now() < deadline) {
    io.restart();
    io.run_for(std::chrono::milliseconds(5));
  }
}

/// A loopback address 127.0.0.N with N in 10..250, different on every call.
inline std::string random_loopback() {
  std::random_device entropy;
  return "127.0.0." + std::to_string(10 + entropy() % 241);
}

/// A minimal SIP request with a body of `body_size` bytes.
inline std::string sip_request(const std::string& call_id, std::size_t body_size = 0) {
  std::string body(body_size, 'x');
  return "OPTIONS sip:probe@127.0.0.1 SIP/2.0\r\n"
         "Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK" +
         call_id +
         "\r\n"
         "Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
         "Call-ID: " +
         call_id + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

}  // namespace sipconf::sip::testing
