#include "harness/lab/sut.h"

#include <thread>

#include "harness/lab/socket_table.h"

namespace sipconf::harness {

std::optional<SutInterface> wait_until_listening(const std::vector<SutInterface>& interfaces,
                                                 RunningProcess* process,
                                                 std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::optional<SutInterface> waiting;
    for (const SutInterface& interface : interfaces) {
      const bool tcp = interface.transport != scenarios::Transport::udp;
      if (!is_listening(interface.address.ip, interface.address.port, tcp)) {
        waiting = interface;
        break;
      }
    }
    if (!waiting) return std::nullopt;
    if ((process != nullptr && process->poll()) || std::chrono::steady_clock::now() >= deadline) {
      return waiting;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace sipconf::harness
