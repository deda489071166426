#pragma once

#include <optional>
#include <string_view>

namespace sipconf::reports {

/// Outcome of a case or subtest. The failure bit follows LLVM lit: PASS, XFAIL and
/// SKIP leave a run green; FAIL, XPASS, TIMEOUT and CRASH fail it as product problems;
/// ERROR fails it too but blames the harness or the environment, never the product.
enum class Status { kPass, kFail, kXfail, kXpass, kTimeout, kCrash, kError, kSkip };

/// All statuses in the order the report lists them (worst product outcome first).
inline constexpr Status kAllStatuses[] = {Status::kCrash, Status::kTimeout, Status::kFail,
                                          Status::kXpass, Status::kError,   Status::kXfail,
                                          Status::kSkip,  Status::kPass};

/// Parses the upper-case name used in results.json; nullopt for anything else.
std::optional<Status> parse_status(std::string_view name);

/// The results.json spelling, e.g. "XFAIL".
std::string_view status_name(Status status);

/// Lower-case token used for CSS classes and data attributes, e.g. "xfail".
std::string_view status_token(Status status);

/// True when a case with this status makes the run fail (FAIL, XPASS, TIMEOUT, CRASH, ERROR).
bool fails_run(Status status);

/// True for product failures only (the failure bit without ERROR).
bool is_product_failure(Status status);

/// Sort key putting the cases a reader must look at first: crashes, timeouts, failures,
/// unexpected passes, harness errors, then expected failures, skips and passes.
int attention_rank(Status status);

}  // namespace sipconf::reports
