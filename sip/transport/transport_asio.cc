#include "sip/transport/transport_asio.h"

#include <algorithm>
#include <unordered_map>

#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "sip/transport/connection.h"
#include "sip/transport/connection_table.h"
#include "sip/transport/tcp_listener.h"
#include "sip/transport/tls_context.h"
#include "sip/transport/transport_error.h"
#include "sip/transport/udp_socket.h"

namespace sipconf::sip {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using udp = asio::ip::udp;

namespace {

bool only_line_breaks(std::string_view bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](char c) { return c == '\r' || c == '\n'; });
}

/// How often idle connections are looked for: a quarter of the limit, within [10 ms, 1 s],
/// so a connection closes between 1 and 1.25 idle periods after its last traffic.
std::chrono::milliseconds sweep_interval(std::chrono::milliseconds idle) {
  return std::clamp(idle / 4, std::chrono::milliseconds(10), std::chrono::milliseconds(1000));
}

}  // namespace

struct AsioTransport::Impl final : ConnectionOwner, UdpOwner, TcpListenerOwner {
  Impl(asio::io_context& io, TransportConfig config, MessageSink& sink)
      : io(io), config(std::move(config)), sink(sink), sweep(io) {}

  asio::io_context& io;
  TransportConfig config;
  MessageSink& sink;
  asio::steady_timer sweep;
  std::shared_ptr<bool> alive = std::make_shared<bool>(true);
  bool running = false;

  std::vector<std::shared_ptr<UdpSocket>> udp_sockets;
  std::vector<std::shared_ptr<TcpListener>> listeners;
  std::vector<std::shared_ptr<asio::ssl::context>> server_contexts;  // by listener config index
  std::shared_ptr<asio::ssl::context> client_context;
  std::vector<Endpoint> bound;

  std::unordered_map<ConnectionId, std::shared_ptr<Connection>> connections;
  ConnectionTable table;
  TransportCounters counters;
  ConnectionId next_connection = 1;
  SendId next_send = 1;

  /// Sink callbacks that may be triggered from inside send()/close() are deferred.
  template <class F>
  void later(F&& f) {
    asio::post(io, [alive = alive, f = std::forward<F>(f)]() mutable {
      if (*alive) f();
    });
  }

  std::error_code start(std::string* detail);
  void stop();
  void arm_sweep();
  SendId send(const Endpoint& to, std::string bytes, const SendOptions& options,
              std::error_code& ec);
  SendId send_udp(const asio::ip::address& address, const Endpoint& to, std::string bytes,
                  const SendOptions& options, std::error_code& ec);
  std::shared_ptr<Connection> open_connection(const Endpoint& to, const asio::ip::address& target,
                                              const SendOptions& options, std::error_code& ec);
  asio::ip::address source_for(const asio::ip::address& target, Transport transport,
                               const std::string& requested, std::error_code& ec) const;

  // ConnectionOwner
  void on_connection_ready(Connection& c) override {
    if (!c.inbound()) ++counters.connections_opened;
  }
  void on_connection_message(Connection& c, std::string&& bytes) override {
    TrafficCounters& t = counters.of(c.transport());
    ++t.messages_in;
    t.bytes_in += bytes.size();
    sink.on_message(InboundMessage{std::move(bytes), c.local(), c.remote(), c.id(),
                                   std::chrono::steady_clock::now(), c.tls_peer()});
  }
  void on_connection_keepalive(Connection&) override { ++counters.keepalives_in; }
  void on_connection_sent(Connection& c, std::size_t messages, std::size_t bytes) override {
    TrafficCounters& t = counters.of(c.transport());
    t.messages_out += messages;
    t.bytes_out += bytes;
  }
  void on_connection_closed(Connection& c, std::error_code reason,
                            std::vector<PendingSend>&& unsent) override;

