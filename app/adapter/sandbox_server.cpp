// SandboxServer: HTTP/1.1 framing over QTcpServer, the fault rules and the request log around
// SandboxRepository::handle().
#include "app/adapter/sandbox_server.h"

#include "core/sandbox/sandbox_repository.h"

#include <QDateTime>
#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string_view>

namespace releasedesk {
namespace {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

// Limits that keep a confused or hostile client from growing the server without bound.
constexpr qsizetype kMaxHeaderBytes = 64 * 1024;
constexpr int kMaxHeaderFields = 100;
constexpr qint64 kMaxBodyBytes = qint64(16) * 1024 * 1024;
constexpr std::size_t kMaxLogEntries = 10000;
constexpr qint64 kMaxPadBytes = qint64(256) * 1024 * 1024;
constexpr qint64 kMaxDelayMs = 10 * 60 * 1000;

const QByteArray kControlPrefix = QByteArrayLiteral("/_sandbox");

// ---- small byte helpers -------------------------------------------------------------------

bool isTokenChar(char c) {
  static constexpr std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) || kExtra.find(c) != std::string_view::npos;
}

bool isToken(const QByteArray& text) {
  return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

// Control characters (tab allowed) end a header value early or split a response: refused.
bool hasControlCharacters(const QByteArray& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t') || byte == 0x7f;
  });
}

bool sameName(const QByteArray& a, std::string_view b) {
  return a.compare(QByteArray::fromRawData(b.data(), static_cast<qsizetype>(b.size())), Qt::CaseInsensitive) == 0;
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

// RFC 9110: no body, and so no Content-Length, for 1xx, 204 and 304.
bool mayHaveBody(int status) {
  return status >= 200 && status != 204 && status != 304;
}

QByteArray httpDate(TimePoint time) {
  const QDateTime at = QDateTime::fromSecsSinceEpoch(time.time_since_epoch().count(), Qt::UTC);
  return QLocale::c().toString(at, QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'")).toLatin1();
}

QByteArray jsonBytes(const QJsonObject& object) {
  return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

HttpResponse jsonResponse(int status, const QJsonObject& body, HttpHeaders headers = {}) {
  setHeader(headers, "content-type", "application/json; charset=utf-8");
  return {status, std::move(headers), jsonBytes(body).toStdString()};
}

HttpResponse messageResponse(int status, const QString& message) {
  return jsonResponse(status, QJsonObject{{QStringLiteral("message"), message}});
}

// ---- request parsing ----------------------------------------------------------------------

// The target without its query. (QByteArray::left() of a negative length is empty, not all.)
QByteArray pathOf(const QByteArray& target) {
  const qsizetype question = target.indexOf('?');
  return question < 0 ? target : target.left(question);
}

struct ParsedRequest {
  QByteArray method;
  QByteArray target;  // origin form: path and query
  QByteArray version;
  RawHeaders headers;
  QByteArray body;
  QByteArray host;  // the authority the client addressed
  bool keepAlive = true;

  QByteArray path() const { return pathOf(target); }
  bool hasHeader(std::string_view name) const {
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& header) { return sameName(header.first, name); });
  }
};

enum class ParseOutcome { Incomplete, Complete, Malformed };

struct ParseResult {
  ParseOutcome outcome = ParseOutcome::Incomplete;
  ParsedRequest request;
  qsizetype consumed = 0;
  bool wantsContinue = false;  // headers complete, body not yet, and the client waits for 100
  int errorStatus = 400;
  QString errorMessage;
};

ParseResult malformed(int status, QString message) {
  ParseResult result;
  result.outcome = ParseOutcome::Malformed;
  result.errorStatus = status;
  result.errorMessage = std::move(message);
  return result;
}

// Reads one request from the front of `buffer`: Incomplete until all of its bytes are there.
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
    if (buffer.size() - start > kMaxHeaderBytes) return malformed(431, QStringLiteral("The header is too large."));
    return result;
  }
  if (headerEnd - start > kMaxHeaderBytes) return malformed(431, QStringLiteral("The header is too large."));

  ParsedRequest& request = result.request;
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

