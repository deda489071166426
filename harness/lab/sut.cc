#include "harness/lab/sut.h"

#include "harness/lab/socket_table.h"

namespace sipconf::harness {

std::optional<SutInterface> wait_until_listening(const std::vector<SutInterface>& interfaces,
                                                 RunningProcess* process,
                                                 std::chrono::milliseconds timeout,
                                                 LabClock& clock) {
  const sip::SteadyTime deadline = clock.now() + timeout;
  for (;;) {
    std::optional<SutInterface> waiting;
    for (const SutInterface& interface : interfaces) {
      const bool tcp = interface.transport != manifest::Transport::udp;
      if (!is_listening(interface.address.ip, interface.address.port, tcp)) {
        waiting = interface;
        break;
      }
    }
    if (!waiting) return std::nullopt;
    if ((process != nullptr && process->poll()) || clock.now() >= deadline) return waiting;
    clock.pause(std::chrono::milliseconds(5));
  }
}

}  // namespace sipconf::harness
