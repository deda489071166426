#include <utility>

#include "simulators/simulator.h"

#include <csignal>
#include <fstream>
#include <memory>
#include <optional>

#include <fmt/format.h>
#include <spdlog/logger.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <nlohmann/json.hpp>

#include "simulators/agent.h"
#include "simulators/media_engine.h"
#include "simulators/message_log.h"
#include "simulators/rtp_socket_asio.h"
#include "sip/base/timer_asio.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport_asio.h"

namespace sipconf::simulators {
namespace {

namespace asio = boost::asio;

sip::TransportConfig transport_config(const SimulatorOptions& options) {
  sip::TransportConfig config;
  sip::TlsConfig tls;
  tls.ca_file = options.tls_ca;
  tls.certificate_file = options.tls_certificate;
  tls.private_key_file = options.tls_key;
  tls.require_peer_certificate = options.tls_require_peer_certificate;
  for (const sip::Endpoint& endpoint : options.listeners) {
    sip::ListenerConfig listener;
    listener.local = endpoint;
    if (endpoint.transport == sip::Transport::tls) listener.tls = tls;
    config.listeners.push_back(std::move(listener));
  }
  if (!options.tls_certificate.empty()) {
    sip::TlsConfig client = tls;
    client.require_peer_certificate = true;  // a client always checks the server's chain
    config.tls_client = client;
  }
  return config;
}

nlohmann::json counters_json(const sip::TransportCounters& t, const sip::TransactionCounters& x) {
  auto traffic = [](const sip::TrafficCounters& c) {
    return nlohmann::json{{"messages_in", c.messages_in},
                          {"messages_out", c.messages_out},
                          {"bytes_in", c.bytes_in},
                          {"bytes_out", c.bytes_out}};
  };
  return {{"transport",
           {{"udp", traffic(t.udp)},
            {"tcp", traffic(t.tcp)},
            {"tls", traffic(t.tls)},
            {"connections_accepted", t.connections_accepted},
            {"connections_opened", t.connections_opened},
            {"connect_failures", t.connect_failures},
            {"handshake_failures", t.handshake_failures},
            {"send_failures", t.send_failures},
            {"framing_errors", t.framing_errors}}},
          {"transactions",
           {{"retransmissions_sent", x.retransmissions_sent},
            {"retransmissions_absorbed", x.retransmissions_absorbed},
            {"timeouts", x.timeouts},
            {"transport_errors", x.transport_errors},
            {"parse_errors", x.parse_errors},
            {"bad_requests_answered", x.bad_requests_answered},
            {"stray_responses", x.stray_responses}}}};
}

}  // namespace

int run_simulator(const SimulatorOptions& options, const Behaviours& behaviours,
                  const ProfileInfo& profile) {
  auto logger =
      std::make_shared<spdlog::logger>("sipsim", std::make_shared<spdlog::sinks::stderr_sink_st>());
  logger->set_level(spdlog::level::from_str(options.log_level));
  logger->set_pattern("sipsim: %l: %v");

  std::ofstream log_file;
  if (!options.message_log.empty()) {
    log_file.open(options.message_log, std::ios::binary | std::ios::trunc);
    if (!log_file) {
      std::fprintf(stderr, "sipsim: --message-log %s: cannot write\n",
                   options.message_log.string().c_str());
      return kExitBadInput;
    }
  }

  asio::io_context io(1);
  sip::AsioTimerService timers(io);
  AsioRtpSocketFactory sockets(io);
  MediaEngine media(timers, sockets, {behaviours.ptime, behaviours.tone_hz}, options.seed);

  AgentConfig agent_config;
  agent_config.behaviours = behaviours;
  agent_config.profile = profile.name;
  agent_config.place_calls = options.uac;
  agent_config.remote = options.remote;
  agent_config.tls_server_name = options.tls_server_name;
  agent_config.media_address = options.media_address;
  Agent agent(agent_config, timers, &media);

  sip::TransactionLayerConfig layer_config;
  layer_config.timers.t1 = options.t1;
  layer_config.timers.t2 = std::max(options.t1, std::chrono::milliseconds(4000));
  layer_config.seed = options.seed;
  // A silent UAS must not even send 100 Trying; otherwise it goes at once (RFC 3261 §17.2.1).
  if (behaviours.answer == AnswerMode::silent) layer_config.timers.trying_after = std::nullopt;
  sip::TransactionLayer layer(timers, agent, layer_config);

  std::optional<MessageLog> message_log;
  std::optional<LoggingSink> logging_sink;
  if (log_file.is_open()) {
    message_log.emplace(log_file, [] { return std::chrono::system_clock::now(); });
    logging_sink.emplace(layer, *message_log);
  }
  sip::MessageSink& sink = logging_sink ? static_cast<sip::MessageSink&>(*logging_sink)
                                        : static_cast<sip::MessageSink&>(layer);
  sip::AsioTransport transport(io, transport_config(options), sink);
  std::string detail;
  if (const std::error_code ec = transport.start(&detail)) {
    std::fprintf(stderr, "sipsim: cannot listen: %s\n",
                 detail.empty() ? ec.message().c_str() : detail.c_str());
    return kExitCannotStart;
  }
  std::optional<LoggingTransport> logging_transport;
  if (message_log) {
    logging_transport.emplace(transport, *message_log);
    layer.attach(*logging_transport);
  } else {
    layer.attach(transport);
  }
  agent.attach(layer, transport);

  for (const sip::Endpoint& endpoint : transport.local_endpoints()) {
    logger->info("{} profile listening on {}", profile.name, sip::to_string(endpoint));
  }

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& error, int) {
    if (!error) agent.shutdown();
  });
  sip::Timer duration_timer(timers);
  if (options.duration.count() > 0) {
    duration_timer.start(options.duration, [&] { agent.shutdown(); });
  }
  sip::Timer linger_timer(timers);
  agent.on_finished([&] {
    duration_timer.stop();
    linger_timer.start(options.linger, [&] { io.stop(); });
  });

  const auto started = std::chrono::steady_clock::now();
  agent.start();
  io.run();
  const auto elapsed = std::chrono::steady_clock::now() - started;

  const int exit_code = agent.exit_code();
  const RunSummary& summary = agent.summary();
  logger->info("{} placed, {} received, {} answered, {} failed, {} unfinished",
               summary.counters().calls_placed, summary.counters().calls_received,
               summary.counters().calls_answered, summary.counters().calls_failed,
               summary.counters().calls_unfinished);
  if (!options.summary.empty()) {
    nlohmann::json extra = {
        {"version", SIPCONF_VERSION},
        {"profile", profile.name},
        {"mode", options.uac ? "uac" : "uas"},
        {"duration_ms", std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count()},
        {"exit_code", exit_code},
        {"message_log_lines", message_log ? message_log->lines() : 0},
    };
    nlohmann::json listeners = nlohmann::json::array();
    for (const sip::Endpoint& endpoint : transport.local_endpoints()) {
      listeners.push_back(sip::to_string(endpoint));
    }
    extra["listeners"] = std::move(listeners);
    if (options.remote) extra["remote"] = sip::to_string(*options.remote);
    extra["counters"] = counters_json(transport.counters(), layer.counters());
    std::ofstream out(options.summary, std::ios::binary | std::ios::trunc);
    out << summary.to_json(extra).dump(2) << '\n';
    if (!out) {
      std::fprintf(stderr, "sipsim: --summary %s: cannot write\n",
                   options.summary.string().c_str());
      return exit_code == 0 ? kExitCallsFailed : exit_code;
    }
  }
  transport.stop();
  return exit_code;
}

}  // namespace sipconf::simulators