// ---- responses ----------------------------------------------------------------------------

// The framing headers belong to the server, whatever a rule or the repository put in.
bool isFramingHeader(const std::string& name) {
  const QByteArray bytes = QByteArray::fromStdString(name);
  return sameName(bytes, "content-length") || sameName(bytes, "connection") || sameName(bytes, "keep-alive") ||
         sameName(bytes, "transfer-encoding") || sameName(bytes, "date");
}

QByteArray serialize(const HttpResponse& response, bool keepAlive, bool headOnly, TimePoint now) {
  QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) {
    if (isFramingHeader(name)) continue;
    out += QByteArray::fromStdString(name) + ": " + QByteArray::fromStdString(value) + "\r\n";
  }
  out += "Date: " + httpDate(now) + "\r\n";
  out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  // Always a Content-Length where a body may follow: Qt's client, like any HTTP/1.1 client,
  // needs it to find the end of the answer on a kept-alive connection.
  if (mayHaveBody(response.status))
    out += "Content-Length: " + QByteArray::number(qsizetype(response.body.size())) + "\r\n";
  out += "\r\n";
  if (!headOnly && mayHaveBody(response.status)) out += QByteArray::fromStdString(response.body);
  return out;
}

// ---- fault rules --------------------------------------------------------------------------

std::optional<qint64> integerOf(const QJsonValue& value) {
  if (!value.isDouble()) return std::nullopt;
  const double number = value.toDouble();
  if (std::floor(number) != number || std::abs(number) > 9.0e15) return std::nullopt;
  return static_cast<qint64>(number);
}

QJsonObject faultToJson(const SandboxFault& fault) {
  QJsonObject json;
  if (!fault.method.isEmpty()) json.insert(QStringLiteral("method"), QString::fromLatin1(fault.method));
  json.insert(QStringLiteral("path"), QString::fromUtf8(fault.path));
  if (!fault.query.isEmpty()) json.insert(QStringLiteral("query"), QString::fromUtf8(fault.query));
  json.insert(QStringLiteral("times"), fault.times);
  switch (fault.action) {
    case SandboxFault::Action::Status: {
      json.insert(QStringLiteral("status"), fault.status);
      QJsonObject headers;
      for (const auto& [name, value] : fault.headers)
        headers.insert(QString::fromLatin1(name), QString::fromUtf8(value));
      if (!headers.isEmpty()) json.insert(QStringLiteral("headers"), headers);
      if (!fault.body.isEmpty()) json.insert(QStringLiteral("body"), QString::fromUtf8(fault.body));
      break;
    }
    case SandboxFault::Action::Delay: json.insert(QStringLiteral("delayMs"), fault.delayMs); break;
    case SandboxFault::Action::Hang: json.insert(QStringLiteral("hang"), true); break;
    case SandboxFault::Action::Truncate: json.insert(QStringLiteral("truncate"), true); break;
    case SandboxFault::Action::Pad: json.insert(QStringLiteral("padBytes"), fault.padBytes); break;
    case SandboxFault::Action::Link: json.insert(QStringLiteral("link"), QString::fromUtf8(fault.link)); break;
    case SandboxFault::Action::Redirect:
      json.insert(QStringLiteral("redirectTo"), QString::fromUtf8(fault.redirectTo));
      break;
  }
  return json;
}

}  // namespace

