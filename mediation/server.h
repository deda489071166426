#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include "base/diagnostic.h"
#include "mediation/b2bua.h"
#include "mediation/config/config.h"
#include "mediation/event_log.h"
#include "mediation/metrics.h"
#include "mediation/metrics_server.h"
#include "mediation/runtime_config.h"
#include "mediation/transaction_user_slot.h"
#include "sip/base/timer_asio.h"
#include "sip/transaction/transaction_layer.h"
#include "sip/transport/transport_asio.h"

namespace sipconf::mediation {

/// The running mediation: sockets (AsioTransport), timers, the transaction layer, the B2BUA,
/// the metrics responder and the signal handling, all on one io_context.
///
/// Signals: SIGTERM/SIGINT stop accepting calls (503 to new INVITEs) and wait for active
/// calls to end, at most MediationConfig::shutdown_grace; then every call still up is ended
/// with BYE on both legs, the BYEs get a moment to complete, and run() returns 0. A second
/// SIGTERM skips the grace. SIGHUP reloads the configuration file: all of it or nothing.
class MediationServer {
 public:
  MediationServer(boost::asio::io_context& io, MediationConfig config,
                  std::filesystem::path config_path, EventLog& log);
  ~MediationServer();
  MediationServer(const MediationServer&) = delete;
  MediationServer& operator=(const MediationServer&) = delete;

  /// Binds every listener and the metrics port, installs the signal handlers. On failure
  /// nothing listens: the error is the socket's, and a diagnostic for the configuration
  /// file says which listener or metrics address failed.
  std::error_code start(base::Diagnostics& diags);
  /// The form mediation/main.cc calls until it reports diagnostics: `detail` says what
  /// failed.
  std::error_code start(std::string& detail);
  /// Runs the event loop until shutdown completes; returns the process exit status.
  int run();

  /// What SIGHUP does: true if the new configuration was taken.
  bool reload();
  /// What SIGTERM does.
  void shutdown();

  const Metrics& metrics() const { return metrics_; }
  const B2bua& b2bua() const { return *b2bua_; }
  std::string render_metrics() const;

 private:
  void wait_for_signal();
  void poll_shutdown();
  void end_calls_now();

  boost::asio::io_context& io_;
  std::filesystem::path config_path_;
  EventLog& log_;
  std::shared_ptr<const RuntimeConfig> config_;
  Metrics metrics_;
  sip::AsioTimerService timers_;
  TransactionUserSlot user_slot_;
  std::unique_ptr<sip::TransactionLayer> layer_;
  std::unique_ptr<sip::AsioTransport> transport_;
  std::unique_ptr<B2bua> b2bua_;
  MetricsServer metrics_server_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer shutdown_timer_;
  bool stopping_ = false;
  bool calls_ended_ = false;
  std::chrono::steady_clock::time_point grace_end_;
  std::chrono::steady_clock::time_point bye_deadline_;
};

}  // namespace sipconf::mediation
