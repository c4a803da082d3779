// HTTP/1.1 request parsing and response writing over QByteArray.
#include "app/sandbox_server/http1_codec.h"

#include <QDateTime>
#include <QLocale>
#include <QUrl>

#include <algorithm>
#include <cctype>

namespace releasedesk::http1 {
namespace {

constexpr qsizetype kChunkBytes = 256;  // small, so a chunked body of a few KiB comes in many pieces

bool isTokenChar(char c) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) || kExtra.find(c) != std::string_view::npos;
}

bool isDigits(const QByteArray& text) {
  return !text.isEmpty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "host", "host:port" or "[v6]:port", as a Host header may carry it.
bool isValidAuthority(const QByteArray& authority) {
  QByteArray host = authority;
  QByteArray port;
  if (authority.startsWith('[')) {
    const qsizetype close = authority.indexOf(']');
    if (close < 0) return false;
    host = authority.mid(1, close - 1);
    const QByteArray rest = authority.mid(close + 1);
    if (!rest.isEmpty() && !rest.startsWith(':')) return false;
    port = rest.mid(1);
    if (host.isEmpty() || !std::all_of(host.begin(), host.end(), [](char c) {
          return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.';
        })) {
      return false;
    }
  } else {
    if (const qsizetype colon = authority.lastIndexOf(':'); colon >= 0) {
      host = authority.left(colon);
      port = authority.mid(colon + 1);
      if (port.isEmpty()) return false;
    }
    if (host.isEmpty() || !std::all_of(host.begin(), host.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
        })) {
      return false;
    }
  }
  return port.isEmpty() || (isDigits(port) && port.size() <= 5 && port.toInt() <= 65535);
}

QByteArray httpDate(TimePoint time) {
  const QDateTime at = QDateTime::fromSecsSinceEpoch(time.time_since_epoch().count(), Qt::UTC);
  return QLocale::c().toString(at, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

ParseResult malformed(int status, QString message) {
  ParseResult result;
  result.outcome = ParseOutcome::Malformed;
  result.errorStatus = status;
  result.errorMessage = std::move(message);
  return result;
}

}  // namespace

bool isToken(const QByteArray& text) {
  return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

bool hasControlCharacters(const QByteArray& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7f;
  });
}

bool sameName(const QByteArray& a, std::string_view b) {
  return a.compare(QByteArray::fromRawData(b.data(), static_cast<qsizetype>(b.size())), Qt::CaseInsensitive) == 0;
}

QByteArray reasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 413: return "Content Too Large";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: break;
  }
  if (status >= 500) return "Server Error";
  if (status >= 400) return "Client Error";
  if (status >= 300) return "Redirection";
  return "Success";
}

bool mayHaveBody(int status) {
  return status >= 200 && status != 204 && status != 304;
}

bool isFramingHeader(const std::string& name) {
  const QByteArray bytes = QByteArray::fromStdString(name);
  return sameName(bytes, "content-length") || sameName(bytes, "connection") || sameName(bytes, "keep-alive") ||
         sameName(bytes, "transfer-encoding") || sameName(bytes, "date");
}

QByteArray pathOf(const QByteArray& target) {
  const qsizetype question = target.indexOf('?');
  return question < 0 ? target : target.left(question);
}

bool Request::hasHeader(std::string_view name) const {
  return std::any_of(headers.begin(), headers.end(), [&](const auto& header) { return sameName(header.first, name); });
}