  // UdpOwner
  void on_datagram(UdpSocket& socket, const udp::endpoint& from, std::string&& bytes) override {
    if (only_line_breaks(bytes)) {
      ++counters.keepalives_in;
      return;
    }
    ++counters.udp.messages_in;
    counters.udp.bytes_in += bytes.size();
    Endpoint remote{from.address().to_string(), from.port(), Transport::udp};
    sink.on_message(InboundMessage{std::move(bytes),
                                   socket.local(),
                                   std::move(remote),
                                   0,
                                   std::chrono::steady_clock::now(),
                                   {}});
  }
  // What the sink sent while handling a batch leaves now: a B2BUA's forwarded request is not
  // held back by a turn of the event loop.
  void on_datagrams_handled(UdpSocket&) override {
    // By index and holding each socket: a failure reported from a flush may stop() us.
    for (std::size_t i = 0; i < udp_sockets.size(); ++i) {
      const std::shared_ptr<UdpSocket> socket = udp_sockets[i];
      socket->flush_now();
    }
  }
  void on_datagram_sent(UdpSocket&, std::size_t bytes) override {
    ++counters.udp.messages_out;
    counters.udp.bytes_out += bytes;
  }
  void on_datagram_failed(UdpSocket&, SendId id, const udp::endpoint& to,
                          std::error_code error) override {
    ++counters.send_failures;
    sink.on_send_failed(
        SendFailure{id, Endpoint{to.address().to_string(), to.port(), Transport::udp}, 0, error});
  }

  // TcpListenerOwner
  void on_accepted(TcpListener& listener, tcp::socket socket) override;
};

std::error_code AsioTransport::Impl::start(std::string* detail) {
  auto fail = [&](std::error_code ec, const std::string& what) {
    if (detail) *detail = what + ": " + ec.message();
    stop();
    return ec;
  };
  const TlsConfig* first_tls = nullptr;
  server_contexts.resize(config.listeners.size());
  for (std::size_t i = 0; i < config.listeners.size(); ++i) {
    const ListenerConfig& lc = config.listeners[i];
    std::string name = "listener " + to_string(lc.local);
    boost::system::error_code bec;
    asio::ip::address address = asio::ip::make_address(lc.local.address, bec);
    if (bec) return fail(TransportError::invalid_address, name);
    if (lc.local.transport == Transport::udp) {
      auto socket = std::make_shared<UdpSocket>(io, *this, config.limits.udp_receive_buffer);
      if (auto ec = socket->open(udp::endpoint(address, lc.local.port))) return fail(ec, name);
      udp_sockets.push_back(socket);
      bound.push_back(socket->local());
      continue;
    }
    if (lc.local.transport == Transport::tls) {
      if (!lc.tls) return fail(TransportError::tls_not_configured, name);
      std::error_code ec;
      std::string why;
      auto ctx = make_tls_context(*lc.tls, TlsRole::server, ec, why);
      if (!ctx) {
        if (detail) *detail = name + ": " + why;
        stop();
        return ec;
      }
      server_contexts[i] = std::move(ctx);
      if (!first_tls) first_tls = &*lc.tls;
    }
    auto listener = std::make_shared<TcpListener>(io, *this, lc.local.transport);
    listener->config_index = i;
    if (auto ec = listener->open(tcp::endpoint(address, lc.local.port))) return fail(ec, name);
    listeners.push_back(listener);
    bound.push_back(listener->local());
  }
  const TlsConfig* client = config.tls_client ? &*config.tls_client : first_tls;
  if (client) {
    std::error_code ec;
    std::string why;
    client_context = make_tls_context(*client, TlsRole::client, ec, why);
    if (!client_context) {
      if (detail) *detail = "outbound TLS: " + why;
      stop();
      return ec;
    }
  }
  running = true;
  for (auto& s : udp_sockets) s->start();
  for (auto& l : listeners) l->start();
  arm_sweep();
  return {};
}

void AsioTransport::Impl::stop() {
  running = false;
  *alive = false;
  alive = std::make_shared<bool>(true);  // posts made before stop() stay silenced
  boost::system::error_code ignored;
  sweep.cancel(ignored);
  for (auto& s : udp_sockets) s->detach();
  for (auto& l : listeners) l->detach();
  // Detaching closes without callbacks; the handlers still pending keep each object alive.
  auto doomed = std::move(connections);
  connections.clear();
  for (auto& [id, c] : doomed) c->detach();
  for (auto& [id, c] : doomed) table.erase(id);
  udp_sockets.clear();
  listeners.clear();
}

void AsioTransport::Impl::arm_sweep() {
  auto idle = config.limits.idle_timeout;
  if (idle.count() <= 0) return;
  sweep.expires_after(sweep_interval(idle));
  sweep.async_wait([this, alive = alive](const boost::system::error_code& ec) {
    if (ec || !*alive) return;
    auto now = std::chrono::steady_clock::now();
    std::vector<std::shared_ptr<Connection>> idle_ones;
    for (auto& [id, c] : connections) {
      if (c->state() == Connection::State::open &&
          now - c->last_activity() >= config.limits.idle_timeout) {
        idle_ones.push_back(c);
      }
    }
    for (auto& c : idle_ones) {
      ++counters.idle_closed;
      c->close(TransportError::idle_timeout);
    }
    arm_sweep();
  });
}

