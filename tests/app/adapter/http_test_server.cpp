#include "tests/app/adapter/http_test_server.h"

#include <QFile>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslServer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

namespace releasedesk::test {
namespace {

QByteArray reasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 422: return "Unprocessable Entity";
    case 500: return "Internal Server Error";
    default: return "Status";
  }
}

QByteArray serialize(const ScriptedResponse& response) {
  QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
  for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
  out += "Connection: close\r\n";
  if (response.chunked) {
    out += "Transfer-Encoding: chunked\r\n\r\n";
    for (qsizetype at = 0; at < response.body.size(); at += 256) {
      const QByteArray chunk = response.body.mid(at, 256);
      out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    }
    out += "0\r\n\r\n";
  } else {
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n\r\n" + response.body;
  }
  return out;
}

}  // namespace

QByteArray RecordedRequest::header(const QByteArray& name) const {
  for (const auto& [key, value] : headers) {
    if (key.compare(name, Qt::CaseInsensitive) == 0) return value;
  }
  return {};
}

bool RecordedRequest::hasHeader(const QByteArray& name) const {
  for (const auto& header : headers) {
    if (header.first.compare(name, Qt::CaseInsensitive) == 0) return true;
  }
  return false;
}

ScriptedResponse ScriptedResponse::json(int status, const QByteArray& body, RawHeaders headers) {
  headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json; charset=utf-8")));
  return {status, std::move(headers), body};
}

ScriptedResponse ScriptedResponse::redirect(int status, const QByteArray& location) {
  return {status, {{"Location", location}}, {}};
}

ScriptedResponse ScriptedResponse::silence() {
  ScriptedResponse response;
  response.neverAnswer = true;
  return response;
}

HttpTestServer::HttpTestServer() : server_(std::make_unique<QTcpServer>()) {
  answerAlways({404, {}, "not scripted"});
  QObject::connect(server_.get(), &QTcpServer::pendingConnectionAvailable, server_.get(), [this] { accept(); });
  server_->listen(QHostAddress::LocalHost);
}

HttpTestServer::HttpTestServer(const QSslKey& key, const QSslCertificate& certificate) : tls_(true) {
  auto server = std::make_unique<QSslServer>();
  QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
  configuration.setLocalCertificate(certificate);
  configuration.setPrivateKey(key);
  configuration.setPeerVerifyMode(QSslSocket::VerifyNone);  // the server does not check clients
  server->setSslConfiguration(configuration);
  server_ = std::move(server);
  answerAlways({404, {}, "not scripted"});
  QObject::connect(server_.get(), &QTcpServer::pendingConnectionAvailable, server_.get(), [this] { accept(); });
  server_->listen(QHostAddress::LocalHost);
}

HttpTestServer::~HttpTestServer() = default;

bool HttpTestServer::isListening() const {
  return server_->isListening();
}

quint16 HttpTestServer::port() const {
  return server_->serverPort();
}

QString HttpTestServer::url(const QString& path, const QString& host) const {
  return (tls_ ? QStringLiteral("https://") : QStringLiteral("http://")) + host + QLatin1Char(':') +
         QString::number(port()) + path;
}

std::string HttpTestServer::stdUrl(const QString& path, const QString& host) const {
  return url(path, host).toStdString();
}

void HttpTestServer::setHandler(Handler handler) {
  handler_ = std::move(handler);
}

void HttpTestServer::answerAlways(const ScriptedResponse& response) {
  handler_ = [response](const RecordedRequest&) { return response; };
}

void HttpTestServer::accept() {
  while (QTcpSocket* socket = server_->nextPendingConnection()) {
    socket->setParent(server_.get());
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] { readFrom(socket); });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    if (socket->bytesAvailable() > 0) readFrom(socket);
  }
}

void HttpTestServer::readFrom(QTcpSocket* socket) {
  const QByteArray incoming = socket->readAll();
  received_ += incoming;
  QByteArray buffer = socket->property("buffer").toByteArray() + incoming;
  const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
  if (headerEnd < 0) {
    socket->setProperty("buffer", buffer);
    return;
  }
  RecordedRequest request;
  const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
  const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
  request.method = requestLine.value(0);
  request.target = requestLine.value(1);
  qsizetype contentLength = 0;
  for (qsizetype i = 1; i < lines.size(); ++i) {
    const qsizetype colon = lines[i].indexOf(':');
    if (colon <= 0) continue;
    const QByteArray name = lines[i].left(colon).trimmed();
    const QByteArray value = lines[i].mid(colon + 1).trimmed();
    request.headers.append({name, value});
    if (name.compare("Content-Length", Qt::CaseInsensitive) == 0) contentLength = value.toLongLong();
  }
  if (buffer.size() < headerEnd + 4 + contentLength) {
    socket->setProperty("buffer", buffer);
    return;
  }
  request.body = buffer.mid(headerEnd + 4, contentLength);
  socket->setProperty("buffer", QByteArray());
  requests_.append(request);
  const ScriptedResponse response = handler_(request);
  if (response.neverAnswer) return;
  if (!response.raw.isEmpty()) {
    socket->write(response.raw);
    return;
  }
  socket->write(serialize(response));
  socket->disconnectFromHost();
}

TestCertificate makeLoopbackCertificate() {
  QTemporaryDir dir;
  QProcess openssl;
  openssl.start(
      QStringLiteral("openssl"),
      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
       QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
       QStringLiteral("/CN=127.0.0.1"), QStringLiteral("-addext"),
       QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost"), QStringLiteral("-keyout"),
       dir.filePath(QStringLiteral("key.pem")), QStringLiteral("-out"), dir.filePath(QStringLiteral("cert.pem"))});
  if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0) return TestCertificate();
  QFile keyFile(dir.filePath(QStringLiteral("key.pem")));
  QFile certificateFile(dir.filePath(QStringLiteral("cert.pem")));
  if (!keyFile.open(QIODevice::ReadOnly) || !certificateFile.open(QIODevice::ReadOnly)) return TestCertificate();
  TestCertificate made;
  made.key = QSslKey(&keyFile, QSsl::Rsa);
  made.certificate = QSslCertificate(&certificateFile);
  return made;
}

}  // namespace releasedesk::test
