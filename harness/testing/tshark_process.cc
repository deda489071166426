#include "harness/testing/tshark_process.h"

#include <boost/asio/io_context.hpp>
#include <boost/process.hpp>

#include <future>

namespace sipconf::harness {

namespace bp = boost::process;

std::filesystem::path find_tshark() {
  const boost::filesystem::path found = bp::search_path("tshark");
  return found.empty() ? std::filesystem::path() : std::filesystem::path(found.string());
}

sip::Result<std::string> run_tshark(const std::vector<std::string>& args,
                                    base::Diagnostics& diags) {
  const std::filesystem::path tshark = find_tshark();
  if (tshark.empty()) {
    base::report(diags, {"tshark"}, "not found on PATH; install it with: apt-get install tshark");
    return std::make_error_code(std::errc::no_such_file_or_directory);
  }
  // Both pipes are drained concurrently, so a chatty stderr cannot stall stdout.
  boost::asio::io_context io;
  std::future<std::string> out;
  std::future<std::string> err;
  std::error_code ec;
  bp::child child(tshark.string(), bp::args(args), bp::std_out > out, bp::std_err > err,
                  bp::std_in < bp::null, io, ec);
  if (ec) {
    base::report(diags, {tshark}, "cannot start: " + ec.message());
    return ec;
  }
  io.run();
  child.wait(ec);
  std::string output = out.get();
  const std::string complaints = err.get();
  if (ec) {
    base::report(diags, {tshark}, ec.message());
    return ec;
  }
  if (child.exit_code() != 0) {
    base::report(diags, {tshark},
                 "exited with status " + std::to_string(child.exit_code()) + ": " +
                     complaints.substr(0, complaints.find('\n')));
    return std::make_error_code(std::errc::io_error);
  }
  return output;
}

}  // namespace sipconf::harness