std::optional<SandboxFault> parseSandboxFault(const QJsonObject& rule, QString& error) {
  static const QStringList kKeys = {QStringLiteral("method"),     QStringLiteral("path"),     QStringLiteral("query"),
                                    QStringLiteral("times"),      QStringLiteral("status"),   QStringLiteral("body"),
                                    QStringLiteral("headers"),    QStringLiteral("delayMs"),  QStringLiteral("hang"),
                                    QStringLiteral("truncate"),   QStringLiteral("padBytes"), QStringLiteral("link"),
                                    QStringLiteral("redirectTo"), QStringLiteral("comment")};
  static const QStringList kActions = {QStringLiteral("status"),    QStringLiteral("delayMs"),  QStringLiteral("hang"),
                                       QStringLiteral("truncate"),  QStringLiteral("padBytes"), QStringLiteral("link"),
                                       QStringLiteral("redirectTo")};
  const auto fail = [&error](QString message) -> std::optional<SandboxFault> {
    error = std::move(message);
    return std::nullopt;
  };
  for (const QString& key : rule.keys()) {
    // Unknown keys are refused: a misspelt "time" must not silently mean "once".
    if (!kKeys.contains(key)) return fail(QStringLiteral("unknown key \"%1\"").arg(key));
  }

  SandboxFault fault;
  if (rule.contains(QStringLiteral("method"))) {
    fault.method = rule.value(QStringLiteral("method")).toString().toUpper().toLatin1();
    if (!isToken(fault.method)) return fail(QStringLiteral("\"method\" must be an HTTP method such as \"GET\""));
  }
  const QJsonValue path = rule.value(QStringLiteral("path"));
  if (!path.isString() || !path.toString().startsWith(QLatin1Char('/'))) {
    return fail(QStringLiteral("\"path\" is required and must start with '/' (\"/\" matches every path)"));
  }
  fault.path = path.toString().toUtf8();
  if (fault.path.contains('?')) return fail(QStringLiteral("\"path\" must not contain a query; use \"query\""));
  if (rule.contains(QStringLiteral("query"))) {
    if (!rule.value(QStringLiteral("query")).isString()) return fail(QStringLiteral("\"query\" must be a string"));
    fault.query = rule.value(QStringLiteral("query")).toString().toUtf8();
  }
  if (rule.contains(QStringLiteral("times"))) {
    const auto times = integerOf(rule.value(QStringLiteral("times")));
    if (!times || *times < 0 || *times > 1000000) {
      return fail(QStringLiteral("\"times\" must be a whole number, 0 meaning forever"));
    }
    fault.times = static_cast<int>(*times);
  }

  QStringList actions;
  for (const QString& key : kActions) {
    if (rule.contains(key)) actions.append(key);
  }
  if (actions.size() != 1) {
    return fail(QStringLiteral("a rule needs exactly one action of: ") + kActions.join(QStringLiteral(", ")) +
                (actions.isEmpty()
                     ? QString()
                     : QStringLiteral(" (found ") + actions.join(QStringLiteral(", ")) + QLatin1Char(')')));
  }
  const QString action = actions.first();
  if (action != QStringLiteral("status") &&
      (rule.contains(QStringLiteral("body")) || rule.contains(QStringLiteral("headers")))) {
    return fail(QStringLiteral("\"body\" and \"headers\" go with \"status\" only"));
  }
  const QJsonValue value = rule.value(action);

  if (action == QStringLiteral("status")) {
    const auto status = integerOf(value);
    if (!status || *status < 200 || *status > 599) return fail(QStringLiteral("\"status\" must be from 200 to 599"));
    fault.action = SandboxFault::Action::Status;
    fault.status = static_cast<int>(*status);
    const QJsonValue headers = rule.value(QStringLiteral("headers"));
    if (!headers.isUndefined() && !headers.isObject()) {
      return fail(QStringLiteral("\"headers\" must be an object of names and values"));
    }
    const QJsonObject headerObject = headers.toObject();
    for (auto it = headerObject.begin(); it != headerObject.end(); ++it) {
      const QByteArray name = it.key().toLatin1();
      QByteArray headerValue;
      if (it.value().isString()) {
        headerValue = it.value().toString().toUtf8();
      } else if (const auto number = integerOf(it.value())) {
        headerValue = QByteArray::number(*number);
      } else {
        return fail(QStringLiteral("the header \"%1\" must have a string or number value").arg(it.key()));
      }
      if (!isToken(name) || hasControlCharacters(headerValue)) {
        return fail(QStringLiteral("the header \"%1\" is not a valid header").arg(it.key()));
      }
      if (isFramingHeader(name.toStdString())) {
        return fail(QStringLiteral("the header \"%1\" is set by the server itself").arg(it.key()));
      }
      fault.headers.append({name, headerValue});
    }
    const QJsonValue body = rule.value(QStringLiteral("body"));
    if (body.isString()) {
      fault.body = body.toString().toUtf8();
    } else if (body.isObject()) {
      fault.body = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    } else if (body.isArray()) {
      fault.body = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    } else if (!body.isUndefined()) {
      return fail(QStringLiteral("\"body\" must be a string, an object or an array"));
    } else if (fault.status >= 400) {
      // GitHub's errors always carry a JSON message; so do the sandbox's unless told otherwise.
      fault.body =
          jsonBytes(QJsonObject{{QStringLiteral("message"), QString::fromLatin1(reasonPhrase(fault.status))},
                                {QStringLiteral("documentation_url"), QStringLiteral("https://docs.github.com/rest")},
                                {QStringLiteral("status"), QString::number(fault.status)}});
    }
  } else if (action == QStringLiteral("delayMs")) {
    const auto delay = integerOf(value);
    if (!delay || *delay < 0 || *delay > kMaxDelayMs) {
      return fail(QStringLiteral("\"delayMs\" must be from 0 to %1").arg(kMaxDelayMs));
    }
    fault.action = SandboxFault::Action::Delay;
    fault.delayMs = static_cast<int>(*delay);
  } else if (action == QStringLiteral("hang") || action == QStringLiteral("truncate")) {
    if (value != QJsonValue(true)) return fail(QStringLiteral("\"%1\" takes true").arg(action));
    fault.action = action == QStringLiteral("hang") ? SandboxFault::Action::Hang : SandboxFault::Action::Truncate;
  } else if (action == QStringLiteral("padBytes")) {
    const auto bytes = integerOf(value);
    if (!bytes || *bytes < 1 || *bytes > kMaxPadBytes) {
      return fail(QStringLiteral("\"padBytes\" must be from 1 to %1").arg(kMaxPadBytes));
    }
    fault.action = SandboxFault::Action::Pad;
    fault.padBytes = *bytes;
  } else if (action == QStringLiteral("link")) {
    if (!value.isString()) return fail(QStringLiteral("\"link\" must be a string"));
    fault.link = value.toString().toUtf8();
    if (hasControlCharacters(fault.link)) return fail(QStringLiteral("\"link\" must not contain control characters"));
    fault.action = SandboxFault::Action::Link;
  } else {
    const QUrl target(value.toString(), QUrl::StrictMode);
    if (!value.isString() || !target.isValid() || target.host().isEmpty() ||
        (target.scheme() != QStringLiteral("http") && target.scheme() != QStringLiteral("https"))) {
      return fail(QStringLiteral("\"redirectTo\" must be an absolute http or https URL"));
    }
    fault.redirectTo = target.toEncoded();
    fault.action = SandboxFault::Action::Redirect;
  }
  return fault;
}

