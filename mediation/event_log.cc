#include "mediation/event_log.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <utility>

#include "mediation/mediation_error.h"

namespace sipconf::mediation {
namespace {

/// A JSON string literal; invalid UTF-8 (from a peer's header) is replaced, never thrown.
std::string quoted(std::string_view text) {
  return nlohmann::json(std::string(text))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

sip::Result<std::shared_ptr<spdlog::logger>> make_logger(const LogConfig& config,
                                                         base::Diagnostics& diags) {
  spdlog::sink_ptr sink;
  if (config.file.empty()) {
    sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
  } else {
    try {
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(config.file);
    } catch (const spdlog::spdlog_ex& e) {
      base::report(diags, {config.file}, e.what());
      return make_error_code(MediationErrc::kCannotOpenLogFile);
    }
  }
  auto logger = std::make_shared<spdlog::logger>("mediation", std::move(sink));
  if (config.format == LogFormat::json) {
    logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l",%v})");
  } else {
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l %v");
  }
  logger->set_level(config.level);
  logger->flush_on(spdlog::level::info);
  return logger;
}

std::shared_ptr<spdlog::logger> make_logger(const LogConfig& config, std::string& error) {
  base::Diagnostics diags;
  sip::Result<std::shared_ptr<spdlog::logger>> logger = make_logger(config, diags);
  if (logger) return std::move(logger).value();
  error = diags.empty() ? logger.error().message() : diags.front().message;
  return nullptr;
}

EventLog::EventLog(std::shared_ptr<spdlog::logger> logger, LogFormat format)
    : logger_(std::move(logger)), format_(format) {}

void EventLog::log(spdlog::level::level_enum level, std::string_view event, std::string_view call,
                   std::string_view leg, std::string_view detail) {
  if (!logger_->should_log(level)) return;
  if (format_ == LogFormat::json) {
    std::string line = "\"event\":" + quoted(event);
    if (!call.empty()) line += ",\"call\":" + quoted(call);
    if (!leg.empty()) line += ",\"leg\":" + quoted(leg);
    if (!detail.empty()) line += ",\"detail\":" + quoted(detail);
    logger_->log(level, "{}", line);
    return;
  }
  logger_->log(level, "{} {} {} {}", call.empty() ? "-" : call, leg.empty() ? "-" : leg, event,
               detail);
}

}  // namespace sipconf::mediation
