#include "sip/message/message_writer.h"

#include <string>

#include "sip/message/scalar_header.h"

namespace sipconf::sip {
namespace {

void write_start_line(const Message& m, std::string& out) {
  std::string_view raw = m.raw_start_line();
  if (!raw.empty()) {
    out.append(raw);
    return;
  }
  if (m.is_request()) {
    out.append(m.method());
    out.push_back(' ');
    out.append(m.request_uri_text());
    out.push_back(' ');
    out.append(m.version());
  } else {
    out.append(m.version());
    out.push_back(' ');
    out.append(std::to_string(m.status_code()));
    out.push_back(' ');
    out.append(m.reason_phrase());
  }
  out.append("\r\n");
}

void write_field(const Message& m, std::size_t i, std::string& out) {
  std::string_view raw = m.raw_header_at(i);
  if (!raw.empty()) {
    out.append(raw);
    return;
  }
  HeaderField f = m.header_at(i);
  out.append(f.name);
  out.append(": ");
  out.append(f.value);
  out.append("\r\n");
}

}  // namespace

std::string start_line(const Message& m) {
  std::string out;
  write_start_line(m, out);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

void serialize_to(const Message& m, std::string& out, const WriteOptions& options) {
  std::string_view body = m.body();
  out.reserve(out.size() + 64 + body.size() + m.header_count() * 48);
  write_start_line(m, out);
  bool length_written = false;
  for (std::size_t i = 0; i < m.header_count(); ++i) {
    if (options.fix_content_length && m.header_at(i).id == HeaderId::content_length) {
      if (length_written) continue;
      length_written = true;
      auto n = parse_content_length(m.header_at(i).value);
      if (n && *n == body.size()) {
        write_field(m, i, out);
      } else {
        out.append(m.header_at(i).name);
        out.append(": ");
        out.append(std::to_string(body.size()));
        out.append("\r\n");
      }
      continue;
    }
    write_field(m, i, out);
  }
  if (options.fix_content_length && !length_written) {
    out.append("Content-Length: ");
    out.append(std::to_string(body.size()));
    out.append("\r\n");
  }
  out.append("\r\n");
  out.append(body);
}

std::string serialize(const Message& m, const WriteOptions& options) {
  std::string out;
  serialize_to(m, out, options);
  return out;
}

}  // namespace sipconf::sip
