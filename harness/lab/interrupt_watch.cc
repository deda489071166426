#include "harness/lab/interrupt_watch.h"

#include <signal.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

namespace sipconf::harness {

struct InterruptWatch::Io {
  boost::asio::io_context context;
  boost::asio::signal_set signals{context, SIGINT, SIGTERM};
};

InterruptWatch::InterruptWatch() : io_(std::make_unique<Io>()) {
  io_->signals.async_wait([this](const boost::system::error_code& error, int number) {
    if (error) return;
    signal_.store(number);
    stop_.request_stop();
  });
  thread_ = std::thread([this] { io_->context.run(); });
}

InterruptWatch::~InterruptWatch() {
  boost::system::error_code ignored;
  io_->signals.cancel(ignored);
  io_->context.stop();
  thread_.join();
}

}  // namespace sipconf::harness
