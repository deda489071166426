#include "harness/lab/lab_clock.h"

#include <thread>

namespace sipconf::harness {

void RealLabClock::pause(std::chrono::milliseconds duration) {
  std::this_thread::sleep_for(duration);
}

}  // namespace sipconf::harness
