#pragma once

// The pieces of the wire tests: the real `mediation` binary started with Boost.Process on a
// generated configuration, SIPp (Debian sip-tester) as Front End and gateway, free ports on
// random loopback addresses, a blocking /metrics scrape, and a reader for SIPp's message
// traces that parses every message with the sip/ parser. Header-only test code.

#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/udp.hpp>
#include <boost/asio/write.hpp>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/io.hpp>
#include <boost/process/search_path.hpp>

#include "sip/message/message_parser.h"

#include "base/build_paths.h"

namespace sipconf::mediation::testing {

namespace bp = boost::process;
namespace fs = std::filesystem;
using namespace std::chrono_literals;

/// `n` distinct loopback addresses 127.0.0.N, N in 10..250, different on every call.
inline std::vector<std::string> loopback_addresses(std::size_t n) {
  std::random_device entropy;
  std::set<int> picked;
  while (picked.size() < n) picked.insert(10 + static_cast<int>(entropy() % 241));
  std::vector<std::string> out;
  for (int octet : picked) out.push_back("127.0.0." + std::to_string(octet));
  std::shuffle(out.begin(), out.end(), std::mt19937(entropy()));
  return out;
}

/// A port nobody listens on at `address` for UDP and TCP: bound to 0, read, released.
inline std::uint16_t free_port(const std::string& address) {
  namespace asio = boost::asio;
  asio::io_context io;
  for (int attempt = 0; attempt < 50; ++attempt) {
    asio::ip::tcp::acceptor tcp(io);
    boost::system::error_code ec;
    tcp.open(asio::ip::tcp::v4(), ec);
    tcp.bind({asio::ip::make_address(address), 0}, ec);
    if (ec) continue;
    const std::uint16_t port = tcp.local_endpoint().port();
    asio::ip::udp::socket udp(io);
    udp.open(asio::ip::udp::v4(), ec);
    udp.bind({asio::ip::make_address(address), port}, ec);
    if (!ec) return port;
  }
  ADD_FAILURE() << "no free port on " << address;
  return 0;
}

/// A fresh directory for one test's files.
inline fs::path scratch_dir(const std::string& name) {
  std::string pattern =
      (fs::temp_directory_path() / ("sipconf-mediation-" + name + "-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) ADD_FAILURE() << "mkdtemp failed";
  return pattern;
}

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

inline fs::path mediation_binary() { return base::binary_dir() / "mediation" / "mediation"; }
inline fs::path sipp_scenario(const std::string& name) {
  return base::source_dir() / "mediation" / "testdata" / "sipp" / name;
}

/// A child process with its output in a file; killed if still running when destroyed.
class Process {
 public:
  Process(const fs::path& program, const std::vector<std::string>& args, const fs::path& output)
      : child_(program.string(), bp::args(args), bp::std_out > output.string(),
               bp::std_err > output.string(), bp::std_in < bp::null) {}
  ~Process() {
    std::error_code ec;
    if (child_.running(ec)) {
      ::kill(child_.id(), SIGKILL);
      child_.wait(ec);
    }
  }
  Process(const Process&) = delete;
  Process& operator=(const Process&) = delete;

  int pid() const { return child_.id(); }
  bool running() {
    std::error_code ec;
    return child_.running(ec);
  }
  void signal(int sig) { ::kill(child_.id(), sig); }
  /// The exit code once it exited within `limit`.
  std::optional<int> wait_for(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::error_code ec;
    while (child_.running(ec)) {
      if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
      std::this_thread::sleep_for(20ms);
    }
    return child_.exit_code();
  }

 private:
  bp::child child_;
};

/// An HTTP GET over a blocking socket; the whole reply, or empty if nobody answered.
inline std::string http_get(const std::string& address, std::uint16_t port,
                            const std::string& path = "/metrics") {
  namespace asio = boost::asio;
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  boost::system::error_code ec;
  socket.connect({asio::ip::make_address(address), port}, ec);
  if (ec) return {};
  const std::string request = "GET " + path + " HTTP/1.1\r\nHost: " + address + "\r\n\r\n";
  asio::write(socket, asio::buffer(request), ec);
  std::string reply;
  char buffer[8192];
  while (!ec) {
    const std::size_t n = socket.read_some(asio::buffer(buffer), ec);
    reply.append(buffer, n);
  }
  return reply;
}

/// The value of one sample line (`name{labels} value`) in Prometheus text, or -1.
inline double metric(const std::string& text, const std::string& sample) {
  const std::string key = "\n" + sample + " ";
  const auto at = text.find(key);
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + key.size()));
}

/// The mediation binary running on a configuration written into `dir`.
class MediationProcess {
 public:
  MediationProcess(const fs::path& dir, const std::string& config_xml,
                   const std::string& metrics_address, std::uint16_t metrics_port,
                   std::vector<std::string> extra_args = {})
      : dir_(dir), metrics_address_(metrics_address), metrics_port_(metrics_port) {
    write_text(config_path(), config_xml);
    std::vector<std::string> args{"--config", config_path().string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    process_.emplace(mediation_binary(), args, log_path());
  }

  fs::path config_path() const { return dir_ / "mediation.xml"; }
  fs::path log_path() const { return dir_ / "mediation.log"; }
  std::string log() const { return read_text(log_path()); }
  Process& process() { return *process_; }

  /// Waits until /metrics answers (the SIP listeners are bound before it starts).
  bool wait_ready(std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (!process_->running()) return false;
      if (!scrape().empty()) return true;
      std::this_thread::sleep_for(50ms);
    }
    return false;
  }
  std::string scrape() const {
    const std::string reply = http_get(metrics_address_, metrics_port_);
    const auto body = reply.find("\r\n\r\n");
    return body == std::string::npos ? std::string() : "\n" + reply.substr(body + 4);
  }
  double metric(const std::string& sample) const { return testing::metric(scrape(), sample); }
  /// Polls until `sample` has `value` (counters settle a moment after SIPp exits).
  bool wait_metric(const std::string& sample, double value, std::chrono::milliseconds limit = 10s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
      if (metric(sample) == value) return true;
      std::this_thread::sleep_for(50ms);
    }
    return metric(sample) == value;
  }

