#include "reports/model/status.h"

#include <array>
#include <utility>

namespace sipconf::reports {
namespace {

struct StatusNames {
  Status status;
  std::string_view name;
  std::string_view token;
};

constexpr std::array<StatusNames, 8> kNames{{
    {Status::kPass, "PASS", "pass"},
    {Status::kFail, "FAIL", "fail"},
    {Status::kXfail, "XFAIL", "xfail"},
    {Status::kXpass, "XPASS", "xpass"},
    {Status::kTimeout, "TIMEOUT", "timeout"},
    {Status::kCrash, "CRASH", "crash"},
    {Status::kError, "ERROR", "error"},
    {Status::kSkip, "SKIP", "skip"},
}};

const StatusNames& names_of(Status status) {
  for (const auto& entry : kNames) {
    if (entry.status == status) return entry;
  }
  return kNames[0];
}

}  // namespace

std::optional<Status> parse_status(std::string_view name) {
  for (const auto& entry : kNames) {
    if (entry.name == name) return entry.status;
  }
  return std::nullopt;
}

std::string_view status_name(Status status) { return names_of(status).name; }

std::string_view status_token(Status status) { return names_of(status).token; }

bool fails_run(Status status) { return is_product_failure(status) || status == Status::kError; }

bool is_product_failure(Status status) {
  return status == Status::kFail || status == Status::kXpass || status == Status::kTimeout ||
         status == Status::kCrash;
}

int attention_rank(Status status) {
  int rank = 0;
  for (Status s : kAllStatuses) {
    if (s == status) return rank;
    ++rank;
  }
  return rank;
}

}  // namespace sipconf::reports
