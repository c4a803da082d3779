// HTTP/1.1 on the server side, as bytes: reading one request off a connection's buffer and writing
// one response. Shared by the sandbox's loopback server and the adapter tests' scripted server.
#pragma once

#include "core/github/github_types.h"
#include "core/github/http.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace releasedesk::http1 {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// Limits that keep a confused or hostile client from growing a server without bound.
inline constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
inline constexpr int kMaxHeaderFields = 100;
inline constexpr qint64 kMaxBodyBytes = qint64(16) * 1024 * 1024;

// RFC 9110 token characters only (a method, a header name).
bool isToken(const QByteArray& text);
// Control characters (tab allowed) end a header value early or split a response.
bool hasControlCharacters(const QByteArray& text);
// Header names compare without case.
bool sameName(const QByteArray& a, std::string_view b);
QByteArray reasonPhrase(int status);
// RFC 9110: no body, and so no Content-Length, for 1xx, 204 and 304.
bool mayHaveBody(int status);
// The framing headers belong to the server, whatever a handler put in a response.
bool isFramingHeader(const std::string& name);
// The target without its query.
QByteArray pathOf(const QByteArray& target);

struct Request {
  QByteArray method;
  QByteArray target;  // origin form: path and query
  QByteArray version;
  RawHeaders headers;
  QByteArray body;
  QByteArray host;  // the authority the client addressed; empty for HTTP/1.0 without Host
  bool keepAlive = true;

  QByteArray path() const { return pathOf(target); }
  bool hasHeader(std::string_view name) const;
};

enum class ParseOutcome { Incomplete, Complete, Malformed };

struct ParseResult {
  ParseOutcome outcome = ParseOutcome::Incomplete;
  Request request;
  qsizetype consumed = 0;      // bytes of the buffer the request took, when Complete
  bool wantsContinue = false;  // headers complete, body not yet, and the client waits for 100
  int errorStatus = 400;       // when Malformed: the status to answer before closing
  QString errorMessage;
};

// Reads one request from the front of `buffer`: Incomplete until all of its bytes are there.
ParseResult parseRequest(const QByteArray& buffer);

struct ResponseFraming {
  bool keepAlive = true;          // "Connection: keep-alive", else "close"
  bool headOnly = false;          // the answer to HEAD: headers only
  std::optional<TimePoint> date;  // a Date header when set
  bool chunked = false;           // the body in chunks, without a Content-Length
};

// One response as bytes. The response's own framing headers (isFramingHeader()) are dropped and
// the server's written instead: a Content-Length wherever a body may follow, unless chunked.
QByteArray writeResponse(const HttpResponse& response, const ResponseFraming& framing);

}  // namespace releasedesk::http1