std::optional<std::vector<SandboxFault>> parseSandboxFaults(const QByteArray& json, QString& error) {
  QJsonParseError parseError;
  const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
  if (document.isNull()) {
    error = QStringLiteral("not valid JSON: ") + parseError.errorString();
    return std::nullopt;
  }
  std::vector<SandboxFault> faults;
  if (document.isObject()) {
    auto fault = parseSandboxFault(document.object(), error);
    if (!fault) return std::nullopt;
    faults.push_back(std::move(*fault));
    return faults;
  }
  const QJsonArray rules = document.array();
  for (qsizetype i = 0; i < rules.size(); ++i) {
    QString ruleError;
    auto fault = rules[i].isObject() ? parseSandboxFault(rules[i].toObject(), ruleError) : std::nullopt;
    if (!rules[i].isObject()) ruleError = QStringLiteral("a rule must be a JSON object");
    if (!fault) {
      error = QStringLiteral("rule %1: %2").arg(i + 1).arg(ruleError);
      return std::nullopt;
    }
    faults.push_back(std::move(*fault));
  }
  return faults;
}

// ---- one client connection ----------------------------------------------------------------

// Reads requests off one socket and answers them in order. While an answer is held back (a
// delay or a hang), later requests on the same connection wait behind it, as HTTP/1.1 requires.
class SandboxServer::Connection final : public QObject {
 public:
  Connection(SandboxServer& server, QTcpSocket* socket)
      : QObject(server.connections_.get()), server_(server), socket_(socket) {
    socket_->setParent(this);
    socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket_, &QTcpSocket::readyRead, this, [this] { readAvailable(); });
    connect(socket_, &QTcpSocket::disconnected, this, &QObject::deleteLater);
    if (socket_->bytesAvailable() > 0) readAvailable();
  }

  ~Connection() override {
    QObject::disconnect(socket_, nullptr, this, nullptr);
    socket_->abort();
  }

 private:
  void readAvailable() {
    buffer_ += socket_->readAll();
    if (busy_ && buffer_.size() > kMaxHeaderBytes + kMaxBodyBytes) {
      socket_->abort();  // a client that keeps sending while we hold its answer back
      return;
    }
    processBuffer();
  }

  void processBuffer() {
    while (!busy_ && !closing_ && !buffer_.isEmpty()) {
      ParseResult parsed = parseRequest(buffer_);
      if (parsed.outcome == ParseOutcome::Incomplete) {
        if (parsed.wantsContinue && !continueSent_) {
          socket_->write("HTTP/1.1 100 Continue\r\n\r\n");
          continueSent_ = true;
        }
        return;
      }
      if (parsed.outcome == ParseOutcome::Malformed) {
        // After malformed input the framing is lost: answer once and close.
        buffer_.clear();
        send(messageResponse(parsed.errorStatus, parsed.errorMessage), false, false);
        return;
      }
      buffer_.remove(0, parsed.consumed);
      continueSent_ = false;
      if (parsed.request.host.isEmpty()) {
        // HTTP/1.0 without Host: the address the client connected to.
        parsed.request.host = "127.0.0.1:" + QByteArray::number(socket_->localPort());
      }
      handle(std::move(parsed.request));
    }
  }

  void handle(ParsedRequest request) {
    const QByteArray path = request.path();
    if (path == kControlPrefix || path.startsWith(kControlPrefix + '/')) {
      send(control(request), request.keepAlive, request.method == "HEAD");
      return;
    }
    const quint64 logId = server_.logRequest(request.method, request.target, request.host, request.headers);
    const std::optional<SandboxFault> fault = server_.takeFault(request.method, request.target);
    if (fault) server_.markFaulted(logId);
    if (!fault) return answer(request, repositoryAnswer(request), logId);

    switch (fault->action) {
      case SandboxFault::Action::Status: {
        HttpResponse response{fault->status, {}, fault->body.toStdString()};
        for (const auto& [name, value] : fault->headers)
          response.headers.emplace_back(name.toStdString(), value.toStdString());
        if (!response.body.empty() && headerValue(response.headers, "content-type").empty()) {
          setHeader(response.headers, "content-type", "application/json; charset=utf-8");
        }
        return answer(request, std::move(response), logId);
      }
      case SandboxFault::Action::Delay:
        busy_ = true;
        // The answer is computed when it is sent, as a slow server would; the timer dies with
        // the connection when the client gives up first.
        QTimer::singleShot(fault->delayMs, this, [this, request = std::move(request), logId] {
          busy_ = false;
          if (socket_->state() != QAbstractSocket::ConnectedState) return;
          answer(request, repositoryAnswer(request), logId);
          processBuffer();
        });
        return;
      case SandboxFault::Action::Hang:
        busy_ = true;  // for good: the connection answers nothing more
        return;
      case SandboxFault::Action::Truncate: {
        HttpResponse response = repositoryAnswer(request);
        response.body.resize(response.body.size() / 2);
        return answer(request, std::move(response), logId);
      }
      case SandboxFault::Action::Pad: {
        HttpResponse response = repositoryAnswer(request);
        // Trailing spaces keep a JSON body valid JSON: only its size is wrong.
        if (static_cast<qint64>(response.body.size()) < fault->padBytes) response.body.resize(fault->padBytes, ' ');
        return answer(request, std::move(response), logId);
      }
      case SandboxFault::Action::Link: {
        HttpResponse response = repositoryAnswer(request);
        setHeader(response.headers, "link", fault->link.toStdString());
        return answer(request, std::move(response), logId);
      }
      case SandboxFault::Action::Redirect: {
        HttpResponse response{302, {{"location", fault->redirectTo.toStdString()}}, {}};
        return answer(request, std::move(response), logId);
      }
    }
  }

  HttpResponse repositoryAnswer(const ParsedRequest& request) const {
    HttpRequest http;
    // HEAD is answered as GET without the body, as GitHub does.
    http.method = request.method == "HEAD" ? "GET" : request.method.toStdString();
    http.url = "http://" + request.host.toStdString() + request.target.toStdString();
    for (const auto& [name, value] : request.headers)
      http.headers.emplace_back(name.toStdString(), value.toStdString());
    http.body = request.body.toStdString();
    return server_.repository_.handle(http, server_.clock_());
  }

  HttpResponse control(const ParsedRequest& request) {
    const QByteArray path = request.path();
    const QByteArray& method = request.method;
    const auto faultList = [this] {
      QJsonArray faults;
      for (const SandboxFault& fault : server_.faults_) faults.append(faultToJson(fault));
      return QJsonObject{{QStringLiteral("faults"), faults}};
    };
    const auto notAllowed = [](const char* allow) {
      HttpResponse response = messageResponse(405, QStringLiteral("Method not allowed here."));
      setHeader(response.headers, "allow", allow);
      return response;
    };
    if (path == "/_sandbox/faults") {
      if (method == "GET" || method == "HEAD") return jsonResponse(200, faultList());
      if (method == "DELETE") {
        server_.clearFaults();
        return jsonResponse(200, faultList());
      }
      if (method == "POST") {
        QString error;
        auto faults = parseSandboxFaults(request.body, error);
        if (!faults) return messageResponse(400, QStringLiteral("Invalid fault rule: ") + error);
        server_.addFaults(std::move(*faults));
        return jsonResponse(201, faultList());
      }
      return notAllowed("GET, POST, DELETE");
    }
    if (path == "/_sandbox/requests") {
      if (method == "GET" || method == "HEAD") {
        return jsonResponse(200, QJsonObject{{QStringLiteral("requests"), server_.requestLog()}});
      }
      if (method == "DELETE") {
        server_.clearRequestLog();
        return jsonResponse(200, QJsonObject{{QStringLiteral("requests"), QJsonArray()}});
      }
      return notAllowed("GET, DELETE");
    }
    return messageResponse(404, QStringLiteral("Not Found. The control endpoints are /_sandbox/faults and "
                                               "/_sandbox/requests."));
  }

  void answer(const ParsedRequest& request, HttpResponse response, quint64 logId) {
    server_.markAnswered(logId, response.status);
    send(response, request.keepAlive, request.method == "HEAD");
  }

  void send(const HttpResponse& response, bool keepAlive, bool headOnly) {
    socket_->write(serialize(response, keepAlive, headOnly, server_.clock_()));
    if (!keepAlive) {
      closing_ = true;
      socket_->disconnectFromHost();  // after the bytes above are written
    }
  }

  SandboxServer& server_;
  QTcpSocket* socket_;
  QByteArray buffer_;
  bool busy_ = false;
  bool closing_ = false;
  bool continueSent_ = false;
};

