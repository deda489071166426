#include "sip/transaction/transaction.h"

namespace sipconf::sip {

std::string_view to_string(TransactionKind kind) {
  switch (kind) {
    case TransactionKind::client_invite:
      return "client_invite";
    case TransactionKind::client_non_invite:
      return "client_non_invite";
    case TransactionKind::server_invite:
      return "server_invite";
    case TransactionKind::server_non_invite:
      return "server_non_invite";
  }
  return "unknown";
}

std::string_view to_string(TransactionFailure failure) {
  switch (failure) {
    case TransactionFailure::timeout:
      return "timeout";
    case TransactionFailure::transport_error:
      return "transport_error";
  }
  return "unknown";
}

int failure_status(TransactionFailure failure) {
  return failure == TransactionFailure::timeout ? 408 : 503;
}

}  // namespace sipconf::sip
