#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sip/base/result.h"
#include "sip/message/cseq.h"
#include "sip/message/header_names.h"
#include "sip/message/name_addr.h"
#include "sip/message/parse_cache.h"
#include "sip/message/uri.h"
#include "sip/message/via.h"

namespace sipconf::sip {

/// One header line as stored: a view into the message, valid until the message is mutated.
struct HeaderField {
  HeaderId id = HeaderId::unknown;
  std::string_view name;   ///< as received ("v", "MaX-fOrWaRdS") or as added
  std::string_view value;  ///< without leading/trailing LWS; folded lines kept as received
};

/// A SIP request or response. Headers stay in wire order, one entry per header line; names
/// compare case-insensitively with compact forms (see header_names.h). The body is bytes.
///
/// Storage: one text buffer the message owns. A parsed message keeps the received bytes there
/// and every start-line part, header and body is a view into them (no copies); values set
/// later are appended to the same buffer. Hence copies and moves are cheap and safe, and every
/// string_view a Message returns stays valid until the next mutation of that message (like
/// std::string iterators). Typed values are parsed on demand (typed_headers.h); the headers
/// every hop reads several times (top Via, From, To, CSeq) are parsed once and kept.
class Message {
 public:
  /// An empty request; use request()/response() to build one.
  Message();

  /// A request `METHOD uri SIP/2.0` with no headers.
  static Message request(std::string_view method, const Uri& request_uri);
  /// A response `SIP/2.0 status reason`; an empty reason takes the RFC 3261 default phrase.
  static Message response(int status, std::string_view reason = {});

  bool is_request() const { return request_; }
  bool is_response() const { return !request_; }

  // --- Start line ---------------------------------------------------------------------
  std::string_view method() const { return view(method_); }  ///< empty for a response
  std::string_view request_uri_text() const { return view(uri_); }
  /// The Request-URI parsed (strictly; unknown schemes parse as opaque URIs).
  Result<Uri> request_uri() const;
  std::string_view version() const { return view(version_); }  ///< "SIP/2.0"
  int status_code() const { return status_; }                  ///< 0 for a request
  std::string_view reason_phrase() const { return view(reason_); }

  void set_method(std::string_view method);
  void set_request_uri(const Uri& uri);
  void set_request_uri_text(std::string_view uri);
  /// Makes this a response with the given status; an empty reason takes the default phrase.
  void set_status(int status, std::string_view reason = {});

  // --- Headers -------------------------------------------------------------------------
  std::size_t header_count() const { return fields_.size(); }
  HeaderField header_at(std::size_t index) const;
  std::vector<HeaderField> headers() const;

  /// Value of the first header line of this kind (or name: compact forms and case ignored).
  std::optional<std::string_view> header(HeaderId id) const;
  std::optional<std::string_view> header(std::string_view name) const;
  /// Values of every line of this kind, in order (each may itself be a comma list).
  std::vector<std::string_view> header_values(HeaderId id) const;
  std::vector<std::string_view> header_values(std::string_view name) const;
  std::size_t count(HeaderId id) const;
  std::size_t count(std::string_view name) const;
  bool has(HeaderId id) const { return count(id) != 0; }
  /// Index of the first line of this kind at or after `from`, or header_count().
  std::size_t find(HeaderId id, std::size_t from = 0) const;
  std::size_t find(std::string_view name, std::size_t from = 0) const;

  /// Mutations below invalidate every view previously obtained from this message.
  /// Known headers added by id get their canonical name.
  void append_header(HeaderId id, std::string_view value);
  void append_header(std::string_view name, std::string_view value);
  /// Inserts before the first line of the same kind, or first in the header section if there
  /// is none (how Via and Record-Route are pushed).
  void prepend_header(HeaderId id, std::string_view value);
  void insert_header_at(std::size_t index, std::string_view name, std::string_view value);
  /// Replaces the first line of this kind (keeping its position and name) and removes the
  /// others; appends if there is none.
  void set_header(HeaderId id, std::string_view value);
  void set_header(std::string_view name, std::string_view value);
  void set_header_value_at(std::size_t index, std::string_view value);
  /// Removes every line of this kind; returns how many.
  std::size_t remove_headers(HeaderId id);
  std::size_t remove_headers(std::string_view name);
  void remove_header_at(std::size_t index);

  // --- Parsed once -----------------------------------------------------------------------
  /// The first value of the first Via line, parsed strictly on first use and kept until a
  /// Via line changes: matching, stamping, routing and the B2BUA's checks all read it.
  /// Valid, like a view, until the next mutation of this message; an absent Via is
  /// ParseError::header_missing.
  const Result<Via>& top_via() const;
  /// From, To and CSeq, kept the same way: transaction matching, dialog matching, the
  /// request checks and the B2BUA each read them. An absent header is
  /// ParseError::header_missing.
  const Result<NameAddr>& from() const;
  const Result<NameAddr>& to() const;
  const Result<CSeq>& cseq() const;

  // --- Body ----------------------------------------------------------------------------
  std::string_view body() const { return view(body_); }
  /// Sets the body bytes; serialization writes a matching Content-Length.
  void set_body(std::string_view body);
  /// Sets the body and its Content-Type (an empty body removes Content-Type).
  void set_body(std::string_view body, std::string_view content_type);

  // --- For the writer --------------------------------------------------------------------
  /// The start line as received (with CRLF), or empty if it was built or changed.
  std::string_view raw_start_line() const { return view(start_raw_); }
  /// The header line(s) as received (name, colon, value, folds, CRLF), or empty if the line
  /// was built or changed.
  std::string_view raw_header_at(std::size_t index) const { return view(fields_[index].raw); }
  /// Bytes held beyond what the message needs (replaced values); compact() drops them.
  std::size_t unused_bytes() const { return unused_; }
  void compact();

 private:
  struct Span {
    std::uint32_t offset = 0;
    std::uint32_t size = 0;
  };
  struct Field {
    HeaderId id = HeaderId::unknown;
    Span name;
    Span value;
    Span raw;
  };

  std::string_view view(Span s) const { return std::string_view(text_).substr(s.offset, s.size); }
  Span store(std::string_view bytes);
  /// `bytes`, or a copy of them in `copy` if they live in our own buffer.
  std::string_view detach(std::string_view bytes, std::string& copy) const;
  void drop(Span s);
  void drop_field(const Field& f);
  void maybe_compact();
  /// Forgets what was parsed from a line of kind `id` that is changing.
  void header_changing(HeaderId id);

  std::string text_;
  bool request_ = true;
  int status_ = 0;
  Span start_raw_;
  Span method_;
  Span uri_;
  Span version_;
  Span reason_;
  std::vector<Field> fields_;
  Span body_;
  std::size_t unused_ = 0;
  ParseCache<Result<Via>> top_via_;
  ParseCache<Result<NameAddr>> from_;
  ParseCache<Result<NameAddr>> to_;
  ParseCache<Result<CSeq>> cseq_;

  friend class MessageParserImpl;
};

}  // namespace sipconf::sip