// ---- the server ---------------------------------------------------------------------------

SandboxServer::SandboxServer(SandboxRepository& repository, QObject* parent)
    : QObject(parent),
      repository_(repository),
      server_(std::make_unique<QTcpServer>()),
      connections_(std::make_unique<QObject>()),
      clock_([] { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }) {
  connect(server_.get(), &QTcpServer::newConnection, this, [this] { acceptConnections(); });
}

SandboxServer::~SandboxServer() {
  server_->close();
  // Connections use the other members while they live (and their timers may be due): end them
  // first.
  connections_.reset();
}

bool SandboxServer::listen(quint16 port) {
  return server_->listen(QHostAddress::LocalHost, port);
}

bool SandboxServer::isListening() const {
  return server_->isListening();
}

QString SandboxServer::errorString() const {
  return server_->errorString();
}

bool SandboxServer::addressInUse() const {
  return server_->serverError() == QAbstractSocket::AddressInUseError;
}

quint16 SandboxServer::port() const {
  return server_->serverPort();
}

QString SandboxServer::url() const {
  return QStringLiteral("http://127.0.0.1:") + QString::number(port());
}

void SandboxServer::setClock(Clock clock) {
  clock_ = std::move(clock);
}

void SandboxServer::addFaults(std::vector<SandboxFault> faults) {
  for (SandboxFault& fault : faults) faults_.push_back(std::move(fault));
}

