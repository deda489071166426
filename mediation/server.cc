#include "mediation/server.h"

#include <csignal>
#include <utility>

#include <fmt/format.h>

#include "mediation/config/config_loader.h"

namespace sipconf::mediation {

namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(50);
/// After the grace period, how long the BYEs sent to end calls may take.
constexpr auto kByeAllowance = std::chrono::seconds(5);

std::string endpoints_text(const std::vector<sip::Endpoint>& endpoints) {
  std::string out;
  for (const sip::Endpoint& e : endpoints) {
    if (!out.empty()) out += ' ';
    out += sip::to_string(e);
  }
  return out;
}

}  // namespace

MediationServer::MediationServer(boost::asio::io_context& io, MediationConfig config,
                                 std::filesystem::path config_path, EventLog& log)
    : io_(io),
      config_path_(std::move(config_path)),
      log_(log),
      config_(std::make_shared<const RuntimeConfig>(std::move(config))),
      timers_(io),
      metrics_server_(io, [this] { return render_metrics(); }),
      signals_(io),
      shutdown_timer_(io) {
  sip::TransactionLayerConfig layer_config;
  layer_config.timers = config_->config().timers;
  layer_ = std::make_unique<sip::TransactionLayer>(timers_, user_slot_, layer_config);
  transport_ =
      std::make_unique<sip::AsioTransport>(io, config_->config().transport_config(), *layer_);
  layer_->attach(*transport_);
  b2bua_ = std::make_unique<B2bua>(*layer_, *transport_, config_, metrics_, log_);
  user_slot_.set(b2bua_.get());
}

MediationServer::~MediationServer() {
  user_slot_.set(nullptr);
  transport_->stop();
}

std::error_code MediationServer::start(base::Diagnostics& diags) {
  std::string detail;
  if (auto ec = transport_->start(&detail)) {
    base::report(diags, {config_path_}, detail.empty() ? ec.message() : detail);
    return ec;
  }
  const MetricsConfig& m = config_->config().metrics;
  if (m.enabled) {
    if (auto ec = metrics_server_.start(m.address, m.port)) {
      base::report(diags, {config_path_},
                   fmt::format("metrics {}:{}: {}", m.address, m.port, ec.message()));
      transport_->stop();
      return ec;
    }
  }
  signals_.add(SIGTERM);
  signals_.add(SIGINT);
  signals_.add(SIGHUP);
  wait_for_signal();
  b2bua_->start_probing();
  log_.log(spdlog::level::info, "ready", {}, {},
           fmt::format("sip {}{}", endpoints_text(transport_->local_endpoints()),
                       m.enabled ? fmt::format(" metrics {}:{}", m.address, metrics_server_.port())
                                 : std::string()));
  return {};
}

std::error_code MediationServer::start(std::string& detail) {
  base::Diagnostics diags;
  const std::error_code ec = start(diags);
  if (ec) detail = diags.empty() ? ec.message() : diags.front().message;
  return ec;
}

int MediationServer::run() {
  io_.run();
  log_.log(spdlog::level::info, "stopped", {}, {},
           fmt::format("{} calls answered", metrics_.calls[0]));
  log_.flush();
  return 0;
}

void MediationServer::wait_for_signal() {
  signals_.async_wait([this](boost::system::error_code ec, int signal) {
    if (ec) return;
    if (signal == SIGHUP) {
      reload();
    } else {
      shutdown();
    }
    wait_for_signal();
  });
}

bool MediationServer::reload() {
  ConfigLoad loaded = load_config_file(config_path_);
  if (!loaded.ok()) {
    ++metrics_.config_reload_failures;
    log_.log(spdlog::level::err, "reload-refused", {}, {}, loaded.error.to_string());
    return false;
  }
  const std::string difference = restart_only_difference(config_->config(), *loaded.config);
  if (!difference.empty()) {
    ++metrics_.config_reload_failures;
    log_.log(spdlog::level::err, "reload-refused", {}, {},
             fmt::format("{}: {} (restart to apply)", config_path_.string(), difference));
    return false;
  }
  const spdlog::level::level_enum level = loaded.config->log.level;
  config_ = std::make_shared<const RuntimeConfig>(std::move(*loaded.config));
  b2bua_->set_config(config_);
  log_.set_level(level);
  ++metrics_.config_reloads;
  log_.log(spdlog::level::info, "reloaded", {}, {},
           fmt::format("{} trunks, {} routes", config_->config().trunks.size(),
                       config_->routes().size()));
  return true;
}

void MediationServer::shutdown() {
  if (stopping_) {
    log_.log(spdlog::level::warn, "shutdown-now", {}, {}, "second signal: ending calls");
    end_calls_now();
    return;
  }
  stopping_ = true;
  b2bua_->start_draining();
  b2bua_->stop_probing();
  grace_end_ = std::chrono::steady_clock::now() + config_->config().shutdown_grace;
  log_.log(spdlog::level::info, "draining", {}, {},
           fmt::format("{} active calls, grace {} ms", b2bua_->active_calls(),
                       config_->config().shutdown_grace.count()));
  poll_shutdown();
}

void MediationServer::end_calls_now() {
  if (calls_ended_) return;
  calls_ended_ = true;
  b2bua_->end_all_calls("shutdown");
  bye_deadline_ = std::chrono::steady_clock::now() + kByeAllowance;
}

void MediationServer::poll_shutdown() {
  const auto now = std::chrono::steady_clock::now();
  if (!calls_ended_ && now >= grace_end_) end_calls_now();
  const bool calls_done = b2bua_->active_calls() == 0;
  const bool byes_done = !calls_ended_ || b2bua_->unanswered_byes() == 0;
  if ((calls_done && byes_done) || (calls_ended_ && now >= bye_deadline_)) {
    signals_.cancel();
    metrics_server_.stop();
    transport_->stop();
    io_.stop();
    return;
  }
  shutdown_timer_.expires_after(kPollInterval);
  shutdown_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) poll_shutdown();
  });
}

std::string MediationServer::render_metrics() const {
  return render_prometheus(MetricsSnapshot{
      metrics_, b2bua_->active_calls(), b2bua_->active_dialogs(), layer_->active_transactions(),
      transport_->connection_count(), b2bua_->draining(), layer_->counters(),
      transport_->counters(), b2bua_->health().states()});
}

}  // namespace sipconf::mediation
