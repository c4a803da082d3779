// A tiny scripted HTTP/1.1 server on 127.0.0.1 for the adapter's tests: it records every request
// and answers each from a handler, over plain TCP or TLS.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

#include <functional>
#include <memory>

class QTcpServer;
class QTcpSocket;

namespace releasedesk::test {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

struct RecordedRequest {
  QByteArray method;
  QByteArray target;  // path and query, as sent
  RawHeaders headers;
  QByteArray body;

  // Case-insensitive; empty when absent.
  QByteArray header(const QByteArray& name) const;
  bool hasHeader(const QByteArray& name) const;
};

struct ScriptedResponse {
  int status = 200;
  RawHeaders headers{};
  QByteArray body{};
  bool chunked = false;      // send the body without a Content-Length
  bool neverAnswer = false;  // read the request, then keep the connection open and say nothing
  QByteArray raw{};          // when set: written as is instead, and the connection is left open

  static ScriptedResponse json(int status, const QByteArray& body, RawHeaders headers = {});
  static ScriptedResponse redirect(int status, const QByteArray& location);
  static ScriptedResponse silence();
};

class HttpTestServer {
 public:
  using Handler = std::function<ScriptedResponse(const RecordedRequest&)>;

  // Listens on 127.0.0.1 at a free port; with a key and certificate, speaks TLS.
  HttpTestServer();
  HttpTestServer(const QSslKey& key, const QSslCertificate& certificate);
  ~HttpTestServer();
  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  bool isListening() const;
  quint16 port() const;
  // "http://127.0.0.1:<port><path>" (https with TLS); `host` replaces 127.0.0.1.
  QString url(const QString& path, const QString& host = QStringLiteral("127.0.0.1")) const;
  std::string stdUrl(const QString& path, const QString& host = QStringLiteral("127.0.0.1")) const;

  // Answers every request from now on; the default answers 404.
  void setHandler(Handler handler);
  void answerAlways(const ScriptedResponse& response);

  const QList<RecordedRequest>& requests() const { return requests_; }
  // Every byte received on every connection, parsed or not, for leak checks.
  const QByteArray& receivedBytes() const { return received_; }

 private:
  void accept();
  void readFrom(QTcpSocket* socket);

  std::unique_ptr<QTcpServer> server_;
  bool tls_ = false;
  Handler handler_;
  QList<RecordedRequest> requests_;
  QByteArray received_;
};

// A self-signed certificate for 127.0.0.1 and localhost, made with the openssl command; empty
// (null) when openssl is missing.
struct TestCertificate {
  QSslKey key;
  QSslCertificate certificate;
  bool isNull() const { return certificate.isNull() || key.isNull(); }
};
TestCertificate makeLoopbackCertificate();

}  // namespace releasedesk::test