 private:
  fs::path dir_;
  std::string metrics_address_;
  std::uint16_t metrics_port_;
  std::optional<Process> process_;
};

/// One message of a SIPp trace.
struct TracedMessage {
  bool sent = false;  ///< sent by SIPp (else received)
  sip::Message message;
};

/// Reads a SIPp -trace_msg file; every message is parsed with the sip/ parser.
inline std::vector<TracedMessage> read_sipp_trace(const fs::path& path) {
  const std::string text = read_text(path);
  const std::string separator = "-----------------------------------------------";
  std::vector<TracedMessage> out;
  std::size_t at = text.find(separator);
  while (at != std::string::npos) {
    const std::size_t next = text.find("\n" + separator, at + separator.size());
    const std::string block =
        text.substr(at, next == std::string::npos ? std::string::npos : next + 1 - at);
    at = next == std::string::npos ? next : next + 1;
    const std::size_t title_end = block.find('\n');
    const std::size_t kind_end = block.find('\n', title_end + 1);
    if (title_end == std::string::npos || kind_end == std::string::npos) continue;
    const std::string kind = block.substr(title_end + 1, kind_end - title_end - 1);
    const bool sent = kind.find("message sent") != std::string::npos;
    if (!sent && kind.find("message received") == std::string::npos) continue;
    std::size_t start = kind_end + 1;
    while (start < block.size() && (block[start] == '\n' || block[start] == '\r')) ++start;
    sip::ParseResult parsed = sip::parse_message(std::string_view(block).substr(start));
    EXPECT_TRUE(parsed.ok()) << path << ": " << parsed.error.message() << "\n" << block;
    if (parsed.message) out.push_back({sent, std::move(*parsed.message)});
  }
  return out;
}

/// The messages of a trace in one direction, as "INVITE" / "200 INVITE" labels.
inline std::vector<std::string> ladder(const std::vector<TracedMessage>& trace, bool sent) {
  std::vector<std::string> out;
  for (const TracedMessage& m : trace) {
    if (m.sent != sent) continue;
    if (m.message.is_request()) {
      out.emplace_back(m.message.method());
    } else {
      const auto cseq = m.message.header(sip::HeaderId::cseq).value_or("");
      out.push_back(std::to_string(m.message.status_code()) + " " +
                    std::string(cseq.substr(cseq.find(' ') + 1)));
    }
  }
  return out;
}

/// The first message of a trace matching `label` (as ladder() writes it) in that direction.
inline const sip::Message* find_message(const std::vector<TracedMessage>& trace, bool sent,
                                        const std::string& label, int nth = 0) {
  for (const TracedMessage& m : trace) {
    if (m.sent != sent) continue;
    const auto one = ladder({m}, sent);
    if (!one.empty() && one[0] == label && nth-- == 0) return &m.message;
  }
  return nullptr;
}

/// SIPp playing one party: a scenario from mediation/testdata/sipp on its own address.
struct SippParty {
  std::string address;
  std::uint16_t port = 0;
  std::string transport = "u1";  ///< SIPp -t: u1 (UDP) or t1 (TCP)
};

class Sipp {
 public:
  /// `remote` is "ip:port" for a caller, empty for a callee.
  Sipp(const fs::path& dir, const std::string& name, const std::string& scenario,
       const SippParty& party, const std::string& remote, std::vector<std::string> extra = {})
      : trace_(dir / (name + "_messages.log")), errors_(dir / (name + "_errors.log")) {
    // The control socket (-ci/-cp) on the party's own address: its port was probed free
    // there, not on every address.
    std::vector<std::string> args{"-sf",
                                  sipp_scenario(scenario).string(),
                                  "-i",
                                  party.address,
                                  "-p",
                                  std::to_string(party.port),
                                  "-t",
                                  party.transport,
                                  "-m",
                                  "1",
                                  "-nostdin",
                                  "-bind_local",
                                  "-mi",
                                  party.address,
                                  "-mp",
                                  std::to_string(free_port(party.address)),
                                  "-ci",
                                  party.address,
                                  "-cp",
                                  std::to_string(free_port(party.address)),
                                  "-trace_msg",
                                  "-message_file",
                                  trace_.string(),
                                  "-trace_err",
                                  "-error_file",
                                  errors_.string(),
                                  "-timeout",
                                  "30",
                                  "-timeout_error",
                                  "-s",
                                  "+14255550100"};
    args.insert(args.end(), extra.begin(), extra.end());
    if (!remote.empty()) args.push_back(remote);
    process_.emplace(sipp_path(), args, dir / (name + ".out"));
  }

  static fs::path sipp_path() { return bp::search_path("sipp").string(); }
  static bool available() { return !sipp_path().empty(); }

  /// SIPp's exit code (0: every call succeeded), or -100 if it did not end in time.
  int wait(std::chrono::milliseconds limit = 40s) {
    return process_->wait_for(limit).value_or(-100);
  }
  std::vector<TracedMessage> trace() const { return read_sipp_trace(trace_); }
  std::string errors() const { return read_text(errors_); }

 private:
  fs::path trace_;
  fs::path errors_;
  std::optional<Process> process_;
};

}  // namespace sipconf::mediation::testing
