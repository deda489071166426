#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <spdlog/logger.h>

#include "base/diagnostic.h"
#include "mediation/config/config.h"
#include "sip/base/result.h"

namespace sipconf::mediation {

/// Creates the mediation's logger on stderr or a file (LogConfig). It is not registered in
/// spdlog's global registry: the server passes it to whoever logs. A file that cannot be
/// opened fails (MediationErrc::kCannotOpenLogFile) with a diagnostic for the file.
sip::Result<std::shared_ptr<spdlog::logger>> make_logger(const LogConfig& config,
                                                         base::Diagnostics& diags);

/// The form mediation/main.cc calls until it reports diagnostics: nullptr and the reason in
/// `error` when the file cannot be opened.
std::shared_ptr<spdlog::logger> make_logger(const LogConfig& config, std::string& error);

/// Structured log lines: time, level, call, leg, event and detail, as JSON lines
/// (`{"time":...,"level":"info","call":"c12","leg":"trunk","event":"answered",...}`) or as
/// text (`2026-01-01T10:00:00.123 info c12 trunk answered 200 OK`).
class EventLog {
 public:
  EventLog(std::shared_ptr<spdlog::logger> logger, LogFormat format);

  bool enabled(spdlog::level::level_enum level) const { return logger_->should_log(level); }
  void log(spdlog::level::level_enum level, std::string_view event, std::string_view call = {},
           std::string_view leg = {}, std::string_view detail = {});
  void set_level(spdlog::level::level_enum level) { logger_->set_level(level); }
  void flush() { logger_->flush(); }

 private:
  std::shared_ptr<spdlog::logger> logger_;
  LogFormat format_;
};

}  // namespace sipconf::mediation
