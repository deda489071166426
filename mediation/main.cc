// mediation: the reference Mediation Server (a SIP B2BUA between the Lync side and trunks).
//   mediation --config FILE [--check] [--log-format json|text]
#include <cstdio>
#include <optional>
#include <string>

#include <fmt/format.h>
#include <CLI/CLI.hpp>
#include <boost/asio/io_context.hpp>

#include "base/diagnostic_renderer.h"
#include "mediation/config/config_loader.h"
#include "mediation/event_log.h"
#include "mediation/server.h"

namespace {

constexpr int kConfigError = 2;
constexpr int kStartError = 1;

}  // namespace

int main(int argc, char** argv) {
  using namespace sipconf::mediation;
  CLI::App app{
      "sipconf reference Mediation Server: a SIP B2BUA between the internal (Lync) "
      "side and trunks (see mediation/README.md)",
      "mediation"};
  std::string config_path;
  bool check = false;
  std::string log_format;
  app.add_option("--config", config_path, "configuration file (XML)")->required();
  app.add_flag("--check", check, "validate the configuration and exit");
  app.add_option("--log-format", log_format, "log lines as json or text (overrides the file)")
      ->check(CLI::IsMember({"json", "text"}));
  app.set_version_flag("--version", SIPCONF_VERSION);
  CLI11_PARSE(app, argc, argv);

  ConfigLoad loaded = load_config_file(config_path);
  if (!loaded.ok()) {
    std::fputs(sipconf::base::DiagnosticRenderer().render(loaded.diagnostics).c_str(), stderr);
    return kConfigError;
  }
  MediationConfig config = std::move(*loaded.config);
  if (!log_format.empty())
    config.log.format = log_format == "json" ? LogFormat::json : LogFormat::text;
  if (check) {
    std::size_t routes = 0;
    for (const PstnUsage& u : config.usages) routes += u.routes.size();
    std::printf("%s: ok (%zu trunks, %zu routes)\n", config_path.c_str(), config.trunks.size(),
                routes);
    return 0;
  }

  std::string error;
  auto logger = make_logger(config.log, error);
  if (!logger) {
    std::fprintf(stderr, "%s: log file %s: %s\n", config_path.c_str(), config.log.file.c_str(),
                 error.c_str());
    return kConfigError;
  }
  EventLog log(logger, config.log.format);
  boost::asio::io_context io(1);
  MediationServer server(io, std::move(config), config_path, log);
  if (auto ec = server.start(error)) {
    log.log(spdlog::level::critical, "start-failed", {}, {}, error);
    std::fprintf(stderr, "mediation: cannot start: %s\n", error.c_str());
    return kStartError;
  }
  return server.run();
}
