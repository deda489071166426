#include "harness/judge/judge.h"

namespace sipconf::harness {

const EndpointRun* CaseArtifacts::find(const std::string& name) const {
  for (const EndpointRun& run : endpoints) {
    if (run.name == name) return &run;
  }
  return nullptr;
}

}  // namespace sipconf::harness
