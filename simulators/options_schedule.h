#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "sip/base/result.h"

namespace sipconf::simulators {

/// How OPTIONS is answered from a point in time on: with a status code, or not at all.
struct OptionsStep {
  std::chrono::milliseconds at{0};  ///< from the simulator's start
  int status = 200;                 ///< 0: stay silent (the health-probe miss of HF-01)

  bool silent() const { return status == 0; }
  friend bool operator==(const OptionsStep&, const OptionsStep&) = default;
};

/// The OPTIONS answer over the life of a run, e.g. `200@0s,silent@5s,503@20s`, so that one
/// case can watch a peer go down and come back (HF-01). Steps are kept sorted by time; before
/// the first step OPTIONS is answered 200.
class OptionsSchedule {
 public:
  OptionsSchedule() = default;
  explicit OptionsSchedule(std::vector<OptionsStep> steps);

  /// Parses `answer[@time],...`: answer is a status 200-699 or `silent`; time is a duration
  /// from the start (base/duration.h: `1500ms`, `5s`, `2min`; a bare number, which meant
  /// milliseconds, is refused with the spelling to write); a step without time applies from 0.
  /// A malformed
  /// schedule fails (SipsimErrc::kBadOptionsSchedule) with a diagnostic at `where` (the
  /// place the text was read from) that quotes the step at fault.
  static sip::Result<OptionsSchedule> parse(std::string_view text,
                                            const base::SourceLocation& where,
                                            base::Diagnostics& diags);
  /// The form simulators/behaviours.cc calls until it reports diagnostics: nullopt and the
  /// reason in `error`.
  static std::optional<OptionsSchedule> parse(std::string_view text, std::string& error);

  /// The answer in force `elapsed` after the start.
  OptionsStep at(std::chrono::milliseconds elapsed) const;
  const std::vector<OptionsStep>& steps() const { return steps_; }
  /// Back to the text form, each time in the canonical spelling: `200@0s,silent@5s`.
  std::string to_string() const;

  friend bool operator==(const OptionsSchedule&, const OptionsSchedule&) = default;

 private:
  std::vector<OptionsStep> steps_;
};

}  // namespace sipconf::simulators
