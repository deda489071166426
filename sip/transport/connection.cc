#include "sip/transport/connection.h"

#include <algorithm>
#include <array>
#include <deque>
#include <type_traits>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>

#include "sip/transport/tls_peer.h"
#include "sip/transport/transport_error.h"

namespace sipconf::sip {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using TlsStream = asio::ssl::stream<tcp::socket>;

/// Messages gathered into one write; bounds the buffer sequence handed to the kernel.
constexpr std::size_t kMaxBatch = 64;

std::error_code to_std(const boost::system::error_code& ec) { return ec; }

template <class Stream>
class StreamConnection final : public Connection {
 public:
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

  StreamConnection(Stream stream, std::shared_ptr<asio::ssl::context> context,
                   ConnectionSettings settings, ConnectionOwner& owner, bool inbound)
      : Connection(std::move(settings), owner, inbound),
        context_(std::move(context)),
        stream_(std::move(stream)),
        timer_(stream_.get_executor()),
        framer_(settings_.framer) {}

  void start_accepted() override {
    last_activity_ = std::chrono::steady_clock::now();
    if constexpr (kTls) {
      state_ = State::handshaking;
      arm_setup_timer(TransportError::tls_handshake_failed);
      stream_.async_handshake(
          asio::ssl::stream_base::server,
          [self = shared(), this](const boost::system::error_code& ec) { on_handshake(ec); });
    } else {
      become_open();
    }
  }

  void start_connect(const asio::ip::address& bind_address) override {
    boost::system::error_code ec;
    auto target =
        tcp::endpoint(asio::ip::make_address(settings_.remote.address, ec), settings_.remote.port);
    if (ec) return close(TransportError::invalid_address);
    tcp::socket& socket = lowest();
    socket.open(target.protocol(), ec);
    if (!ec && !bind_address.is_unspecified()) socket.bind(tcp::endpoint(bind_address, 0), ec);
    if (ec) return close(to_std(ec));
    arm_setup_timer(TransportError::connect_timeout);
    socket.async_connect(
        target, [self = shared(), this](const boost::system::error_code& ec) { on_connected(ec); });
  }

  std::error_code enqueue(SendId id, std::string bytes) override {
    if (state_ == State::closed) return TransportError::connection_closed;
    if (queued_bytes_ + bytes.size() > settings_.max_queued_bytes) {
      return TransportError::send_queue_full;
    }
    queued_bytes_ += bytes.size();
    queue_.push_back({id, std::move(bytes)});
    if (state_ == State::open) flush();
    return {};
  }

  void close(std::error_code reason) override {
    if (state_ == State::closed) return;
    state_ = State::closed;
    boost::system::error_code ignored;
    timer_.cancel(ignored);
    lowest().shutdown(tcp::socket::shutdown_both, ignored);
    lowest().close(ignored);
    std::vector<PendingSend> unsent;
    unsent.reserve(writing_.size() + queue_.size());
    // Copied, not moved: an aborted write may still hold buffers into these strings.
    for (const PendingSend& p : writing_) unsent.push_back(p);
    for (PendingSend& p : queue_) unsent.push_back(std::move(p));
    queue_.clear();
    queued_bytes_ = 0;
    if (ConnectionOwner* owner = std::exchange(owner_, nullptr)) {
      owner->on_connection_closed(*this, reason, std::move(unsent));
    }
  }

 private:
  std::shared_ptr<StreamConnection> shared() {
    return std::static_pointer_cast<StreamConnection>(shared_from_this());
  }

  tcp::socket& lowest() {
    if constexpr (kTls) {
      return stream_.next_layer();
    } else {
      return stream_;
    }
  }

  void arm_setup_timer(TransportError on_expiry) {
    if (settings_.setup_timeout.count() <= 0) return;
    timer_.expires_after(settings_.setup_timeout);
    timer_.async_wait([self = shared(), this, on_expiry](const boost::system::error_code& ec) {
      if (!ec && state_ != State::open) close(on_expiry);
    });
  }

  void on_connected(const boost::system::error_code& ec) {
    if (state_ == State::closed) return;
    if (ec) return close(to_std(ec));
    boost::system::error_code ignored;
    lowest().set_option(tcp::no_delay(true), ignored);
    settings_.local.address = lowest().local_endpoint(ignored).address().to_string();
    settings_.local.port = lowest().local_endpoint(ignored).port();
    if constexpr (kTls) {
      state_ = State::handshaking;
      SSL* ssl = stream_.native_handle();
      if (!settings_.server_name.empty()) {
        SSL_set_tlsext_host_name(ssl, settings_.server_name.c_str());
        SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
        SSL_set1_host(ssl, settings_.server_name.c_str());
      }
      stream_.async_handshake(
          asio::ssl::stream_base::client,
          [self = shared(), this](const boost::system::error_code& ec) { on_handshake(ec); });
    } else {
      become_open();
    }
  }

