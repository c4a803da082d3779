#include "tests/app/adapter/http_test_server.h"

#include "app/sandbox_server/http1_codec.h"

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

// The scripted answer as HTTP/1.1 bytes, written by the same codec as the sandbox server's.
QByteArray serialize(const ScriptedResponse& response) {
  HttpResponse http{response.status, {}, response.body.toStdString()};
  for (const auto& [name, value] : response.headers) http.headers.emplace_back(name.toStdString(), value.toStdString());
  http1::ResponseFraming framing;
  framing.keepAlive = false;
  framing.chunked = response.chunked;
  return http1::writeResponse(http, framing);
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
  const QByteArray buffer = socket->property("buffer").toByteArray() + incoming;
  http1::ParseResult parsed = http1::parseRequest(buffer);
  if (parsed.outcome == http1::ParseOutcome::Incomplete) {
    socket->setProperty("buffer", buffer);
    return;
  }
  socket->setProperty("buffer", QByteArray());
  if (parsed.outcome == http1::ParseOutcome::Malformed) {
    // Not a test's request: say why and close, as the sandbox server does.
    http1::ResponseFraming framing;
    framing.keepAlive = false;
    socket->write(http1::writeResponse({parsed.errorStatus, {}, parsed.errorMessage.toStdString()}, framing));
    socket->disconnectFromHost();
    return;
  }
  RecordedRequest request;
  request.method = parsed.request.method;
  request.target = parsed.request.target;
  request.headers = parsed.request.headers;
  request.body = parsed.request.body;
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