ParseResult parseRequest(const QByteArray& buffer) {
  ParseResult result;
  qsizetype start = 0;
  // RFC 9112 §2.2: empty lines before a request line are ignored.
  while (start < buffer.size() && (buffer[start] == '\r' || buffer[start] == '\n')) ++start;

  QList<QByteArray> lines;
  qsizetype headerEnd = -1;
  for (qsizetype cursor = start; cursor < buffer.size();) {
    const qsizetype newline = buffer.indexOf('\n', cursor);
    if (newline < 0) break;
    QByteArray line = buffer.mid(cursor, newline - cursor);
    if (line.endsWith('\r')) line.chop(1);  // a bare LF is accepted too, as RFC 9112 allows
    cursor = newline + 1;
    if (line.isEmpty()) {
      headerEnd = cursor;
      break;
    }
    lines.append(line);
    if (lines.size() > kMaxHeaderFields + 1) return malformed(431, QStringLiteral("Too many header fields."));
  }
  if (headerEnd < 0) {
    // The skipped empty lines count too: a client sending nothing but CR must not grow the buffer.
    if (buffer.size() > kMaxHeaderBytes) return malformed(431, QStringLiteral("The header is too large."));
    return result;
  }
  if (headerEnd > kMaxHeaderBytes) return malformed(431, QStringLiteral("The header is too large."));

  Request& request = result.request;
  const QList<QByteArray> parts = lines.first().split(' ');
  if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty() || hasControlCharacters(parts[1])) {
    return malformed(400, QStringLiteral("The request line is malformed."));
  }
  request.method = parts[0];
  request.target = parts[1];
  request.version = parts[2];
  if (request.version != "HTTP/1.1" && request.version != "HTTP/1.0") {
    const bool looksLikeHttp = request.version.size() == 8 && request.version.startsWith("HTTP/") &&
                               std::isdigit(static_cast<unsigned char>(request.version[5])) &&
                               request.version[6] == '.' &&
                               std::isdigit(static_cast<unsigned char>(request.version[7]));
    return looksLikeHttp ? malformed(505, QStringLiteral("Only HTTP/1.0 and HTTP/1.1 are served."))
                         : malformed(400, QStringLiteral("The request line is malformed."));
  }

  QList<QByteArray> hosts;
  QList<QByteArray> lengths;
  QList<QByteArray> connectionTokens;
  bool expectsContinue = false;
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const QByteArray& line = lines[i];
    if (line.startsWith(' ') || line.startsWith('\t')) {
      return malformed(400, QStringLiteral("Folded header lines are not accepted."));
    }
    const qsizetype colon = line.indexOf(':');
    const QByteArray name = colon > 0 ? line.left(colon) : QByteArray();
    if (!isToken(name)) return malformed(400, QStringLiteral("A header line is malformed."));
    const QByteArray value = line.mid(colon + 1).trimmed();
    if (hasControlCharacters(value)) return malformed(400, QStringLiteral("A header value has control characters."));
    request.headers.append({name, value});
    if (sameName(name, "host")) hosts.append(value);
    if (sameName(name, "content-length")) lengths.append(value);
    if (sameName(name, "connection")) {
      for (const QByteArray& token : value.split(',')) connectionTokens.append(token.trimmed().toLower());
    }
    if (sameName(name, "expect") && value.compare("100-continue", Qt::CaseInsensitive) == 0) expectsContinue = true;
  }
  if (request.hasHeader("transfer-encoding")) {
    return malformed(501,
                     QStringLiteral("Request bodies with Transfer-Encoding are not supported; send Content-Length."));
  }

  // The absolute form (a proxy-style request line) names the host itself; RFC 9112 §3.2.2 says
  // it wins over the Host header.
  if (request.target.startsWith('/')) {
    if (hosts.size() > 1) return malformed(400, QStringLiteral("More than one Host header."));
    if (hosts.isEmpty() && request.version == "HTTP/1.1")
      return malformed(400, QStringLiteral("The Host header is missing."));
    request.host = hosts.value(0);
  } else {
    const QUrl url = QUrl::fromEncoded(request.target, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != QStringLiteral("http") || url.host().isEmpty()) {
      return malformed(400, QStringLiteral("The request target is malformed."));
    }
    request.host = url.authority(QUrl::FullyEncoded).toLatin1();
    QByteArray path = url.path(QUrl::FullyEncoded).toLatin1();
    if (path.isEmpty()) path = "/";
    request.target = url.hasQuery() ? path + '?' + url.query(QUrl::FullyEncoded).toLatin1() : path;
  }
  if (!request.host.isEmpty() && !isValidAuthority(request.host)) {
    return malformed(400, QStringLiteral("The Host header is malformed."));
  }

  qint64 contentLength = 0;
  for (const QByteArray& length : lengths) {
    if (!isDigits(length) || length.size() > 15 || (length != lengths.first())) {
      return malformed(400, QStringLiteral("The Content-Length header is malformed."));
    }
    contentLength = length.toLongLong();
  }
  if (contentLength > kMaxBodyBytes) return malformed(413, QStringLiteral("The request body is too large."));

  request.keepAlive =
      request.version == "HTTP/1.1" ? !connectionTokens.contains("close") : connectionTokens.contains("keep-alive");
  if (buffer.size() - headerEnd < contentLength) {
    result.wantsContinue = expectsContinue && request.version == "HTTP/1.1";
    return result;
  }
  request.body = buffer.mid(headerEnd, contentLength);
  result.consumed = headerEnd + contentLength;
  result.outcome = ParseOutcome::Complete;
  return result;
}

QByteArray writeResponse(const HttpResponse& response, const ResponseFraming& framing) {
  QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) {
    if (isFramingHeader(name)) continue;
    out += QByteArray::fromStdString(name) + ": " + QByteArray::fromStdString(value) + "\r\n";
  }
  if (framing.date) out += "Date: " + httpDate(*framing.date) + "\r\n";
  out += framing.keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  const bool withBody = !framing.headOnly && mayHaveBody(response.status);
  if (framing.chunked && mayHaveBody(response.status)) {
    out += "Transfer-Encoding: chunked\r\n\r\n";
    if (!withBody) return out;
    const QByteArray body = QByteArray::fromStdString(response.body);
    for (qsizetype at = 0; at < body.size(); at += kChunkBytes) {
      const QByteArray chunk = body.mid(at, kChunkBytes);
      out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    out += "0\r\n\r\n";
    return out;
  }
  // Always a Content-Length where a body may follow: Qt's client, like any HTTP/1.1 client,
  // needs it to find the end of the answer on a kept-alive connection.
  if (mayHaveBody(response.status))
    out += "Content-Length: " + QByteArray::number(qsizetype(response.body.size())) + "\r\n";
  out += "\r\n";
  if (withBody) out += QByteArray::fromStdString(response.body);
  return out;
}

}  // namespace releasedesk::http1
