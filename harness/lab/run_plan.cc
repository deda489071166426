#include "harness/lab/run_plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "base/text_pattern.h"
#include "harness/lab/lab_error.h"

namespace sipconf::harness {

bool behaviour_selected(const std::string& id, const std::string& wanted) {
  if (id == wanted) return true;
  return id.size() > wanted.size() && id.compare(0, wanted.size(), wanted) == 0 &&
         (id[wanted.size()] == '-' || id[wanted.size()] == '.');
}

sip::Result<std::vector<PlannedCase>> plan_run(const manifest::CaseSet& cases,
                                               const PlanOptions& options,
                                               base::Diagnostics& diags) {
  std::optional<base::TextPattern> filter;
  if (!options.filter.empty()) {
    std::string error;
    filter = base::TextPattern::compile(options.filter, error);
    if (!filter) {
      base::report(diags, {"--filter"},
                   fmt::format("`{}` is not a valid regex: {}", options.filter, error));
      return make_error_code(LabErrc::kBadRunOption);
    }
  }
  if (options.repeat < 1) {
    base::report(diags, {"--repeat"}, "must be at least 1");
    return make_error_code(LabErrc::kBadRunOption);
  }
  std::vector<const manifest::LoadedCase*> selected;
  for (const manifest::LoadedCase& loaded : cases.cases) {
    if (filter && !filter->search(loaded.id)) continue;
    if (!options.behaviours.empty()) {
      if (!loaded.manifest) continue;
      const std::vector<std::string> ids = loaded.manifest->behaviour_ids();
      const bool covered = std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
        return std::any_of(
            options.behaviours.begin(), options.behaviours.end(),
            [&](const std::string& wanted) { return behaviour_selected(id, wanted); });
      });
      if (!covered) continue;
    }
    selected.push_back(&loaded);
  }
  std::vector<PlannedCase> plan;
  for (int repetition = 1; repetition <= options.repeat; ++repetition) {
    for (const manifest::LoadedCase* loaded : selected) plan.push_back({loaded, repetition});
  }
  return plan;
}

}  // namespace sipconf::harness
