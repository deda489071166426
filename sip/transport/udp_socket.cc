#include "sip/transport/udp_socket.h"

#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <iterator>

#include <boost/asio/post.hpp>

namespace sipconf::sip {

namespace asio = boost::asio;
using udp = asio::ip::udp;

namespace {

/// One receive slot holds the largest datagram (kMaxDatagram rounded up).
constexpr std::size_t kSlot = 65536;

bool would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK; }

}  // namespace

UdpSocket::UdpSocket(asio::io_context& io, UdpOwner& owner, std::size_t receive_buffer)
    : io_(io), socket_(io), owner_(&owner), receive_buffer_(receive_buffer) {}

std::error_code UdpSocket::open(const udp::endpoint& local) {
  boost::system::error_code ec;
  socket_.open(local.protocol(), ec);
  if (!ec) socket_.bind(local, ec);
  if (!ec) bound_ = socket_.local_endpoint(ec);
  if (!ec) socket_.non_blocking(true, ec);
  if (ec) return ec;
  if (receive_buffer_ > 0) {
    // The kernel caps the request at net.core.rmem_max; a smaller buffer is no error.
    boost::system::error_code ignored;
    socket_.set_option(asio::socket_base::receive_buffer_size(static_cast<int>(receive_buffer_)),
                       ignored);
  }
  asio::socket_base::receive_buffer_size granted;
  boost::system::error_code ignored;
  socket_.get_option(granted, ignored);
  granted_receive_buffer_ = static_cast<std::size_t>(std::max(granted.value(), 0));
  local_ = Endpoint{bound_.address().to_string(), bound_.port(), Transport::udp};
  return {};
}

void UdpSocket::start() {
  slots_.reset(new char[kBatch * kSlot]);  // NOLINT: uninitialised on purpose (pages untouched)
  read_some();
}

void UdpSocket::wait_readable() {
  socket_.async_wait(udp::socket::wait_read,
                     [self = shared_from_this()](const boost::system::error_code& ec) {
                       if (!self->owner_ || ec == asio::error::operation_aborted) return;
                       self->read_some();
                     });
}

void UdpSocket::read_some() {
  std::array<mmsghdr, kBatch> headers{};
  std::array<iovec, kBatch> slots{};
  std::array<sockaddr_storage, kBatch> sources{};
  for (std::size_t i = 0; i < kBatch; ++i) {
    slots[i] = iovec{slots_.get() + i * kSlot, kSlot};
    headers[i].msg_hdr.msg_name = &sources[i];
    headers[i].msg_hdr.msg_iov = &slots[i];
    headers[i].msg_hdr.msg_iovlen = 1;
  }
  std::size_t handled = 0;
  while (owner_ != nullptr && socket_.is_open()) {
    if (handled >= kReadsPerTurn) {
      // Let timers and the other sockets have a turn; reading resumes right after.
      asio::post(io_, [self = shared_from_this()] {
        if (self->owner_) self->read_some();
      });
      return;
    }
    // The kernel overwrites only the source length (and msg_len) of each slot it fills.
    for (mmsghdr& h : headers) h.msg_hdr.msg_namelen = sizeof(sockaddr_storage);
    const int n =
        ::recvmmsg(socket_.native_handle(), headers.data(), kBatch, MSG_DONTWAIT, nullptr);
    if (n < 0) {
      const int error = errno;
      if (error == EINTR) continue;
      // Drained (EAGAIN): wait for the next datagram. Another error (an ICMP report) concerns
      // one datagram: count it against this turn and read on.
      if (would_block(error)) break;
      ++handled;
      continue;
    }
    for (int i = 0; i < n && owner_ != nullptr; ++i) {
      const msghdr& h = headers[static_cast<std::size_t>(i)].msg_hdr;
      const std::size_t length = headers[static_cast<std::size_t>(i)].msg_len;
      if (length == 0) continue;
      udp::endpoint from;
      const std::size_t source_length = std::min<std::size_t>(h.msg_namelen, from.capacity());
      std::memcpy(from.data(), h.msg_name, source_length);
      from.resize(source_length);
      owner_->on_datagram(*this, from,
                          std::string(static_cast<const char*>(h.msg_iov->iov_base), length));
    }
    if (owner_ != nullptr && n > 0) owner_->on_datagrams_handled(*this);
    handled += static_cast<std::size_t>(n);
    // A short batch means the queue was empty; a datagram arriving since then raises a new
    // readiness edge, which the wait below sees (the reactor polls only between handlers).
    if (static_cast<std::size_t>(n) < kBatch) break;
  }
  if (owner_ != nullptr && socket_.is_open()) wait_readable();
}

