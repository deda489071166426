#include "sip/transport/transport_fake.h"

#include <algorithm>

namespace sipconf::sip {

FakeTransport::FakeTransport(MessageSink& sink, std::vector<Endpoint> local)
    : sink_(sink), local_(std::move(local)) {}

SendId FakeTransport::send(const Endpoint& to, std::string bytes, const SendOptions& options,
                           std::error_code& ec) {
  ec = std::exchange(next_error_, std::error_code());
  if (ec) return 0;
  TrafficCounters& t = counters_.of(to.transport);
  ++t.messages_out;
  t.bytes_out += bytes.size();
  SendId id = next_id_++;
  sent_.push_back(Sent{id, to, std::move(bytes), options});
  return id;
}

void FakeTransport::add_alias(ConnectionId connection, const Endpoint& alias) {
  aliases_.emplace_back(connection, alias);
}

void FakeTransport::close(ConnectionId connection) { closed_.push_back(connection); }

void FakeTransport::deliver(InboundMessage message) {
  TrafficCounters& t = counters_.of(message.remote.transport);
  ++t.messages_in;
  t.bytes_in += message.bytes.size();
  sink_.on_message(std::move(message));
}

void FakeTransport::fail(SendId id, std::error_code error) {
  auto it = std::find_if(sent_.begin(), sent_.end(), [&](const Sent& s) { return s.id == id; });
  SendFailure failure{id, {}, 0, error};
  if (it != sent_.end()) {
    failure.to = it->to;
    failure.connection = it->options.connection;
  }
  ++counters_.send_failures;
  sink_.on_send_failed(failure);
}

}  // namespace sipconf::sip