void SandboxServer::clearFaults() {
  faults_.clear();
}

int SandboxServer::activeFaults() const {
  return static_cast<int>(faults_.size());
}

QJsonArray SandboxServer::requestLog() const {
  QJsonArray log;
  for (const LogEntry& entry : log_) {
    QJsonArray names;
    for (const QByteArray& name : entry.headerNames) names.append(QString::fromLatin1(name));
    log.append(QJsonObject{{QStringLiteral("method"), QString::fromLatin1(entry.method)},
                           {QStringLiteral("path"), QString::fromUtf8(entry.target)},
                           {QStringLiteral("host"), QString::fromLatin1(entry.host)},
                           {QStringLiteral("headers"), names},
                           {QStringLiteral("authorization"), entry.authorization},
                           {QStringLiteral("fault"), entry.faulted},
                           {QStringLiteral("status"), entry.status}});
  }
  return log;
}

void SandboxServer::clearRequestLog() {
  log_.clear();
}

void SandboxServer::acceptConnections() {
  while (QTcpSocket* socket = server_->nextPendingConnection()) new Connection(*this, socket);
}

// Header names only: values (the token above all) never reach the log.
quint64 SandboxServer::logRequest(const QByteArray& method, const QByteArray& target, const QByteArray& host,
                                  const QList<QPair<QByteArray, QByteArray>>& headers) {
  LogEntry entry;
  entry.id = nextLogId_++;
  entry.method = method;
  entry.target = target;
  entry.host = host;
  for (const auto& header : headers) {
    entry.headerNames.append(header.first);
    if (sameName(header.first, "authorization")) entry.authorization = true;
  }
  log_.push_back(std::move(entry));
  if (log_.size() > kMaxLogEntries) log_.pop_front();
  return log_.back().id;
}

SandboxServer::LogEntry* SandboxServer::logEntry(quint64 id) {
  // Ids grow by one per entry, so the entry sits at a known distance from the back.
  if (log_.empty() || id < log_.front().id || id > log_.back().id) return nullptr;
  LogEntry& entry = log_[static_cast<std::size_t>(id - log_.front().id)];
  return entry.id == id ? &entry : nullptr;
}

void SandboxServer::markFaulted(quint64 id) {
  if (LogEntry* entry = logEntry(id)) entry->faulted = true;
}

void SandboxServer::markAnswered(quint64 id, int status) {
  if (LogEntry* entry = logEntry(id)) entry->status = status;
}

std::optional<SandboxFault> SandboxServer::takeFault(const QByteArray& method, const QByteArray& target) {
  const QByteArray path = pathOf(target);
  const QByteArray query = target.mid(path.size() + 1);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (!it->method.isEmpty() && it->method != method) continue;
    if (!path.startsWith(it->path) || !query.contains(it->query)) continue;
    SandboxFault fault = *it;
    // times 0 applies forever; otherwise the rule wears out.
    if (it->times > 0 && --it->times == 0) faults_.erase(it);
    return fault;
  }
  return std::nullopt;
}

}  // namespace releasedesk
