// libFuzzer target: the message parser in both modes, the writer, typed access and the JSON
// dump on arbitrary bytes. Invariants checked beyond "no crash":
//  - strict acceptance implies lenient acceptance;
//  - whatever the lenient parser accepts serializes to bytes that parse again (leniently)
//    and serialize to the same bytes (repairs converge in one step);
//  - a strictly valid message with nothing repaired, no trailing octets and a
//    Content-Length serializes back to its input.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sip/message/message_json.h"
#include "sip/message/message_parser.h"
#include "sip/message/message_writer.h"
#include "sip/message/request_checks.h"
#include "sip/message/typed_headers.h"

namespace {

using namespace sipconf::sip;

void check(bool ok) {
  if (!ok) std::abort();
}

void touch_typed_headers(const Message& m) {
  (void)top_via(m);
  (void)vias(m);
  (void)from(m);
  (void)to(m);
  (void)call_id(m);
  (void)cseq(m);
  (void)max_forwards(m);
  (void)contacts(m);
  (void)routes(m);
  (void)record_routes(m);
  (void)content_type(m);
  (void)session_expires(m);
  (void)p_asserted_identities(m);
  (void)reasons(m);
  (void)replaces(m);
  (void)rack(m);
  (void)m.request_uri();
  if (m.is_request()) (void)check_request_semantics(m);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  ParseOptions strict_options;
  ParseOptions lenient_options;
  lenient_options.mode = ParseMode::lenient;
  ParseResult strict = parse_message(input, strict_options);
  ParseResult lenient = parse_message(input, lenient_options);
  if (strict.ok()) check(lenient.ok());
  (void)to_json(lenient).dump();

  if (lenient.ok()) {
    touch_typed_headers(*lenient.message);
    std::string once = serialize(*lenient.message);
    ParseResult again = parse_message(once, lenient_options);
    check(again.ok());
    check(serialize(*again.message) == once);
  }

  if (strict.ok() && strict.violations.empty() && strict.message->has(HeaderId::content_length)) {
    std::size_t leading = input.find_first_not_of("\r\n");
    check(serialize(*strict.message) == input.substr(leading));
  }
  return 0;
}
