#include "sip/message/status_codes.h"

#include <array>

namespace sipconf::sip {
namespace {

struct Phrase {
  int status;
  std::string_view text;
};

// RFC 3261 §21 plus the extensions a Lync-style trunk meets (RFC 3262, 3265, 3329, 4028,
// 4412, 5079, 5360, 6086).
constexpr std::array<Phrase, 64> kPhrases = {{
    {100, "Trying"},
    {180, "Ringing"},
    {181, "Call Is Being Forwarded"},
    {182, "Queued"},
    {183, "Session Progress"},
    {199, "Early Dialog Terminated"},
    {200, "OK"},
    {202, "Accepted"},
    {204, "No Notification"},
    {300, "Multiple Choices"},
    {301, "Moved Permanently"},
    {302, "Moved Temporarily"},
    {305, "Use Proxy"},
    {380, "Alternative Service"},
    {400, "Bad Request"},
    {401, "Unauthorized"},
    {402, "Payment Required"},
    {403, "Forbidden"},
    {404, "Not Found"},
    {405, "Method Not Allowed"},
    {406, "Not Acceptable"},
    {407, "Proxy Authentication Required"},
    {408, "Request Timeout"},
    {410, "Gone"},
    {412, "Conditional Request Failed"},
    {413, "Request Entity Too Large"},
    {414, "Request-URI Too Long"},
    {415, "Unsupported Media Type"},
    {416, "Unsupported URI Scheme"},
    {417, "Unknown Resource-Priority"},
    {420, "Bad Extension"},
    {421, "Extension Required"},
    {422, "Session Interval Too Small"},
    {423, "Interval Too Brief"},
    {428, "Use Identity Header"},
    {429, "Provide Referrer Identity"},
    {433, "Anonymity Disallowed"},
    {436, "Bad Identity-Info"},
    {437, "Unsupported Certificate"},
    {438, "Invalid Identity Header"},
    {439, "First Hop Lacks Outbound Support"},
    {440, "Max-Breadth Exceeded"},
    {469, "Bad Info Package"},
    {470, "Consent Needed"},
    {480, "Temporarily Unavailable"},
    {481, "Call/Transaction Does Not Exist"},
    {482, "Loop Detected"},
    {483, "Too Many Hops"},
    {484, "Address Incomplete"},
    {485, "Ambiguous"},
    {486, "Busy Here"},
    {487, "Request Terminated"},
    {488, "Not Acceptable Here"},
    {489, "Bad Event"},
    {491, "Request Pending"},
    {493, "Undecipherable"},
    {494, "Security Agreement Required"},
    {500, "Server Internal Error"},
    {501, "Not Implemented"},
    {502, "Bad Gateway"},
    {503, "Service Unavailable"},
    {504, "Server Time-out"},
    {505, "Version Not Supported"},
    {513, "Message Too Large"},
}};

constexpr std::array<Phrase, 4> kMorePhrases = {{
    {580, "Precondition Failure"},
    {600, "Busy Everywhere"},
    {603, "Decline"},
    {604, "Does Not Exist Anywhere"},
}};

constexpr std::array<std::string_view, 14> kMethods = {
    "ACK",     "BYE",   "CANCEL",  "INFO",  "INVITE",   "MESSAGE",   "NOTIFY",
    "OPTIONS", "PRACK", "PUBLISH", "REFER", "REGISTER", "SUBSCRIBE", "UPDATE"};

}  // namespace

std::string_view default_reason_phrase(int status) {
  for (const auto& p : kPhrases) {
    if (p.status == status) return p.text;
  }
  for (const auto& p : kMorePhrases) {
    if (p.status == status) return p.text;
  }
  if (status == 606) return "Not Acceptable";
  switch (status / 100) {
    case 1:
      return "Provisional";
    case 2:
      return "Success";
    case 3:
      return "Redirection";
    case 4:
      return "Client Error";
    case 5:
      return "Server Error";
    case 6:
      return "Global Failure";
    default:
      return "Unknown";
  }
}

bool is_known_method(std::string_view method) {
  for (auto m : kMethods) {
    if (m == method) return true;
  }
  return false;
}

}  // namespace sipconf::sip
