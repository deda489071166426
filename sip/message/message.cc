#include "sip/message/message.h"

#include <string>

#include "sip/base/lexer.h"
#include "sip/message/parse_error.h"
#include "sip/message/status_codes.h"

namespace sipconf::sip {
namespace {

constexpr std::string_view kVersion = "SIP/2.0";

// Values set by code must not break the framing: a CR or LF that does not start a fold
// (CRLF followed by SP/HTAB) becomes a space.
std::string sanitize_value(std::string_view v) {
  std::string out(v);
  for (std::size_t i = 0; i < out.size(); ++i) {
    char c = out[i];
    if (c != '\r' && c != '\n') continue;
    bool fold = false;
    if (c == '\r' && i + 2 < out.size() && out[i + 1] == '\n' &&
        (out[i + 2] == ' ' || out[i + 2] == '\t')) {
      fold = true;
    }
    if (fold) {
      i += 1;  // keep CRLF; the WSP after it stays too
    } else {
      out[i] = ' ';
    }
  }
  return out;
}

bool needs_sanitizing(std::string_view v) {
  return v.find_first_of("\r\n") != std::string_view::npos;
}

}  // namespace

std::string_view Message::detach(std::string_view bytes, std::string& copy) const {
  const char* base = text_.data();
  if (bytes.empty() || bytes.data() < base || bytes.data() >= base + text_.size()) return bytes;
  copy.assign(bytes);  // the next store may reallocate the buffer this view points into
  return copy;
}

Message::Message() { version_ = store(kVersion); }

Message Message::request(std::string_view method, const Uri& request_uri) {
  Message m;
  m.method_ = m.store(method);
  m.uri_ = m.store(request_uri.to_string());
  return m;
}

Message Message::response(int status, std::string_view reason) {
  Message m;
  m.set_status(status, reason);
  return m;
}

Message::Span Message::store(std::string_view bytes) {
  const char* base = text_.data();
  if (!bytes.empty() && bytes.data() >= base && bytes.data() < base + text_.size()) {
    // The bytes live in our own buffer, which append may reallocate: copy them first.
    std::string copy(bytes);
    return store(copy);
  }
  Span s{static_cast<std::uint32_t>(text_.size()), static_cast<std::uint32_t>(bytes.size())};
  text_.append(bytes);
  return s;
}

void Message::drop(Span s) { unused_ += s.size; }

void Message::drop_field(const Field& f) {
  if (f.raw.size != 0) {
    drop(f.raw);
  } else {
    drop(f.name);
    drop(f.value);
  }
}

void Message::maybe_compact() {
  if (unused_ > 4096 && unused_ > text_.size() / 2) compact();
}

void Message::compact() {
  std::string out;
  out.reserve(text_.size() - std::min(unused_, text_.size()));
  auto move_span = [&](Span& s) {
    Span n{static_cast<std::uint32_t>(out.size()), s.size};
    out.append(view(s));
    s = n;
  };
  // Moves `inner` along with `outer` when it lies inside it; otherwise copies it alone.
  auto move_nested = [&](const Span& old_outer, const Span& new_outer, Span& inner) {
    if (old_outer.size != 0 && inner.offset >= old_outer.offset &&
        inner.offset + inner.size <= old_outer.offset + old_outer.size) {
      inner.offset = new_outer.offset + (inner.offset - old_outer.offset);
    } else {
      move_span(inner);
    }
  };
  Span old_start = start_raw_;
  if (start_raw_.size != 0) move_span(start_raw_);
  move_nested(old_start, start_raw_, method_);
  move_nested(old_start, start_raw_, uri_);
  move_nested(old_start, start_raw_, version_);
  move_nested(old_start, start_raw_, reason_);
  for (auto& f : fields_) {
    Span old_raw = f.raw;
    if (f.raw.size != 0) move_span(f.raw);
    move_nested(old_raw, f.raw, f.name);
    move_nested(old_raw, f.raw, f.value);
  }
  move_span(body_);
  text_ = std::move(out);
  unused_ = 0;
}

Result<Uri> Message::request_uri() const { return Uri::parse(request_uri_text()); }

void Message::set_method(std::string_view method) {
  request_ = true;
  method_ = store(method);
  start_raw_ = {};
}

void Message::set_request_uri(const Uri& uri) { set_request_uri_text(uri.to_string()); }

void Message::set_request_uri_text(std::string_view uri) {
  drop(uri_);
  uri_ = store(uri);
  start_raw_ = {};
  maybe_compact();
}

void Message::set_status(int status, std::string_view reason) {
  request_ = false;
  status_ = status;
  method_ = {};
  uri_ = {};
  reason_ = store(reason.empty() ? default_reason_phrase(status) : reason);
  start_raw_ = {};
}

HeaderField Message::header_at(std::size_t index) const {
  const Field& f = fields_[index];
  return {f.id, view(f.name), view(f.value)};
}

std::vector<HeaderField> Message::headers() const {
  std::vector<HeaderField> out;
  out.reserve(fields_.size());
  for (std::size_t i = 0; i < fields_.size(); ++i) out.push_back(header_at(i));
  return out;
}

std::size_t Message::find(HeaderId id, std::size_t from) const {
  for (std::size_t i = from; i < fields_.size(); ++i) {
    if (fields_[i].id == id) return i;
  }
  return fields_.size();
}

std::size_t Message::find(std::string_view name, std::size_t from) const {
  HeaderId id = lookup_header(name);
  if (id != HeaderId::unknown) return find(id, from);
  for (std::size_t i = from; i < fields_.size(); ++i) {
    if (fields_[i].id == HeaderId::unknown && iequals(view(fields_[i].name), name)) return i;
  }
  return fields_.size();
}

std::optional<std::string_view> Message::header(HeaderId id) const {
  std::size_t i = find(id);
  if (i == fields_.size()) return std::nullopt;
  return view(fields_[i].value);
}

std::optional<std::string_view> Message::header(std::string_view name) const {
  std::size_t i = find(name);
  if (i == fields_.size()) return std::nullopt;
  return view(fields_[i].value);
}

std::vector<std::string_view> Message::header_values(HeaderId id) const {
  std::vector<std::string_view> out;
  for (std::size_t i = find(id); i < fields_.size(); i = find(id, i + 1)) {
    out.push_back(view(fields_[i].value));
  }
  return out;
}

std::vector<std::string_view> Message::header_values(std::string_view name) const {
  std::vector<std::string_view> out;
  for (std::size_t i = find(name); i < fields_.size(); i = find(name, i + 1)) {
    out.push_back(view(fields_[i].value));
  }
  return out;
}

std::size_t Message::count(HeaderId id) const {
  std::size_t n = 0;
  for (const auto& f : fields_) n += f.id == id ? 1 : 0;
  return n;
}

std::size_t Message::count(std::string_view name) const {
  std::size_t n = 0;
  for (std::size_t i = find(name); i < fields_.size(); i = find(name, i + 1)) ++n;
  return n;
}

void Message::insert_header_at(std::size_t index, std::string_view name, std::string_view value) {
  std::string name_copy;
  std::string value_copy;
  name = detach(name, name_copy);
  value = detach(value, value_copy);
  Field f;
  f.id = lookup_header(name);
  f.name = store(name);
  f.value = needs_sanitizing(value) ? store(sanitize_value(value)) : store(value);
  if (index > fields_.size()) index = fields_.size();
  header_changing(f.id);
  fields_.insert(fields_.begin() + static_cast<std::ptrdiff_t>(index), f);
}

void Message::append_header(HeaderId id, std::string_view value) {
  insert_header_at(fields_.size(), canonical_name(id), value);
}

void Message::append_header(std::string_view name, std::string_view value) {
  insert_header_at(fields_.size(), name, value);
}

void Message::prepend_header(HeaderId id, std::string_view value) {
  std::size_t i = find(id);
  insert_header_at(i == fields_.size() ? 0 : i, canonical_name(id), value);
}

void Message::set_header_value_at(std::size_t index, std::string_view value) {
  std::string value_copy;
  value = detach(value, value_copy);
  Field& f = fields_[index];
  header_changing(f.id);
  Span name = f.name;
  if (f.raw.size != 0) {
    // The name lives inside the raw line we are giving up; keep a copy of it.
    drop(f.raw);
    f.raw = {};
    name = store(view(name));
  } else {
    drop(f.value);
  }
  f.name = name;
  f.value = needs_sanitizing(value) ? store(sanitize_value(value)) : store(value);
  maybe_compact();
}

void Message::set_header(HeaderId id, std::string_view value) {
  std::size_t i = find(id);
  if (i == fields_.size()) {
    append_header(id, value);
    return;
  }
  set_header_value_at(i, value);
  for (std::size_t j = find(id, i + 1); j < fields_.size(); j = find(id, j)) remove_header_at(j);
}

void Message::set_header(std::string_view name, std::string_view value) {
  std::string name_copy;
  name = detach(name, name_copy);
  std::size_t i = find(name);
  if (i == fields_.size()) {
    append_header(name, value);
    return;
  }
  set_header_value_at(i, value);
  for (std::size_t j = find(name, i + 1); j < fields_.size(); j = find(name, j)) {
    remove_header_at(j);
  }
}

void Message::remove_header_at(std::size_t index) {
  header_changing(fields_[index].id);
  drop_field(fields_[index]);
  fields_.erase(fields_.begin() + static_cast<std::ptrdiff_t>(index));
  maybe_compact();
}

std::size_t Message::remove_headers(HeaderId id) {
  std::size_t n = 0;
  for (std::size_t i = find(id); i < fields_.size(); i = find(id, i)) {
    remove_header_at(i);
    ++n;
  }
  return n;
}

std::size_t Message::remove_headers(std::string_view name) {
  std::string name_copy;
  name = detach(name, name_copy);
  std::size_t n = 0;
  for (std::size_t i = find(name); i < fields_.size(); i = find(name, i)) {
    remove_header_at(i);
    ++n;
  }
  return n;
}

const Result<Via>& Message::top_via() const {
  return top_via_.get([this]() -> Result<Via> {
    const std::optional<std::string_view> line = header(HeaderId::via);
    if (!line) return make_error_code(ParseError::header_missing);
    return Via::parse(lex::CommaList(*line).front());
  });
}

namespace {

template <class T>
Result<T> parse_first_line(std::optional<std::string_view> line) {
  if (!line) return make_error_code(ParseError::header_missing);
  return T::parse(*line);
}

}  // namespace

const Result<NameAddr>& Message::from() const {
  return from_.get([this] { return parse_first_line<NameAddr>(header(HeaderId::from)); });
}

const Result<NameAddr>& Message::to() const {
  return to_.get([this] { return parse_first_line<NameAddr>(header(HeaderId::to)); });
}

const Result<CSeq>& Message::cseq() const {
  return cseq_.get([this] { return parse_first_line<CSeq>(header(HeaderId::cseq)); });
}

void Message::header_changing(HeaderId id) {
  switch (id) {
    case HeaderId::via:
      top_via_.reset();
      break;
    case HeaderId::from:
      from_.reset();
      break;
    case HeaderId::to:
      to_.reset();
      break;
    case HeaderId::cseq:
      cseq_.reset();
      break;
    default:
      break;
  }
}

void Message::set_body(std::string_view body) {
  drop(body_);
  body_ = store(body);
  maybe_compact();
}

void Message::set_body(std::string_view body, std::string_view content_type) {
  set_body(body);
  if (body.empty()) {
    remove_headers(HeaderId::content_type);
  } else {
    set_header(HeaderId::content_type, content_type);
  }
}

}  // namespace sipconf::sip