  void on_handshake(const boost::system::error_code& ec) {
    if (state_ == State::closed) return;
    if (ec) return close(TransportError::tls_handshake_failed);
    if constexpr (kTls) {
      tls_peer_ = tls_peer_from_session(stream_.native_handle());
      if (inbound_ && !settings_.allowed_peer_names.empty()) {
        bool allowed = false;
        for (const std::string& name : settings_.allowed_peer_names) {
          allowed = allowed || (tls_peer_ && tls_peer_matches(*tls_peer_, name));
        }
        if (!allowed) return close(TransportError::peer_name_mismatch);
      }
    }
    become_open();
  }

  void become_open() {
    boost::system::error_code ignored;
    timer_.cancel(ignored);
    state_ = State::open;
    established_ = true;
    last_activity_ = std::chrono::steady_clock::now();
    if (owner_) owner_->on_connection_ready(*this);
    if (state_ != State::open) return;
    read();
    flush();
  }

  void read() {
    stream_.async_read_some(asio::buffer(read_buffer_),
                            [self = shared(), this](const boost::system::error_code& ec,
                                                    std::size_t n) { on_read(ec, n); });
  }

  void on_read(const boost::system::error_code& ec, std::size_t n) {
    if (state_ == State::closed) return;
    if (ec) {
      bool orderly = ec == asio::error::eof || ec == asio::ssl::error::stream_truncated;
      return close(orderly ? std::error_code() : to_std(ec));
    }
    last_activity_ = std::chrono::steady_clock::now();
    framer_.feed(std::string_view(read_buffer_.data(), n));
    std::string message;
    std::error_code framing;
    while (state_ == State::open) {
      FrameStatus status = framer_.next(message, framing);
      if (status == FrameStatus::need_more) break;
      if (status == FrameStatus::error) return close(TransportError::framing_error);
      if (status == FrameStatus::keepalive) {
        // RFC 5626 §4.4.1: a CRLFCRLF ping is answered with a single CRLF pong.
        if (owner_) owner_->on_connection_keepalive(*this);
        enqueue(0, "\r\n");
        continue;
      }
      if (owner_) owner_->on_connection_message(*this, std::move(message));
      message.clear();
    }
    if (state_ == State::open) read();
  }

  void flush() {
    if (writing_in_progress_ || queue_.empty() || state_ != State::open) return;
    writing_in_progress_ = true;
    buffers_.clear();
    while (!queue_.empty() && writing_.size() < kMaxBatch) {
      writing_.push_back(std::move(queue_.front()));
      queue_.pop_front();
    }
    for (const PendingSend& p : writing_) buffers_.push_back(asio::buffer(p.bytes));
    asio::async_write(stream_, buffers_,
                      [self = shared(), this](const boost::system::error_code& ec, std::size_t n) {
                        on_written(ec, n);
                      });
  }

  void on_written(const boost::system::error_code& ec, std::size_t n) {
    writing_in_progress_ = false;
    if (state_ == State::closed) return;
    if (ec) return close(to_std(ec));
    last_activity_ = std::chrono::steady_clock::now();
    // Keepalive pongs (id 0) are not messages.
    std::size_t messages = static_cast<std::size_t>(std::count_if(
        writing_.begin(), writing_.end(), [](const PendingSend& p) { return p.id != 0; }));
    queued_bytes_ -= std::min(queued_bytes_, n);
    writing_.clear();
    if (owner_) owner_->on_connection_sent(*this, messages, n);
    flush();
  }

  std::shared_ptr<asio::ssl::context> context_;  // keeps the SSL_CTX of stream_ alive
  Stream stream_;
  asio::steady_timer timer_;
  StreamFramer framer_;
  std::array<char, 16 * 1024> read_buffer_{};
  std::deque<PendingSend> queue_;
  std::vector<PendingSend> writing_;
  std::vector<asio::const_buffer> buffers_;
  bool writing_in_progress_ = false;
};

}  // namespace

std::shared_ptr<Connection> make_tcp_connection(tcp::socket socket, ConnectionSettings settings,
                                                ConnectionOwner& owner) {
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  return std::make_shared<StreamConnection<tcp::socket>>(std::move(socket), nullptr,
                                                         std::move(settings), owner, true);
}

std::shared_ptr<Connection> make_tcp_connection(asio::io_context& io, ConnectionSettings settings,
                                                ConnectionOwner& owner) {
  return std::make_shared<StreamConnection<tcp::socket>>(tcp::socket(io), nullptr,
                                                         std::move(settings), owner, false);
}

std::shared_ptr<Connection> make_tls_connection(tcp::socket socket,
                                                std::shared_ptr<asio::ssl::context> context,
                                                ConnectionSettings settings,
                                                ConnectionOwner& owner) {
  boost::system::error_code ignored;
  socket.set_option(tcp::no_delay(true), ignored);
  TlsStream stream(std::move(socket), *context);
  return std::make_shared<StreamConnection<TlsStream>>(std::move(stream), std::move(context),
                                                       std::move(settings), owner, true);
}

std::shared_ptr<Connection> make_tls_connection(asio::io_context& io,
                                                std::shared_ptr<asio::ssl::context> context,
                                                ConnectionSettings settings,
                                                ConnectionOwner& owner) {
  TlsStream stream(io, *context);
  return std::make_shared<StreamConnection<TlsStream>>(std::move(stream), std::move(context),
                                                       std::move(settings), owner, false);
}

}  // namespace sipconf::sip
