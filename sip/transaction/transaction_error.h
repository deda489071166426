#pragma once

#include <system_error>

namespace sipconf::sip {

/// Why the transaction layer refused a call from its user. Untrusted input never produces
/// these (it yields a response or a counted drop); they flag a TU mistake or a race with a
/// transaction that just ended.
enum class TransactionError {
  ok = 0,
  unknown_transaction,  ///< the id names no live transaction (it may have terminated)
  wrong_kind,           ///< e.g. respond() on a client transaction
  not_a_request,        ///< a response given where a request is needed
  not_a_response,       ///< a request given where a response is needed
  method_not_allowed,   ///< ACK is never sent in a transaction; use send_stateless()
  status_out_of_range,  ///< not a status code 100..699
  final_response_sent,  ///< the transaction already has its final response
  no_local_address,     ///< no local endpoint of the destination's transport for the Via
  not_cancellable,      ///< CANCEL of a transaction that is not a pending INVITE
  duplicate_branch,     ///< a client transaction with this branch and method exists
  no_transport,         ///< no transport attached to the transaction layer
};

const std::error_category& transaction_category() noexcept;
std::error_code make_error_code(TransactionError e) noexcept;

}  // namespace sipconf::sip

template <>
struct std::is_error_code_enum<sipconf::sip::TransactionError> : std::true_type {};