void UdpSocket::send(SendId id, const udp::endpoint& to, std::string bytes) {
  outgoing_.push_back(Outgoing{id, to, std::move(bytes)});
  if (flush_posted_ || waiting_writable_) return;
  flush_posted_ = true;
  asio::post(io_, [self = shared_from_this()] {
    self->flush_posted_ = false;
    self->flush();
  });
}

void UdpSocket::flush_now() {
  if (!outgoing_.empty() && !waiting_writable_) flush();
}

void UdpSocket::flush() {
  // Owner callbacks below may send again: those go to a fresh queue and a flush of their own.
  std::vector<Outgoing> batch;
  batch.swap(outgoing_);
  std::array<mmsghdr, kBatch> headers{};
  std::array<iovec, kBatch> parts{};
  std::size_t next = 0;
  while (owner_ != nullptr && next < batch.size()) {
    const std::size_t count = std::min(kBatch, batch.size() - next);
    for (std::size_t i = 0; i < count; ++i) {
      Outgoing& o = batch[next + i];
      parts[i] = iovec{o.bytes.data(), o.bytes.size()};
      headers[i] = mmsghdr{};
      headers[i].msg_hdr.msg_name = o.to.data();
      headers[i].msg_hdr.msg_namelen = static_cast<socklen_t>(o.to.size());
      headers[i].msg_hdr.msg_iov = &parts[i];
      headers[i].msg_hdr.msg_iovlen = 1;
    }
    const int n = ::sendmmsg(socket_.native_handle(), headers.data(), static_cast<unsigned>(count),
                             MSG_DONTWAIT);
    if (n > 0) {
      for (int i = 0; i < n && owner_ != nullptr; ++i) {
        owner_->on_datagram_sent(*this, batch[next + static_cast<std::size_t>(i)].bytes.size());
      }
      next += static_cast<std::size_t>(n);
      continue;
    }
    const int error = errno;
    if (error == EINTR) continue;
    if (would_block(error) || error == ENOBUFS) {
      // The send buffer is full: keep the rest, in order, ahead of anything sent since.
      outgoing_.insert(outgoing_.begin(), std::make_move_iterator(batch.begin() + next),
                       std::make_move_iterator(batch.end()));
      wait_writable();
      return;
    }
    // This datagram cannot leave (no route, bad address): report it, send the rest.
    const Outgoing& failed = batch[next++];
    owner_->on_datagram_failed(*this, failed.id, failed.to,
                               std::error_code(error, std::system_category()));
  }
  if (outgoing_.empty()) {
    batch.clear();
    outgoing_.swap(batch);  // keep the capacity for the next turn
  }
}

void UdpSocket::wait_writable() {
  if (waiting_writable_) return;
  waiting_writable_ = true;
  socket_.async_wait(udp::socket::wait_write,
                     [self = shared_from_this()](const boost::system::error_code& ec) {
                       self->waiting_writable_ = false;
                       if (!self->owner_ || ec == asio::error::operation_aborted) return;
                       self->flush();
                     });
}

void UdpSocket::detach() {
  owner_ = nullptr;
  outgoing_.clear();
  boost::system::error_code ignored;
  socket_.close(ignored);
}

}  // namespace sipconf::sip