void AsioTransport::Impl::on_accepted(TcpListener& listener, tcp::socket socket) {
  boost::system::error_code ec;
  tcp::endpoint peer = socket.remote_endpoint(ec);
  if (ec) return;
  Endpoint remote{peer.address().to_string(), peer.port(), listener.local().transport};
  if (connections.size() >= config.limits.max_connections ||
      table.inbound_from(remote.address) >= config.limits.max_connections_per_ip) {
    ++counters.connections_refused;
    socket.close(ec);
    return;
  }
  const ListenerConfig& lc = config.listeners[listener.config_index];
  ConnectionSettings settings;
  settings.id = next_connection++;
  settings.transport = listener.local().transport;
  settings.local = listener.local();
  settings.remote = remote;
  settings.framer = config.limits.framer;
  settings.max_queued_bytes = config.limits.max_queued_bytes;
  std::shared_ptr<Connection> c;
  if (settings.transport == Transport::tls) {
    settings.setup_timeout = config.limits.handshake_timeout;
    settings.allowed_peer_names = lc.tls->allowed_peer_names;
    c = make_tls_connection(std::move(socket), server_contexts[listener.config_index],
                            std::move(settings), *this);
  } else {
    c = make_tcp_connection(std::move(socket), std::move(settings), *this);
  }
  ++counters.connections_accepted;
  connections.emplace(c->id(), c);
  table.insert(c->id(), remote, true);
  c->start_accepted();
}

void AsioTransport::Impl::on_connection_closed(Connection& c, std::error_code reason,
                                               std::vector<PendingSend>&& unsent) {
  ++counters.connections_closed;
  if (reason == TransportError::framing_error) ++counters.framing_errors;
  if (reason == TransportError::tls_handshake_failed ||
      reason == TransportError::peer_name_mismatch) {
    ++counters.handshake_failures;
  } else if (!c.inbound() && !c.established()) {
    ++counters.connect_failures;
  }
  table.erase(c.id());
  if (auto it = connections.find(c.id()); it != connections.end()) {
    // The connection may be inside one of its own member functions: destroy it later.
    asio::post(io, [doomed = std::move(it->second)] {});
    connections.erase(it);
  }
  std::error_code failure = reason ? reason : TransportError::connection_closed;
  for (PendingSend& p : unsent) {
    if (p.id == 0) continue;  // keepalive pongs
    ++counters.send_failures;
    later([this, f = SendFailure{p.id, c.remote(), c.id(), failure}] { sink.on_send_failed(f); });
  }
  if (c.established()) {
    later([this, e = ConnectionClosed{c.id(), c.local(), c.remote(), reason}] {
      sink.on_connection_closed(e);
    });
  }
}

asio::ip::address AsioTransport::Impl::source_for(const asio::ip::address& target,
                                                  Transport transport, const std::string& requested,
                                                  std::error_code& ec) const {
  if (!requested.empty()) {
    boost::system::error_code bec;
    auto address = asio::ip::make_address(requested, bec);
    if (bec) ec = TransportError::invalid_address;
    return address;
  }
  // Prefer a listener of the same transport, then any listener, of the target's family.
  for (int pass = 0; pass < 2; ++pass) {
    for (const Endpoint& e : bound) {
      if (pass == 0 && e.transport != transport) continue;
      boost::system::error_code bec;
      auto address = asio::ip::make_address(e.address, bec);
      if (!bec && address.is_v4() == target.is_v4()) return address;
    }
  }
  return {};
}

SendId AsioTransport::Impl::send(const Endpoint& to, std::string bytes, const SendOptions& options,
                                 std::error_code& ec) {
  ec.clear();
  if (!running) {
    ec = TransportError::stopped;
    return 0;
  }
  boost::system::error_code bec;
  asio::ip::address address = asio::ip::make_address(to.address, bec);
  if (bec) {
    ec = TransportError::invalid_address;
    return 0;
  }
  if (to.transport == Transport::udp) return send_udp(address, to, std::move(bytes), options, ec);

  Endpoint target{address.to_string(), to.port, to.transport};
  std::shared_ptr<Connection> c;
  if (options.connection != 0) {
    auto it = connections.find(options.connection);
    if (it != connections.end() && it->second->transport() == to.transport) c = it->second;
  }
  if (!c) {
    if (auto id = table.find(target)) {
      if (auto it = connections.find(*id); it != connections.end()) c = it->second;
    }
  }
  bool fresh = false;
  if (!c) {
    c = open_connection(target, address, options, ec);
    if (!c) return 0;
    fresh = true;
  }
  SendId id = next_send++;
  ec = c->enqueue(id, std::move(bytes));
  if (ec) return 0;
  if (fresh) {
    std::error_code source_ec;
    auto source = source_for(address, to.transport, options.local_address, source_ec);
    if (source_ec) {
      c->close(source_ec);
      return id;  // reported through on_send_failed like any other connect failure
    }
    c->start_connect(source);
  }
  return id;
}

