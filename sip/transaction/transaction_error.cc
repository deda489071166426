#include "sip/transaction/transaction_error.h"

#include <string>

namespace sipconf::sip {
namespace {

class TransactionCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "sipconf.transaction"; }

  std::string message(int value) const override {
    switch (static_cast<TransactionError>(value)) {
      case TransactionError::ok:
        return "no error";
      case TransactionError::unknown_transaction:
        return "no such transaction (it may have terminated)";
      case TransactionError::wrong_kind:
        return "operation not valid for this kind of transaction";
      case TransactionError::not_a_request:
        return "a request is required";
      case TransactionError::not_a_response:
        return "a response is required";
      case TransactionError::method_not_allowed:
        return "ACK is sent outside transactions";
      case TransactionError::status_out_of_range:
        return "status code must be 100..699";
      case TransactionError::final_response_sent:
        return "a final response was already sent";
      case TransactionError::no_local_address:
        return "no local endpoint for the destination's transport";
      case TransactionError::not_cancellable:
        return "not an INVITE client transaction awaiting its final response";
      case TransactionError::duplicate_branch:
        return "a client transaction with this branch and method exists";
      case TransactionError::no_transport:
        return "no transport attached";
    }
    return "unknown transaction error";
  }
};

}  // namespace

const std::error_category& transaction_category() noexcept {
  static const TransactionCategory category;
  return category;
}

std::error_code make_error_code(TransactionError e) noexcept {
  return {static_cast<int>(e), transaction_category()};
}

}  // namespace sipconf::sip