SendId AsioTransport::Impl::send_udp(const asio::ip::address& address, const Endpoint& to,
                                     std::string bytes, const SendOptions& options,
                                     std::error_code& ec) {
  if (bytes.size() > kMaxDatagram) {
    ec = TransportError::message_too_large;
    return 0;
  }
  UdpSocket* chosen = nullptr;
  for (auto& s : udp_sockets) {
    const asio::ip::address& local = s->local_endpoint().address();
    if (!options.local_address.empty()) {
      if (s->local().address == options.local_address) chosen = s.get();
    } else if (local.is_v4() == address.is_v4()) {
      chosen = s.get();
    }
    if (chosen) break;
  }
  if (!chosen) {
    ec = TransportError::no_listener;
    return 0;
  }
  SendId id = next_send++;
  chosen->send(id, udp::endpoint(address, to.port), std::move(bytes));
  return id;
}

std::shared_ptr<Connection> AsioTransport::Impl::open_connection(const Endpoint& to,
                                                                 const asio::ip::address&,
                                                                 const SendOptions& options,
                                                                 std::error_code& ec) {
  if (connections.size() >= config.limits.max_connections) {
    ec = TransportError::connection_limit;
    return nullptr;
  }
  if (to.transport == Transport::tls && !client_context) {
    ec = TransportError::tls_not_configured;
    return nullptr;
  }
  ConnectionSettings settings;
  settings.id = next_connection++;
  settings.transport = to.transport;
  settings.local = Endpoint{"", 0, to.transport};
  settings.remote = to;
  settings.framer = config.limits.framer;
  settings.max_queued_bytes = config.limits.max_queued_bytes;
  settings.setup_timeout = config.limits.connect_timeout;
  settings.server_name = options.server_name;
  std::shared_ptr<Connection> c =
      to.transport == Transport::tls
          ? make_tls_connection(io, client_context, std::move(settings), *this)
          : make_tcp_connection(io, std::move(settings), *this);
  connections.emplace(c->id(), c);
  table.insert(c->id(), to, false);
  return c;
}

AsioTransport::AsioTransport(asio::io_context& io, TransportConfig config, MessageSink& sink)
    : impl_(std::make_unique<Impl>(io, std::move(config), sink)) {}

AsioTransport::~AsioTransport() { impl_->stop(); }

std::error_code AsioTransport::start(std::string* detail) { return impl_->start(detail); }

void AsioTransport::stop() { impl_->stop(); }

SendId AsioTransport::send(const Endpoint& to, std::string bytes, const SendOptions& options,
                           std::error_code& ec) {
  return impl_->send(to, std::move(bytes), options, ec);
}

void AsioTransport::add_alias(ConnectionId connection, const Endpoint& alias) {
  boost::system::error_code bec;
  auto address = asio::ip::make_address(alias.address, bec);
  if (bec) return;
  impl_->table.add_alias(connection, Endpoint{address.to_string(), alias.port, alias.transport});
}

void AsioTransport::close(ConnectionId connection) {
  auto it = impl_->connections.find(connection);
  if (it != impl_->connections.end()) it->second->close(std::error_code());
}

std::vector<Endpoint> AsioTransport::local_endpoints() const { return impl_->bound; }

const TransportCounters& AsioTransport::counters() const { return impl_->counters; }

std::optional<AsioTransport::ConnectionInfo> AsioTransport::connection_info(
    ConnectionId connection) const {
  auto it = impl_->connections.find(connection);
  if (it == impl_->connections.end()) return std::nullopt;
  const Connection& c = *it->second;
  return ConnectionInfo{
      c.id(),      c.local(), c.remote(), c.inbound(), c.state() == Connection::State::open,
      c.tls_peer()};
}

std::size_t AsioTransport::connection_count() const { return impl_->connections.size(); }

std::vector<AsioTransport::ConnectionInfo> AsioTransport::connections() const {
  std::vector<ConnectionInfo> out;
  for (const auto& [id, c] : impl_->connections) out.push_back(*connection_info(id));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

}  // namespace sipconf::sip
